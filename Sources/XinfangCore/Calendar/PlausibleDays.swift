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

    /// The most characters of a value an error message quotes.
    public static let quotedLength = 60

    /// Why `text` is refused, or nil: a NUL character, or more than `maximumLength` characters.
    public static func refusal(_ text: String) -> String? { Refusal(text)?.english }

    /// What is wrong with a refused text, in Chinese for users and in English for the operator.
    public enum Refusal: Sendable {
        case nul, tooLong

        /// Nil when `text` is acceptable.
        public init?(_ text: String) {
            if text.utf8.contains(0) { self = .nul; return }
            // Counting stops past the limit: a 100 kB value is not walked to its end.
            if text.unicodeScalars.dropFirst(FieldText.maximumLength).isEmpty { return nil }
            self = .tooLong
        }

        public var english: String {
            switch self {
            case .nul: "contains a NUL character"
            case .tooLong: "is longer than \(FieldText.maximumLength) characters"
            }
        }

        public var chinese: String {
            switch self {
            case .nul: "含有空字符（NUL）"
            case .tooLong: "超过 \(FieldText.maximumLength) 个字符"
            }
        }
    }

    /// A value for an error message: quoted, NUL shown as `\\0`, cut to `quotedLength` characters
    /// (an error about a 100 kB value must not echo it).
    public static func quoted(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars.prefix(quotedLength) {
            if scalar == "\u{0}" { shown += "\\0" } else { shown.unicodeScalars.append(scalar) }
        }
        return text.unicodeScalars.dropFirst(quotedLength).isEmpty ? "\"\(shown)\"" : "\"\(shown)…\""
    }
}
