import Foundation
import Testing
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangTesting

@Suite("Case timeline files")
struct TimelineFileTests {
    static let toml = """
        [case]
        number = "XF-2025-000001"
        received = 2025-03-03
        category = "申诉求决"
        unit = "县自然资源局"

        [[events]]
        type = "accepted"
        on = 2025-03-10

        [[events]]
        type = "extension"
        on = 2025-04-01
        days = 30
        approver = "局长"
        reason = "复杂"
        """

    @Test("reads facts and events, with each event's line")
    func reads() throws {
        let file = try TimelineFile.read(path: try temporaryFile("case.toml", Self.toml))
        #expect(file.facts.number == "XF-2025-000001")
        #expect(file.facts.received == Day(year: 2025, month: 3, day: 3))
        #expect(file.facts.category == .claim)
        #expect(file.entries.map(\.line) == [7, 11])
        #expect(file.entries[1].event.kind == .extensionGranted(days: 30, approver: "局长", reason: "复杂"))
    }

    @Test("an unknown event type names file, line and field")
    func unknownType() throws {
        let path = try temporaryFile("case.toml", Self.toml.replacingOccurrences(of: "\"accepted\"", with: "\"acepted\""))
        #expect {
            try TimelineFile.read(path: path)
        } throws: { error in
            let e = error as? InputError
            return e?.line == 8 && e?.field == "events[0].type" && e?.file == path
        }
    }

    @Test("an impossible date is refused")
    func impossibleDate() throws {
        let json = #"{"case": {"number": "XF-1", "received": "2025-02-29", "category": "申诉求决", "unit": "U"}}"#
        let path = try temporaryFile("case.json", json)
        #expect {
            try TimelineFile.read(path: path)
        } throws: { error in
            (error as? InputError)?.field == "case.received" && (error as? InputError)?.reason.contains("2025-02-29") == true
        }
    }

    @Test("bounds: dates outside 1990-01-01…2099-12-31, a NUL in a name, a TOML date written as a string, a duplicate JSON key; file:line:field")
    func bounds() throws {
        func refusal(_ name: String, _ text: String) throws -> InputError? {
            do {
                _ = try TimelineFile.read(path: try temporaryFile(name, text))
                return nil
            } catch let error as InputError { return error }
        }
        let range = "is outside the plausible range 1990-01-01…2099-12-31"
        let year0 = try refusal("c.toml", Self.toml.replacingOccurrences(of: "received = 2025-03-03", with: "received = 0000-01-01"))
        #expect(year0?.line == 3 && year0?.field == "case.received" && year0?.reason == "0000-01-01 \(range)", "\(String(describing: year0))")
        let far = try refusal("c.toml", Self.toml.replacingOccurrences(of: "on = 2025-03-10", with: "on = 9999-12-31"))
        #expect(far?.line == 9 && far?.field == "events[0].on" && far?.reason == "9999-12-31 \(range)", "\(String(describing: far))")
        let y2100 = try refusal("c.toml", Self.toml.replacingOccurrences(of: "on = 2025-04-01", with: "on = 2100-01-01"))
        #expect(y2100?.field == "events[1].on" && y2100?.reason == "2100-01-01 \(range)")
        let quotedDate = try refusal("c.toml", Self.toml.replacingOccurrences(of: "on = 2025-03-10", with: "on = \"2025-03-10\""))
        #expect(quotedDate?.line == 9 && quotedDate?.field == "events[0].on" && quotedDate?.reason.contains("write the date unquoted") == true)
        let twice = try refusal("c.json", "{\"case\": {\"number\": \"XF-1\", \"received\": \"2025-03-03\", \"category\": \"申诉求决\",\n \"unit\": \"U\", \"unit\": \"V\"}}")
        #expect(twice?.line == 2 && twice?.field == "unit" && twice?.reason.contains("duplicate key") == true, "\(String(describing: twice))")
        let nul = try refusal("c.json", #"{"case": {"number": "XF-1", "received": "2025-03-03", "category": "申诉求决", "unit": "县人\u0000局"}}"#)
        #expect(nul?.field == "case.unit" && nul?.reason == "\"县人\\0局\" contains a NUL character", "\(String(describing: nul))")
    }

    @Test("a second extension is refused with file, line and the article")
    func secondExtension() throws {
        let text = Self.toml + """

            [[events]]
            type = "extension"
            on = 2025-04-02
            days = 10
            approver = "局长"
            reason = "再延"
            """
        let file = try TimelineFile.read(path: try temporaryFile("case.toml", text))
        let calendar = WorkingCalendar(weekendsOnly: "test")
        #expect {
            try file.timeline(policy: StatutoryPolicy.cn2022, calendar: calendar)
        } throws: { error in
            let e = error as? InputError
            return e?.line == 17 && e?.field == "events[2]" && e?.reason.contains("第34条") == true
        }
    }

    @Test("the [policy] section selects policies per unit; an unknown id names its line")
    func policySettings() throws {
        let good = try temporaryFile("xinfangd.toml", """
            [policy]
            default = "cn-2022"
            [policy.units]
            "县人社局" = "cn-2005"
            """)
        let registry = try PolicySettings.read(path: good).registry()
        #expect(registry.policy(forUnit: "县人社局").descriptor.id == "cn-2005")
        #expect(registry.policy(forUnit: "县教育局").descriptor.id == "cn-2022")

        let bad = try temporaryFile("xinfangd.toml", """
            [policy]
            default = "cn-2022"
            [policy.units]
            "县人社局" = "zj-2019"
            """)
        #expect {
            try PolicySettings.read(path: bad).registry()
        } throws: { error in
            (error as? InputError)?.line == 4 && (error as? InputError)?.reason.contains("zj-2019") == true
        }
    }
}
