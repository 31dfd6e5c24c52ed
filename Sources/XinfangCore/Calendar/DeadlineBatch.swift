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
    ///
    /// The common line (`YYYY-MM-DD N work|cal`, single spaces) is answered by `fastAnswer` straight
    /// from the bytes into a buffer sized once; any other line (tabs, repeated blanks, an error) goes
    /// through `answer`, which accepts the same lines and words every refusal.
    public static func run(_ input: UnsafeBufferPointer<UInt8>, calendar: WorkingCalendar, source: String = "stdin") throws(InputError) -> [UInt8] {
        // Every answered line has at least 16 bytes of input (10 for the date, 1 digit, 3 for the
        // mode, 2 blanks) and at most `maxAnswer` bytes of output.
        let capacity = (input.count / 16 + 1) * maxAnswer
        var failure: InputError?
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress, let bytes = input.baseAddress else { return }
            var o = 0
            var lineNumber = 0
            var start = 0
            let end = input.count
            while start < end {
                lineNumber += 1
                if let (next, written) = fastAnswer(bytes, from: start, end: end, calendar: calendar, into: base + o) {
                    o += written
                    start = next
                    continue
                }
                var stop = start
                while stop < end && bytes[stop] != 0x0A { stop += 1 }
                var lineEnd = stop
                if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                var line: [UInt8] = []
                do throws(InputError) {
                    try answer(UnsafeBufferPointer(rebasing: input[start..<lineEnd]), line: lineNumber, calendar: calendar, source: source, into: &line)
                } catch {
                    failure = error
                    return
                }
                for byte in line { base[o] = byte; o += 1 }
                start = stop + 1
            }
            initialized = o
        }
        if let failure { throw failure }
        return out
    }

    /// The longest answer: `YYYY-MM-DD provisional\n`.
    static let maxAnswer = 23

    /// Answers the line at `start` when it is exactly `YYYY-MM-DD N work|cal` with single spaces,
    /// ended by LF, CR LF or the end of the input; writes the answer at `out` and returns where the
    /// next line starts and how many bytes it wrote. Nil for anything else, which `answer` then
    /// accepts or refuses.
    @inline(__always)
    static func fastAnswer(_ b: UnsafePointer<UInt8>, from start: Int, end: Int, calendar: WorkingCalendar, into out: UnsafeMutablePointer<UInt8>) -> (next: Int, written: Int)? {
        guard end - start >= 16, b[start + 4] == 0x2D, b[start + 7] == 0x2D, b[start + 10] == 0x20 else { return nil }
        @inline(__always) func digit(_ k: Int) -> Int? {
            let d = Int(b[k]) &- 0x30
            return d >= 0 && d <= 9 ? d : nil
        }
        guard let y0 = digit(start), let y1 = digit(start + 1), let y2 = digit(start + 2), let y3 = digit(start + 3),
              let m0 = digit(start + 5), let m1 = digit(start + 6), let d0 = digit(start + 8), let d1 = digit(start + 9),
              let day = Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
        else { return nil }
        var i = start + 11
        var count = 0
        while i < end, let d = digit(i) {
            count = count * 10 + d
            i += 1
            if i - start > 17 { return nil }  // more than 6 digits
        }
        guard i > start + 11, count <= maxCount, i < end, b[i] == 0x20 else { return nil }
        i += 1
        let result: CalendarAnswer
        if end - i >= 4 && b[i] == 0x77 && b[i + 1] == 0x6F && b[i + 2] == 0x72 && b[i + 3] == 0x6B {  // work
            result = calendar.addingWorkingDays(count, to: day)
            i += 4
        } else if end - i >= 3 && b[i] == 0x63 && b[i + 1] == 0x61 && b[i + 2] == 0x6C {  // cal
            result = calendar.addingCalendarDays(count, to: day, rollForward: true)
            i += 3
        } else {
            return nil
        }
        if i < end && b[i] == 0x0D { i += 1 }
        if i < end {
            guard b[i] == 0x0A else { return nil }
            i += 1
        } else if b[i - 1] == 0x0D {
            return nil  // a CR that ends the input is not a line end
        }
        guard result.day.number <= Day.number(year: 9999, month: 12, day: 31) else { return nil }
        result.day.writeISO(to: out)
        var written = 10
        if result.provisional {
            for byte in provisionalSuffix { out[written] = byte; written += 1 }
        }
        out[written] = 0x0A
        return (i, written + 1)
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
