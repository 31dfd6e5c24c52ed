/// The `deadline batch` line protocol, as a pure function over bytes so that it runs at memory speed.
///
/// Input: one request per line, `YYYY-MM-DD N work|cal` (fields separated by spaces or tabs, a
/// trailing CR tolerated). `work` asks for the N-th working day after the date; `cal` for date + N
/// calendar days rolled forward to the next working day. Output: one `YYYY-MM-DD` per line, in order,
/// followed by ` provisional` when the answer depends on a year without calendar data.
public enum DeadlineBatch {
    /// The largest N accepted (about 270 years).
    public static let maxCount = 100_000

    /// Answers every line, or throws the first malformed one (`stdin:LINE:FIELD: reason`) and answers none.
    public static func run(_ input: UnsafeBufferPointer<UInt8>, calendar: WorkingCalendar, source: String = "stdin") throws(InputError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 2 + 64)
        var lineNumber = 0
        var start = 0
        let end = input.count
        while start < end {
            lineNumber += 1
            var stop = start
            while stop < end && input[stop] != 0x0A { stop += 1 }
            var lineEnd = stop
            if lineEnd > start && input[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            try answer(UnsafeBufferPointer(rebasing: input[start..<lineEnd]), line: lineNumber, calendar: calendar, source: source, into: &out)
            start = stop + 1
        }
        return out
    }

    @inline(__always)
    static func answer(_ line: UnsafeBufferPointer<UInt8>, line number: Int, calendar: WorkingCalendar, source: String, into out: inout [UInt8]) throws(InputError) {
        func fail(_ field: String, _ reason: String) -> InputError {
            InputError(file: source, line: number, field: field, reason: reason)
        }
        var i = 0
        let n = line.count
        func skipBlanks() { while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 } }
        func token() -> Range<Int> {
            skipBlanks()
            let s = i
            while i < n && line[i] != 0x20 && line[i] != 0x09 { i += 1 }
            return s..<i
        }
        let dateRange = token()
        guard !dateRange.isEmpty else { throw fail("date", "empty line; expected `YYYY-MM-DD N work|cal`") }
        guard let day = Day(isoBytes: UnsafeBufferPointer(rebasing: line[dateRange])) else {
            throw fail("date", "\"\(text(line, dateRange))\" is not a date YYYY-MM-DD that exists")
        }
        let countRange = token()
        guard !countRange.isEmpty else { throw fail("count", "missing; expected `YYYY-MM-DD N work|cal`") }
        var count = 0
        for k in countRange {
            let digit = Int(line[k]) &- 0x30
            guard digit >= 0 && digit <= 9 && count <= maxCount else {
                throw fail("count", "\"\(text(line, countRange))\" is not a whole number from 0 to \(maxCount)")
            }
            count = count * 10 + digit
        }
        guard count <= maxCount else { throw fail("count", "\(count) is more than \(maxCount)") }
        let modeRange = token()
        let result: CalendarAnswer
        if modeRange.count == 4 && line[modeRange.lowerBound] == 0x77 && line[modeRange.lowerBound + 1] == 0x6F
            && line[modeRange.lowerBound + 2] == 0x72 && line[modeRange.lowerBound + 3] == 0x6B {  // work
            result = calendar.addingWorkingDays(count, to: day)
        } else if modeRange.count == 3 && line[modeRange.lowerBound] == 0x63 && line[modeRange.lowerBound + 1] == 0x61
            && line[modeRange.lowerBound + 2] == 0x6C {  // cal
            result = calendar.addingCalendarDays(count, to: day, rollForward: true)
        } else {
            throw fail("mode", modeRange.isEmpty ? "missing; expected work or cal" : "\"\(text(line, modeRange))\" is not work or cal")
        }
        skipBlanks()
        guard i == n else { throw fail("mode", "unexpected text after the mode: \"\(text(line, i..<n))\"") }
        guard result.day.number <= Day.number(year: 9999, month: 12, day: 31) else { throw fail("count", "the answer lies past year 9999") }
        result.day.appendISO(to: &out)
        if result.provisional { out.append(contentsOf: provisionalSuffix) }
        out.append(0x0A)
    }

    private static let provisionalSuffix: [UInt8] = Array(" provisional".utf8)

    private static func text(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
    }
}
