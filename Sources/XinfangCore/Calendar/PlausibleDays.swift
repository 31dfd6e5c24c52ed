extension Day {
    /// The dates a petition record may carry: 1990-01-01 through 2099-12-31. Older dates predate
    /// every regulation the policies implement, later ones are typing errors (and would push due
    /// dates past the years day numbers are checked for); both are refused at the edge.
    public static let plausible: ClosedRange<Day> = Day(year: 1990, month: 1, day: 1)!...Day(year: 2099, month: 12, day: 31)!

    /// Why `self` is refused, or nil when it is plausible: `outside the plausible range 1990-01-01…2099-12-31`.
    public var implausibility: String? {
        Day.plausible.contains(self) ? nil : "\(self) is outside the plausible range \(Day.plausible.lowerBound)…\(Day.plausible.upperBound)"
    }
}

/// Text limits of every field read from a file, an import or the command line.
public enum FieldText {
    /// The longest text a field may hold, in characters (a note; names and numbers are far shorter).
    public static let maximumLength = 2000

    /// Why `text` is refused, or nil: a NUL character, or more than `maximumLength` characters.
    public static func refusal(_ text: String) -> String? {
        if text.utf8.contains(0) { return "contains a NUL character" }
        if text.unicodeScalars.count > maximumLength { return "is longer than \(maximumLength) characters" }
        return nil
    }
}
