import XinfangCore

/// Builds iCalendar text as UTF-8 bytes one content line at a time (RFC 5545 §3.1): a line is
/// assembled whole, then folded at 75 octets, never inside a UTF-8 sequence, and ended with CRLF.
struct ContentLineWriter {
    /// The finished, folded lines.
    private(set) var bytes: [UInt8] = []
    /// The content line being assembled, unfolded.
    private var line: [UInt8] = []

    /// An empty writer with room for about `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        line.reserveCapacity(512)
    }

    // MARK: Whole lines

    /// `NAME:value`, the value written as it is (it is already in its type's syntax).
    mutating func raw(_ name: StaticString, _ value: String) {
        append(name)
        line.append(colon)
        line.append(contentsOf: value.utf8)
        endLine()
    }

    /// `NAME:value`, the value escaped as TEXT (§3.3.11).
    mutating func text(_ name: StaticString, _ value: String) {
        append(name)
        line.append(colon)
        appendText(value)
        endLine()
    }

    /// `NAME:a,b,c`, each value escaped as TEXT, so a comma inside one stays inside it.
    mutating func texts(_ name: StaticString, _ values: [String]) {
        append(name)
        line.append(colon)
        for (index, value) in values.enumerated() {
            if index > 0 { line.append(comma) }
            appendText(value)
        }
        endLine()
    }

    /// `NAME:n` for an INTEGER.
    mutating func integer(_ name: StaticString, _ value: Int) {
        raw(name, String(value))
    }

    /// `NAME;VALUE=DATE:YYYYMMDD`.
    mutating func date(_ name: StaticString, _ day: Day) {
        append(name)
        append(";VALUE=DATE:")
        appendDate(day)
        endLine()
    }

    /// `NAME;TZID=zone:YYYYMMDDTHHMMSS`, local time `minute` minutes after the start of `day`.
    mutating func localDateTime(_ name: StaticString, zone: String, _ day: Day, minute: Int) {
        append(name)
        append(";TZID=")
        appendParameterValue(zone)
        line.append(colon)
        let (days, minuteOfDay) = floorDivide(minute, 1440)
        appendDateTime(day.adding(days: days), secondOfDay: minuteOfDay * 60)
        endLine()
    }

    /// `NAME:YYYYMMDDTHHMMSSZ` for `seconds` since 1970-01-01T00:00:00Z.
    mutating func utcDateTime(_ name: StaticString, seconds: Int64) {
        append(name)
        line.append(colon)
        let (days, second) = floorDivide(Int(seconds), 86_400)
        appendDateTime(Day(number: days), secondOfDay: second)
        line.append(UInt8(ascii: "Z"))
        endLine()
    }

    /// `NAME:±HHMM` for a UTC offset (§3.3.14); zero is "+0000", as "-0000" is not allowed.
    mutating func utcOffset(_ name: StaticString, minutes: Int) {
        append(name)
        line.append(colon)
        line.append(UInt8(ascii: minutes < 0 ? "-" : "+"))
        let magnitude = minutes.magnitude
        appendDigits(Int(magnitude / 60), width: 2)
        appendDigits(Int(magnitude % 60), width: 2)
        endLine()
    }

    /// `NAME:-PTnM` for a trigger `minutesBefore` the start, `NAME:PTnM` for one after it (§3.3.6).
    mutating func durationBefore(_ name: StaticString, minutes minutesBefore: Int) {
        append(name)
        line.append(colon)
        if minutesBefore > 0 { line.append(UInt8(ascii: "-")) }
        append("PT")
        line.append(contentsOf: String(minutesBefore.magnitude).utf8)
        line.append(UInt8(ascii: "M"))
        endLine()
    }

    // MARK: Pieces of a line

    private let colon = UInt8(ascii: ":")
    private let comma = UInt8(ascii: ",")

    private mutating func append(_ ascii: StaticString) {
        ascii.withUTF8Buffer { line.append(contentsOf: $0) }
    }

    /// TEXT escaping: `\` `;` `,` get a backslash, a line break (LF, CR or CRLF) becomes `\n`, and
    /// the other control characters, which TEXT cannot hold, are dropped; tab is kept.
    private mutating func appendText(_ value: String) {
        var value = value
        value.withUTF8 { appendText(bytes: $0) }
    }

    /// `appendText` on the UTF-8 bytes: runs of plain bytes are copied whole.
    private mutating func appendText(bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var afterCR = false
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x5C && byte != 0x3B && byte != 0x2C && byte != 0x7F {
                afterCR = false
                continue
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            runStart = index + 1
            switch byte {
            case 0x5C, 0x3B, 0x2C:
                line.append(0x5C)
                line.append(byte)
            case 0x0A where afterCR:
                break
            case 0x0A, 0x0D:
                line.append(0x5C)
                line.append(UInt8(ascii: "n"))
            case 0x09:
                line.append(byte)
            default:
                break  // another control character
            }
            afterCR = byte == 0x0D
        }
        line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// A parameter value (§3.2): as it is when it is plain text, in double quotes when it holds
    /// `;` `:` or `,`; double quotes and control characters, which no parameter value can hold, are dropped.
    private mutating func appendParameterValue(_ value: String) {
        let needsQuotes = value.utf8.contains { $0 == 0x3B || $0 == 0x3A || $0 == 0x2C }
        if needsQuotes { line.append(0x22) }
        for byte in value.utf8 where byte != 0x22 && byte != 0x7F && (byte >= 0x20 || byte == 0x09) {
            line.append(byte)
        }
        if needsQuotes { line.append(0x22) }
    }

    /// `YYYYMMDD`.
    private mutating func appendDate(_ day: Day) {
        let (year, month, dayOfMonth) = day.civil
        appendDigits(year, width: 4)
        appendDigits(month, width: 2)
        appendDigits(dayOfMonth, width: 2)
    }

    /// `YYYYMMDDTHHMMSS`.
    private mutating func appendDateTime(_ day: Day, secondOfDay: Int) {
        appendDate(day)
        line.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, width: 2)
        appendDigits(secondOfDay / 60 % 60, width: 2)
        appendDigits(secondOfDay % 60, width: 2)
    }

    /// The last `width` decimal digits of `value`, zero-padded; a negative value writes zeros
    /// (iCalendar has no years before 1 and no negative fields).
    private mutating func appendDigits(_ value: Int, width: Int) {
        let value = max(value, 0)
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            line.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Folds the assembled line into `bytes` (§3.1): at most 75 octets a physical line, the
    /// continuation lines starting with a space that counts among them, each cut moved back to the
    /// start of a UTF-8 sequence.
    private mutating func endLine() {
        var start = 0
        var limit = 75
        while line.count - start > limit {
            var cut = start + limit
            while cut > start + 1 && line[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.append(contentsOf: line[start..<cut])
            bytes.append(contentsOf: [0x0D, 0x0A, 0x20])
            start = cut
            limit = 74
        }
        bytes.append(contentsOf: line[start...])
        bytes.append(contentsOf: [0x0D, 0x0A])
        line.removeAll(keepingCapacity: true)
    }
}

/// Quotient and remainder rounded towards minus infinity: `floorDivide(-1, 1440)` is (-1, 1439).
private func floorDivide(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
    let remainder = value % divisor
    return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
}
