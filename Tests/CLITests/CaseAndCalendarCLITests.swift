import Foundation
import Testing
import XinfangTesting

@Suite("xinfangctl case explain and calendar")
struct CaseAndCalendarCLITests {
    @Test("explains the demo case: D6 extended by 30 days to 2026-01-07 (条例2022 第34条)")
    func explainDemo() throws {
        let result = try CLI.run(["case", "explain", "etc/demo/cases/XF-2025-000123.toml", "--as-of", "2025-12-01", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let deadlines = try #require(json["deadlines"] as? [[String: Any]])
        let handling = try #require(deadlines.first { $0["kind"] as? String == "D6" })
        // Accepted Thu 2025-10-09; 60 + 30 days = 90 days → Wed 2026-01-07, a working day.
        #expect(handling["due"] as? String == "2026-01-07")
        #expect(handling["status"] as? String == "open")
        #expect(handling["article"] as? String == "条例2022 第34条")
        #expect(handling["extensionDays"] as? Int == 30)
        let registration = try #require(deadlines.first { $0["kind"] as? String == "D1" })
        // Received Fri 09-26 + 15 = Sat 10-11, a make-up working day: due that day; forwarded 09-30, met.
        #expect(registration["due"] as? String == "2025-10-11")
        #expect(registration["status"] as? String == "met")
    }

    @Test("--policy cn-2005 gives 建议意见 a 60-day handling period that cn-2022 does not")
    func policyOverride() throws {
        let file = "etc/demo/cases/XF-2026-000031.json"
        let now = try CLI.run(["case", "explain", file, "--as-of", "2026-03-01", "--json"])
        let old = try CLI.run(["case", "explain", file, "--as-of", "2026-03-01", "--json", "--policy", "cn-2005"])
        func handling(_ r: CLI.Result) throws -> [String: Any] {
            let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require((json["deadlines"] as? [[String: Any]])?.first { $0["kind"] as? String == "D6" })
        }
        #expect(try handling(now)["status"] as? String == "not_applicable")
        // Accepted Wed 2026-02-25 + 60 = Sun 04-26 → Mon 04-27 (条例2005 第33条).
        #expect(try handling(old)["due"] as? String == "2026-04-27")
        #expect(try handling(old)["article"] as? String == "条例2005 第33条")
    }

    @Test("an event on a closed case is refused with file, line and rule; exit 2")
    func refusedEvent() throws {
        let dir = URL(fileURLWithPath: TemporaryFolder.make("case"))
        let path = dir.appendingPathComponent("case.toml").path
        try """
            [case]
            number = "XF-2025-000999"
            received = 2025-03-03
            category = "申诉求决"
            unit = "县自然资源局"

            [[events]]
            type = "closed"
            on = 2025-03-20

            [[events]]
            type = "accepted"
            on = 2025-03-21
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["case", "explain", path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(path):11:events[1]: XF-2025-000999: accepted on 2025-03-21 refused"))
        #expect(result.stderr.contains("closed"))
    }

    @Test("calendar show lists the 2025 National Day break and its make-up days")
    func calendarShow() throws {
        let result = try CLI.run(["calendar", "show", "2025", "--json"])
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let makeups = try #require(json["makeupWorkdays"] as? [[String: Any]]).compactMap { $0["date"] as? String }
        #expect(makeups.contains("2025-09-28") && makeups.contains("2025-10-11"))
        let holidays = try #require(json["holidays"] as? [[String: Any]])
        #expect(holidays.contains { $0["from"] as? String == "2025-10-01" && $0["to"] as? String == "2025-10-08" })
    }

    @Test("calendar check accepts the shipped files and rejects a broken one")
    func calendarCheck() throws {
        let shipped = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.path + "/etc/calendars/cn")
            .filter { $0.hasSuffix(".toml") }.map { "etc/calendars/cn/" + $0 }
        #expect(shipped.count == 23)
        #expect(try CLI.run(["calendar", "check"] + shipped).status == 0)
        let dir = URL(fileURLWithPath: TemporaryFolder.make("check"))
        let bad = dir.appendingPathComponent("2025.toml").path
        try "year = 2025\nnotice = \"x\"\nholidays = [\n  { name = \"春节\", from = 2025-02-04, to = 2025-01-28 },\n]\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try CLI.run(["calendar", "check", bad])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(bad):4:holidays[0].to:"))
    }
}
