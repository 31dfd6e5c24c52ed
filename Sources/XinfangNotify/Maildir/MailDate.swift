import XinfangCore

/// The RFC 5322 §3.3 date-time: `Thu, 10 Dec 2026 09:00:00 +0800`.
enum MailDate {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The instant `unixSeconds`, shown in a zone `utcOffset` seconds east of UTC.
    static func format(unixSeconds: Int64, utcOffset: Int) -> String {
        let local = Int(unixSeconds) + utcOffset
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - dayNumber * 86_400
        let day = Day(number: dayNumber)
        let (year, month, dayOfMonth) = day.civil
        let offsetMinutes = abs(utcOffset) / 60
        return "\(weekdays[day.isoWeekday - 1]), \(two(dayOfMonth)) \(months[month - 1]) \(year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) "
            + "\(utcOffset < 0 ? "-" : "+")\(two(offsetMinutes / 60))\(two(offsetMinutes % 60))"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
