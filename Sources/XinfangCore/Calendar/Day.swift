/// A civil date, held as a day number: days since 1970-01-01 in the proleptic Gregorian calendar.
///
/// Dates in Xinfang are local dates in the configured zone (Asia/Shanghai by default); a deadline
/// is due "by the end of its day". Hot code works on `number` directly.
public struct Day: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01 (which is day 0, a Thursday).
    public let number: Int

    /// Wraps a day number.
    @inlinable public init(number: Int) { self.number = number }

    /// The day for a valid civil date, or nil when the date does not exist (2025-02-29).
    @inlinable public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.number = Day.number(year: year, month: month, day: day)
    }

    @inlinable public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    /// The day `n` calendar days later (earlier when `n` is negative).
    @inlinable public func adding(days n: Int) -> Day { Day(number: number + n) }

    /// Calendar days from `other` to `self`.
    @inlinable public static func - (lhs: Day, rhs: Day) -> Int { lhs.number - rhs.number }
}

// MARK: - Civil arithmetic (H. Hinnant's days_from_civil / civil_from_days)

extension Day {
    /// Whether `year` is a Gregorian leap year.
    @inlinable public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days in a month of a year.
    @inlinable public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day number of a civil date; the date is not validated.
    @inlinable public static func number(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month and day of month.
    @inlinable public var civil: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The year of this day.
    public var year: Int { civil.year }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    @inlinable public var isoWeekday: Int {
        let r = (number + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// Saturday or Sunday.
    @inlinable public var isWeekend: Bool { isoWeekday >= 6 }

    /// The weekday in Chinese, 周一 … 周日.
    public var chineseWeekday: String {
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][isoWeekday - 1]
    }
}

// MARK: - ISO 8601 text (YYYY-MM-DD)

extension Day: CustomStringConvertible, LosslessStringConvertible {
    /// Parses `YYYY-MM-DD`; nil for anything else or an impossible date.
    public init?(_ text: String) {
        var text = text
        let parsed: Day? = text.withUTF8 { Day(isoBytes: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses exactly ten ASCII bytes `YYYY-MM-DD`.
    @inlinable public init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        var value = 0
        var fields = (0, 0, 0)
        for (i, byte) in b.enumerated() where i != 4 && i != 7 {
            let digit = Int(byte) &- 0x30
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
            if i == 3 { fields.0 = value; value = 0 }
            if i == 6 { fields.1 = value; value = 0 }
        }
        fields.2 = value
        self.init(year: fields.0, month: fields.1, day: fields.2)
    }

    /// Writes `YYYY-MM-DD` (years 0…9999) into `out`.
    @inlinable public func appendISO(to out: inout [UInt8]) {
        let (y, m, d) = civil
        out.append(UInt8(0x30 + (y / 1000) % 10))
        out.append(UInt8(0x30 + (y / 100) % 10))
        out.append(UInt8(0x30 + (y / 10) % 10))
        out.append(UInt8(0x30 + y % 10))
        out.append(0x2D)
        out.append(UInt8(0x30 + m / 10))
        out.append(UInt8(0x30 + m % 10))
        out.append(0x2D)
        out.append(UInt8(0x30 + d / 10))
        out.append(UInt8(0x30 + d % 10))
    }

    /// Writes the ten bytes `YYYY-MM-DD` (years 0…9999) at `out`.
    @inlinable public func writeISO(to out: UnsafeMutablePointer<UInt8>) {
        let (y, m, d) = civil
        let hi = y / 100, lo = y % 100
        out[0] = UInt8(truncatingIfNeeded: 0x30 + hi / 10 % 10)
        out[1] = UInt8(truncatingIfNeeded: 0x30 + hi % 10)
        out[2] = UInt8(truncatingIfNeeded: 0x30 + lo / 10)
        out[3] = UInt8(truncatingIfNeeded: 0x30 + lo % 10)
        out[4] = 0x2D
        out[5] = UInt8(truncatingIfNeeded: 0x30 + m / 10)
        out[6] = UInt8(truncatingIfNeeded: 0x30 + m % 10)
        out[7] = 0x2D
        out[8] = UInt8(truncatingIfNeeded: 0x30 + d / 10)
        out[9] = UInt8(truncatingIfNeeded: 0x30 + d % 10)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendISO(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date YYYY-MM-DD: \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
