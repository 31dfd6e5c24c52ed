import Foundation
import GRDB
import Testing

@Suite("xinfangctl report bulletin over a store the daemon computed", .serialized)
struct BulletinDaemonTests {
    @Test("on-time and repeat rates per month match counts made by hand; the HTML carries the CSV's numbers")
    func bulletin() throws {
        let sandbox = try Sandbox()
        for args in [
            ["unit", "add", "县人社局"], ["unit", "add", "县住建局"],
            // X1: accepted Tue 2026-01-06 → D6 due 01-06 + 60 = Sat 03-07 → Mon 03-09; answered 02-10: on time.
            ["case", "add", "X1", "--received", "2026-01-05", "--category", "申诉求决", "--unit", "县人社局"],
            ["event", "add", "X1", "accepted", "--on", "2026-01-06"], ["event", "add", "X1", "opinion_issued", "--on", "2026-02-10"],
            // X3: accepted Sat 2025-11-01 → D6 due 11-01 + 60 = Wed 12-31; answered 2026-01-15: late.
            ["case", "add", "X3", "--received", "2025-10-30", "--category", "申诉求决", "--unit", "县人社局"],
            ["event", "add", "X3", "accepted", "--on", "2025-11-01"], ["event", "add", "X3", "opinion_issued", "--on", "2026-01-15"],
            // X2: accepted 01-21, still open (due 03-22 → Mon 03-23): pending, not overdue on 02-28.
            ["case", "add", "X2", "--received", "2026-01-20", "--category", "申诉求决", "--unit", "县人社局"],
            ["event", "add", "X2", "accepted", "--on", "2026-01-21"],
            // Y1: a repeated petition received in February.
            ["case", "add", "Y1", "--received", "2026-02-02", "--category", "申诉求决", "--unit", "县住建局", "--repeated"],
            ["event", "add", "Y1", "accepted", "--on", "2026-02-03"],
        ] {
            #expect(try sandbox.ctl(args) == 0, "\(args)")
        }
        let daemon = try sandbox.startDaemon()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        #expect(try sandbox.wait(seconds: 20) { try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM cases WHERE dirty = 1") } == 0 })

        let csvPath = sandbox.root + "/b.csv", htmlPath = sandbox.root + "/b.html"
        #expect(try sandbox.ctl(["report", "bulletin", "--from", "2026-01-01", "--to", "2026-02-28", "--format", "csv", "--output", csvPath]) == 0)
        #expect(try sandbox.ctl(["report", "bulletin", "--from", "2026-01-01", "--to", "2026-02-28", "--format", "html", "--output", htmlPath]) == 0)
        let rows = try String(contentsOfFile: csvPath, encoding: .utf8).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func row(_ unit: String, _ month: String, _ measure: String) -> [String]? {
            rows.first { $0.count == 6 && $0[0] == unit && $0[1] == month && $0[2] == measure }.map { Array($0[3...]) }
        }
        // 按期办结率 by the month answered: January X3 late (0/1), February X1 on time (1/1), period 1/2.
        #expect(row("合计", "2026-01", "按期办结率") == ["0", "1", "0.0"])
        #expect(row("合计", "2026-02", "按期办结率") == ["1", "1", "100.0"])
        #expect(row("合计", "全期", "按期办结率") == ["1", "2", "50.0"])
        // 重复信访率 by the month received: X1, X2 in January, Y1 (repeated) in February; X3 before the period.
        #expect(row("合计", "全期", "重复信访率") == ["1", "3", "33.3"])
        #expect(row("县住建局", "2026-02", "重复信访率") == ["1", "1", "100.0"])
        let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("按期办结率 = ") && html.contains("50.0%"))
    }
}
