import Foundation
import GRDB
import Testing

@Suite("xinfangd survives kill -9", .serialized)
struct CrashTests {
    /// An import file of `count` cases, each accepted 58 days ago: its handling deadline (60 days)
    /// is two days off, so the daemon creates a reminder for it at once and delivers it as mail.
    static func importFile(_ sandbox: Sandbox, round: Int, count: Int) throws -> (path: String, cases: [String]) {
        var lines: [String] = []
        var numbers: [String] = []
        for k in 0..<count {
            let number = String(format: "XF-K%03d-%03d", round, k)
            numbers.append(number)
            lines.append(#"{"record": "case", "number": "\#(number)", "received": "\#(shanghaiDate(daysFromToday: -62))", "category": "申诉求决", "unit": "县人社局", "leader": "王副县长", "petitioner_name": "测试信访人\#(k)"}"#)
            lines.append(#"{"record": "event", "case": "\#(number)", "seq": 1, "type": "accepted", "on": "\#(shanghaiDate(daysFromToday: -58))"}"#)
        }
        let path = sandbox.root + "/round-\(round).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, numbers)
    }

    @Test("60 rounds of kill -9 during imports and firings: every accepted event present, no reminder twice, no mail twice")
    func killNine() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.ctl(["unit", "add", "县人社局", "--address", "rsj@example.cn"]) == 0)
        #expect(try sandbox.ctl(["leader", "add", "王副县长", "--address", "wang@example.cn"]) == 0)
        var accepted: [String] = []
        var uncertain: [[String]] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<60 {
            let daemon = try sandbox.startDaemon()
            let (file, cases) = try Self.importFile(sandbox, round: round, count: 8)
            let importer = try sandbox.startCtl(["import", file])
            usleep(UInt32.random(in: 0...250_000, using: &generator))
            kill(daemon.processIdentifier, SIGKILL)
            if round % 4 == 3 { kill(importer.processIdentifier, SIGKILL) }  // sometimes the writer dies too
            importer.waitUntilExit()
            daemon.waitUntilExit()
            if importer.terminationReason == .exit && importer.terminationStatus == 0 { accepted += cases } else { uncertain.append(cases) }
        }
        // One last, clean run: it catches up with everything, then stops on SIGTERM with exit 0.
        let daemon = try sandbox.startDaemon()
        let settled = try sandbox.wait(seconds: 60) {
            try sandbox.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE dirty = 1") == 0
                    && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries WHERE state = 'pending'") == 0
                    && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadlines WHERE next_fire_at <= ?", arguments: [TestClock.now()]) == 0
            }
        }
        #expect(settled)
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)

        try sandbox.read { db in
            // Every accepted import is whole: its cases and their events.
            for number in accepted {
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE case_number = ?", arguments: [number]) == 2, "\(number)")
            }
            // An import whose writer was killed is all or nothing.
            for cases in uncertain {
                let present = try cases.filter { try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE number = ?)", arguments: [$0]) ?? false }
                #expect(present.isEmpty || present.count == cases.count)
            }
            let reminders = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminders") ?? 0
            let distinct = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT case_number || kind || milestone || due || recipient) FROM reminders") ?? -1
            #expect(reminders == distinct)
            // Each stored case's D6 reminder (unit and leader) exists exactly once.
            let cases = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminders WHERE kind = 'D6'") == cases * 2)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries WHERE state = 'sent'") == reminders)
            #expect(accepted.count >= 8)
        }
        let ids = sandbox.messageIDs()
        print("kill -9 rounds: \(accepted.count / 8) imports accepted, \(uncertain.count) interrupted; \(ids.count) mails")
        #expect(ids.count == Set(ids).count, "a mail was written twice")
        #expect(ids.count == (try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reminders") ?? 0 }))
        // Petitioners' names never reach the log or the mail.
        let log = try String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8)
        #expect(!log.contains("测试信访人"))
    }
}
