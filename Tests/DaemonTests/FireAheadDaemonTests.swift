import Foundation
import GRDB
import Testing

/// The running daemon writes a deadline milestone up to `[reminders] fire_ahead_seconds` (default 60)
/// before its time and shows it at it. The case is accepted Fri 2026-10-09: its 60-day D6 is due Tue
/// 2026-12-08 and reminded 10 working days before, on Tue 2026-11-24 at 09:00 (worked out by hand in
/// SchedulerTests), which is 1795482000 in Unix seconds (01:00 UTC; 2026-12-01 09:00 is 1796086800, 7 days later).
@Suite("Fire ahead in the running daemon: the 09:00 reminder written before 09:00, listed and mailed from 09:00")
struct FireAheadDaemonTests {
    static let nine: Int64 = 1_795_482_000

    /// The D6 reminders: (created_at, written_at, their deliveries' states and times).
    static func handling(_ sandbox: Sandbox) throws -> [(createdAt: Int64, writtenAt: Int64?, state: String, deliveredAt: Int64?)] {
        try sandbox.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.created_at, r.written_at, d.state, d.delivered_at FROM reminders r JOIN deliveries d ON d.reminder_id = r.id
                WHERE r.kind = 'D6' ORDER BY r.id
                """).map { ($0[0], $0[1], $0[2], $0[3]) }
        }
    }

    static func listed(_ sandbox: Sandbox) throws -> Int {
        let out = try sandbox.ctlOutput(["reminders", "--case", "XF-2026-000001", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [Any]
        return rows?.count ?? -1
    }

    @Test("started at 08:59:40, xinfangd writes the two 09:00 reminders at once, lists and mails neither before 09:00, and both from 09:00, stamped 09:00")
    func writtenBeforeShownAt() throws {
        var sandbox = try Sandbox()
        sandbox.clock = TestClock.environment(showingNow: "2026-11-24T08:59:40+08:00")
        #expect(try sandbox.ctl(["unit", "add", "县人社局", "--address", "rsj@example.cn"]) == 0)
        #expect(try sandbox.ctl(["leader", "add", "王副县长", "--title", "副县长", "--address", "wang@example.cn"]) == 0)
        #expect(try sandbox.ctl(["case", "add", "XF-2026-000001", "--received", "2026-09-28", "--category", "申诉求决",
                                 "--unit", "县人社局", "--leader", "王副县长"]) == 0)
        #expect(try sandbox.ctl(["event", "add", "XF-2026-000001", "accepted", "--on", "2026-10-09"]) == 0)
        let daemon = try sandbox.startDaemon()
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }

        #expect(try sandbox.wait(seconds: 10) { try Self.handling(sandbox).count == 2 })
        let now = TestClockNow.seconds(sandbox.clock)
        try #require(now < Self.nine - 2, "the test was too slow to look before 09:00")
        let written = try Self.handling(sandbox)
        #expect(written.allSatisfy { $0.createdAt == Self.nine && ($0.writtenAt ?? .max) < Self.nine && $0.state == "pending" })
        #expect(try Self.listed(sandbox) == 0)
        #expect(try sandbox.read { db in try Int.fetchOne(db, sql: "SELECT announced_through FROM fire_ahead") } ?? 0 < Self.nine)

        #expect(try sandbox.wait(seconds: 40) { try Self.handling(sandbox).allSatisfy { $0.state == "sent" } })
        let sent = try Self.handling(sandbox)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { ($0.deliveredAt ?? 0) >= Self.nine && $0.createdAt == Self.nine })
        #expect(try Self.listed(sandbox) == 2)
        let log = try String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8)
        #expect(log.contains("announced 2 reminder(s) written ahead for 2026-11-24 09:00"), "\(log.suffix(2000))")
    }
}

/// The simulated second a clock environment shows now.
enum TestClockNow {
    static func seconds(_ clock: [String: String]) -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let shown = Int64(formatter.date(from: clock["XINFANG_TEST_NOW"]!)!.timeIntervalSince1970)
        let since = Int64(clock["XINFANG_TEST_NOW_SINCE"]!)!
        return shown + Int64(Date().timeIntervalSince1970) - since
    }
}
