import Testing
import XinfangCore

/// The `deadline batch` line protocol over bytes, against the 2025 excerpt (元旦, 国庆节、中秋节 with
/// make-up Sun 09-28 and Sat 10-11) and the 2026 excerpt.
@Suite("DeadlineBatch")
struct DeadlineBatchTests {
    let calendar: WorkingCalendar
    let calendar2025: WorkingCalendar

    init() throws {
        calendar = try WorkingCalendar(id: "t", years: [excerpt2025(), excerpt2026()])
        calendar2025 = try WorkingCalendar(id: "t", years: [excerpt2025()])
    }

    func run(_ text: String, _ calendar: WorkingCalendar) -> Result<String, InputError> {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            do throws(InputError) {
                let out = try DeadlineBatch.run(buffer, calendar: calendar)
                return .success(String(decoding: out, as: UTF8.self))
            } catch {
                return .failure(error)
            }
        }
    }

    func firstError(_ text: String) -> InputError? {
        if case .failure(let error) = run(text, calendar) { return error }
        return nil
    }

    @Test("answers one line per request, in order")
    func answers() throws {
        let input = """
            2025-09-30 1 work
            2025-09-30 1 cal
            2025-09-26 15 cal
            2025-09-26 5 work
            2025-12-17 15 cal
            2025-12-30 3 work
            2025-10-01 0 cal
            """
        let expected = [
            "2025-10-09",  // Tue 09-30: 10-01…10-08 off → Thu 10-09
            "2025-10-09",  // Tue 09-30 + 1 = Wed 10-01, off → Thu 10-09
            "2025-10-11",  // Fri 09-26 + 15 = Sat 10-11, a make-up working day: no roll
            "2025-10-10",  // Fri 09-26: Sun 28, Mon 29, Tue 30, Thu 10-09, Fri 10-10
            "2026-01-04",  // Wed 12-17 + 15 = Thu 2026-01-01 (元旦 01-01…01-03) → make-up Sun 01-04
            "2026-01-05",  // Tue 12-30: Wed 31 (1), Sun 2026-01-04 make-up (2), Mon 01-05 (3)
            "2025-10-09",  // Wed 10-01 + 0, off → Thu 10-09
        ].map { $0 + "\n" }.joined()
        #expect(try run(input, calendar).get() == expected)
        // a trailing newline adds no request
        #expect(try run(input + "\n", calendar).get() == expected)
        #expect(try run("", calendar).get() == "")
    }

    @Test("answers outside the covered years carry the provisional suffix")
    func provisional() throws {
        let input = "2025-12-30 3 work\n2025-12-30 1 work\n2025-12-29 5 cal\n2024-12-30 2 work\n"
        let expected = """
            2026-01-02 provisional
            2025-12-31
            2026-01-05 provisional
            2025-01-02 provisional

            """
        // 2025 only: Tue 12-30 + 3 working days = Wed 31, Thu 2026-01-01 (unknown year), Fri 01-02;
        // + 1 = Wed 12-31 (covered); Mon 12-29 + 5 = Sat 2026-01-03 → Mon 01-05 by weekdays;
        // Mon 2024-12-30: Tue 12-31 (unknown year), 2025-01-01 元旦 off, Thu 01-02
        #expect(try run(input, calendar2025).get() == expected)
    }

    @Test("CRLF line ends and tabs or repeated blanks between fields are tolerated")
    func crlfAndBlanks() throws {
        let input = "2025-09-30 1 work\r\n2025-09-26\t15\tcal\r\n  2025-09-26   5  work  \r\n"
        #expect(try run(input, calendar).get() == "2025-10-09\n2025-10-11\n2025-10-10\n")
    }

    @Test("leading zeros in the count, a CR at the end of the input, a last line without LF")
    func lineEdges() throws {
        // 0000001 is 1: Tue 09-30 → Thu 10-09; Fri 09-26 + 15 = Sat 10-11 (make-up); the CR before
        // the end of the input is a line end too.
        #expect(try run("2025-09-30 0000001 work\n2025-09-26 15 cal\r", calendar).get() == "2025-10-09\n2025-10-11\n")
        // Fri 09-26 + 5 working days: Sun 28, Mon 29, Tue 30, Thu 10-09, Fri 10-10.
        #expect(try run("2025-09-26 5 work\n2025-09-26 5 work", calendar).get() == "2025-10-10\n2025-10-10\n")
        // A batch as large as a bulk request: every answer, in order, whatever the buffer sizes.
        let many = String(repeating: "2025-09-30 1 work\n2025-12-31 3 work\n", count: 50_000)
        // Wed 12-31 + 3: 元旦 01-01…01-03 off, Sun 2026-01-04 make-up (1), Mon 01-05 (2), Tue 01-06 (3).
        #expect(try run(many, calendar).get() == String(repeating: "2025-10-09\n2026-01-06\n", count: 50_000))
    }

    @Test("malformed lines give stdin:LINE:FIELD errors", arguments: [
        ("2025-09-30 1 work\n2025-02-29 1 work\n", 2, "date"),   // no 29 February in 2025
        ("2025/09/30 1 work\n", 1, "date"),
        ("2025-09-30 1 work\n\n2025-09-30 1 work\n", 2, "date"),  // an empty line
        ("2025-09-30 x work\n", 1, "count"),
        ("2025-09-30 -1 work\n", 1, "count"),
        ("2025-09-30 100001 cal\n", 1, "count"),
        ("2025-09-30 99999999999999999999999 cal\n", 1, "count"),
        ("2025-09-30\n", 1, "count"),
        ("2025-09-30 1\n", 1, "mode"),
        ("2025-09-30 1 days\n", 1, "mode"),
        ("2025-09-30 1 WORK\n", 1, "mode"),
        ("2025-09-30 1 work extra\n", 1, "mode"),
        ("2025-09-30 1 work\r\n2025-09-30 1 cal\r\n2025-09-30 1 calendar\r\n", 3, "mode"),
    ])
    func malformed(_ input: String, _ line: Int, _ field: String) throws {
        let error = try #require(firstError(input))
        #expect(error.file == "stdin")
        #expect(error.line == line)
        #expect(error.field == field)
        #expect(error.description.hasPrefix("stdin:\(line):\(field): "))
    }

    @Test("the largest count is accepted")
    func maxCount() throws {
        #expect(DeadlineBatch.maxCount == 100_000)
        // 2025-01-01 + 100 000 days = Mon 2298-10-17 (Python datetime): a weekday, outside the data → provisional
        #expect(try run("2025-01-01 100000 cal\n", calendar).get() == "2298-10-17 provisional\n")
    }

    @Test("one bad line means no answers at all")
    func allOrNothing() {
        guard case .failure(let error) = run("2025-09-30 1 work\n2025-09-30 1 work\n2025-09-30 1 wrk\n", calendar) else {
            Issue.record("a malformed batch was answered")
            return
        }
        #expect(error.line == 3)
    }

    @Test("the source name is used in errors")
    func sourceName() {
        let bytes = Array("2025-09-30 1 nope\n".utf8)
        let message: String = bytes.withUnsafeBufferPointer { buffer in
            do throws(InputError) {
                _ = try DeadlineBatch.run(buffer, calendar: calendar, source: "requests.txt")
                return ""
            } catch {
                return error.description
            }
        }
        #expect(message.hasPrefix("requests.txt:1:mode: "))
    }
}
