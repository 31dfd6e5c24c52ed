/// A local minute: a day and the minutes after its midnight (0 … 1439), in the configured zone.
/// Enough for cut-off times; the engine turns it into an instant with its zone.
public struct DayMinute: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let day: Day
    /// Minutes after local midnight, 0 … 1439.
    public let minute: Int

    /// `minute` minutes after the midnight that starts `day`; minutes outside 0 … 1439 carry into
    /// the days before or after (−60 is 23:00 the day before).
    public init(_ day: Day, minute: Int) {
        let carry = minute >= 0 ? minute / 1440 : (minute - 1439) / 1440
        self.day = day.adding(days: carry)
        self.minute = minute - carry * 1440
    }

    /// `hour:minute` on `day`.
    public init(_ day: Day, hour: Int, minute: Int = 0) { self.init(day, minute: hour * 60 + minute) }

    /// The minute `n` minutes later (earlier when negative).
    public func adding(minutes n: Int) -> DayMinute { DayMinute(day, minute: minute + n) }

    /// Seconds after local midnight, for `LocalTime.instant(_:secondOfDay:)`.
    public var secondOfDay: Int { minute * 60 }

    public static func < (a: DayMinute, b: DayMinute) -> Bool {
        a.day != b.day ? a.day < b.day : a.minute < b.minute
    }

    /// `YYYY-MM-DD HH:MM`.
    public var description: String {
        let h = minute / 60, m = minute % 60
        return "\(day) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}
