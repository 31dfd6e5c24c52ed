import Foundation
import Testing
import XinfangTesting

@Suite("xinfangctl risk")
struct RiskCLITests {
    @Test("ranks open cases for a period with every score explained: collective, repeated, overdue, due inside the window")
    func ranking() throws {
        let dir = TemporaryFolder.make("risk")
        try """
            [[periods]]
            name = "测试窗口"
            first = 2026-12-01
            last = 2026-12-10
            level = 2
            """.write(toFile: dir + "/periods.toml", atomically: true, encoding: .utf8)
        let store = ["--store", dir + "/x.sqlite"]
        for args in [
            ["unit", "add", "县人社局"],
            // A: 6 petitioners, repeated; accepted 09-20 → D6 due 11-19 (Thu), overdue as of 12-01.
            ["case", "add", "XF-A", "--received", "2026-09-18", "--category", "申诉求决", "--unit", "县人社局", "--persons", "6", "--repeated"],
            ["event", "add", "XF-A", "accepted", "--on", "2026-09-20"],
            // B: accepted Fri 10-09 → D6 due 10-09 + 60 = Tue 12-08, inside the window.
            ["case", "add", "XF-B", "--received", "2026-10-07", "--category", "申诉求决", "--unit", "县人社局"],
            ["event", "add", "XF-B", "accepted", "--on", "2026-10-09"],
            // C: accepted 11-20 → D6 due 2027-01-19, after the window: no risk.
            ["case", "add", "XF-C", "--received", "2026-11-18", "--category", "申诉求决", "--unit", "县人社局"],
            ["event", "add", "XF-C", "accepted", "--on", "2026-11-20"],
        ] {
            let r = try CLI.run(args + store)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let r = try CLI.run(["risk", "--period", "测试窗口", "--periods", dir + "/periods.toml", "--as-of", "2026-12-01", "--json"] + store)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["caseNumber"] as? String } == ["XF-A", "XF-B", "XF-C"])
        // A: collective 30 + repeated 20 + overdue 25 = 75; B: due inside the window 15; C: 0.
        #expect(rows.map { $0["score"] as? Int } == [75, 15, 0])
        let reasons = rows[0]["reasons"] as? [String] ?? []
        #expect(reasons.count == 3)
        #expect(reasons.contains { $0.contains("6人") } && reasons.contains { $0.contains("2026-11-19") })
        let unknown = try CLI.run(["risk", "--period", "没有", "--periods", dir + "/periods.toml"] + store)
        #expect(unknown.status == 2 && unknown.stderr.contains("测试窗口"))
    }
}
