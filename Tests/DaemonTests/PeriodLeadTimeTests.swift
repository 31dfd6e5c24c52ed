import Foundation
import GRDB
import Testing

/// Inside an escalation-risk period (敏感时期) lead times are doubled; `xinfangctl due` and `agenda`
/// must show the lead times the daemon fires, also for a case the daemon has not computed yet.
@Suite("xinfangctl due and agenda inside an escalation-risk period show the lead times the daemon fires", .serialized)
struct PeriodLeadTimeTests {
    /// The D6 items of `agenda --json`: milestone, its day, when it fires, whether not yet scheduled.
    static func d6Agenda(_ sandbox: Sandbox) throws -> [[String]] {
        let out = try sandbox.ctlOutput(["agenda", "--from", "2026-07-01", "--days", "40", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let items = json?["items"] as? [[String: Any]] ?? []
        return items.filter { $0["kind"] as? String == "D6" && $0["caseNumber"] as? String == "X1" }.map {
            ["\($0["milestone"] ?? "")", "\($0["milestoneDay"] ?? "")", "\($0["fireAt"] ?? "")", "\($0["fireAtUnix"] ?? "")",
             "\($0["notYetScheduled"] as? Bool ?? false)"]
        }
    }

    /// The D6 item of `due --json`: due day, working days left, whether not yet computed.
    static func d6Due(_ sandbox: Sandbox) throws -> [String] {
        let out = try sandbox.ctlOutput(["due", "--within", "40", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let items = json?["items"] as? [[String: Any]] ?? []
        return items.filter { $0["kind"] as? String == "D6" && $0["caseNumber"] as? String == "X1" }.flatMap {
            ["\($0["due"] ?? "")", "\($0["workingDaysLeft"] ?? "")", "\($0["notYetComputed"] as? Bool ?? false)"]
        }
    }

    @Test("a period doubling D6's lead times: agenda before and after the daemon computed the case, and the reminder it fires, agree")
    func doubledLeadTimes() throws {
        var sandbox = try Sandbox()
        // The period covers D6's due day; the file sits next to the configuration, where the daemon looks.
        try """
            [[periods]]
            name = "汛期维稳"
            first = 2026-07-01
            last = 2026-08-31
            level = 2
            units = []
            report_cutoff = "16:00"
            """.write(toFile: sandbox.root + "/periods.toml", atomically: true, encoding: .utf8)
        // The clock shows Wed 2026-07-01 10:00 in Asia/Shanghai.
        sandbox.clock = TestClock.environment(showingNow: "2026-07-01T10:00:00+08:00")
        // Received directly by the organ, contact unknown (no D1, no D2); accepted Fri 2026-06-05:
        // D6 (申诉求决, 60 days) is due 06-05 + 60 = Tue 2026-08-04, inside the period.
        #expect(try sandbox.ctl(["unit", "add", "县人社局"]) == 0)
        #expect(try sandbox.ctl(["case", "add", "X1", "--received", "2026-06-01", "--category", "申诉求决", "--unit", "县人社局",
                                 "--intake", "organ", "--contact-unknown", "--event", "受理 2026-06-05"]) == 0)

        // D6's period is 60 days, doubled to 120: the 10 and 3 working-day leads become 20 and 6.
        // 20 working days before Tue 08-04 (no holiday in July): Tue 07-07; 6 before: Mon 07-27.
        // (Without the period: 10 before is Tue 07-21, 3 before is Thu 07-30.)
        let expected = [["before-20wd", "2026-07-07"], ["before-6wd", "2026-07-27"], ["due", "2026-08-04"], ["overdue", "2026-08-05"]]
        let computedHere = try Self.d6Agenda(sandbox)
        #expect(computedHere.map { Array($0.prefix(2)) } == expected)
        #expect(computedHere.allSatisfy { $0[4] == "true" }, "not yet scheduled by the daemon: computed by xinfangctl")
        // 2026-07-01 → 08-04: 24 working days after today through the due day (July 2–31: 22, Aug 3–4: 2).
        let dueHere = try Self.d6Due(sandbox)
        #expect(dueHere == ["2026-08-04", "24", "true"])

        // The daemon computes the case on the same configuration.
        let daemon = try sandbox.startDaemon()
        let computed = try sandbox.wait(seconds: 20) {
            try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM cases WHERE dirty = 0 AND number = 'X1'") } == 1
        }
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(computed)
        let scheduled = try Self.d6Agenda(sandbox)
        #expect(scheduled.map { Array($0.prefix(4)) } == computedHere.map { Array($0.prefix(4)) }, "the same milestones at the same instants")
        #expect(scheduled.allSatisfy { $0[4] == "false" }, "scheduled by the daemon")
        #expect(try Self.d6Due(sandbox) == ["2026-08-04", "24", "false"])

        // On 2026-07-07 at 09:00 the daemon fires D6's first reminder: the 20-working-day one, at the
        // instant agenda showed.
        var later = sandbox
        later.clock = TestClock.environment(showingNow: "2026-07-07T09:00:20+08:00")
        let firing = try later.startDaemon()
        defer { kill(firing.processIdentifier, SIGKILL); firing.waitUntilExit() }
        let fired = try later.wait(seconds: 20) {
            try later.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reminders WHERE case_number = 'X1' AND kind = 'D6'") ?? 0 } > 0
        }
        #expect(fired)
        let reminders = try later.read {
            try Row.fetchAll($0, sql: "SELECT milestone, fire_at FROM reminders WHERE case_number = 'X1' AND kind = 'D6' ORDER BY id")
                .map { ["\($0["milestone"] as String)", "\($0["fire_at"] as Int64)"] }
        }
        #expect(Set(reminders.map { $0[0] }) == ["before-20wd"])
        #expect(reminders.first?[1] == computedHere.first?[3])
    }
}
