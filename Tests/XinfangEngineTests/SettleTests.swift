import Foundation
import Testing
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// Issue 10 §2: a historical case entered by hand, event by event, must not be reported overdue to
/// its unit and leader before the events that show its deadlines were met exist.
@Suite("Settle time: a case entered or changed by hand settles before overdue-type milestones fire")
struct SettleTests {
    // Received Mon 2026-09-28 by the 信访部门 (intake bureau): D1, register and forward, 15 days
    // (条例2022 第22条) → Tue 2026-10-13 (09-28 + 15; a working day after the 国庆节 holiday 10-01…10-07).
    // First day overdue: Wed 2026-10-14. The clerk enters it on Tue 2026-12-01, long after.
    static let entered = at("2026-12-01 10:00")

    static func directory(_ store: SQLiteStore) throws {
        try store.addUnit(name: "县人社局", address: "rsj@example", actor: "test")
        try store.addLeader(name: "王副县长", title: "副县长", unit: nil, address: "wang@example", actor: "test")
    }

    static func addHistoricalCase(_ store: SQLiteStore) throws {
        try store.addCase(CaseFacts(number: "XF-2026-000900", received: day("2026-09-28"), category: .claim, unit: "县人社局", leader: "王副县长"),
                          petitioner: nil, actor: "test")
    }

    @Test("case add of a case received two months ago, then event add forwarded a minute later: no 逾期 reminder, no overdue record")
    func historicalCaseEnteredByHand() throws {
        let store = try temporaryStore()
        try Self.directory(store)
        let clock = TestClock(Self.entered)
        let e = engine(store, clock)
        try Self.addHistoricalCase(store)
        var created = try e.step().created  // the nudge after `case add`
        #expect(!created.contains { $0.milestone == "overdue" })
        clock.set(Self.entered + 60)
        // Forwarded Wed 09-30, before D1's due day 10-13: D1 met. D3 (the organ tells the petitioner,
        // 15 days from the forward, 第23条) → 10-15; accepted Fri 10-09: D3 met.
        try append(store, "XF-2026-000900", .forwarded(to: "县人社局"), "2026-09-30")
        try append(store, "XF-2026-000900", .accepted, "2026-10-09")
        created += try e.step().created
        created += try run(e, clock, until: Self.entered + 3600)
        #expect(created.filter { $0.milestone == "overdue" }.map { "\($0.kind) \($0.recipient.name)" } == [])
        #expect(try store.overdueCounts()["XF-2026-000900"] == nil)
        // D6 (60 days from acceptance 10-09 → Tue 12-08) is not overdue-type: its current
        // milestone, 10 working days before (Tue 11-24), fired at once, as before.
        #expect(created.contains { $0.deadlineKind == .handling && $0.milestone == "before-10wd" && $0.fireAt == Self.entered + 60 })
    }

    @Test("a case left as entered is reported overdue once it has settled (default 5 minutes), to unit and leader")
    func overdueAfterSettling() throws {
        let store = try temporaryStore()
        try Self.directory(store)
        let clock = TestClock(Self.entered)
        let e = engine(store, clock)
        try Self.addHistoricalCase(store)
        #expect(try e.step().created.isEmpty)
        clock.set(Self.entered + 299)
        #expect(try e.step().created.isEmpty)
        clock.set(Self.entered + 300)
        let created = try e.step().created.filter { $0.deadlineKind == .registration }
        #expect(created.map(\.milestone) == ["overdue", "overdue"])
        #expect(Set(created.map(\.recipient.name)) == ["县人社局", "王副县长"])
        #expect(created.allSatisfy { $0.due == day("2026-10-13") && $0.fireAt == Self.entered + 300 && $0.lateBySeconds == nil })
        #expect(try store.overdueCounts()["XF-2026-000900"] == 1)
    }

    @Test("an imported case is atomic: its overdue milestone fires at once, without a settle time")
    func importIsNotSettled() throws {
        let store = try temporaryStore()
        try Self.directory(store)
        let clock = TestClock(Self.entered)
        let e = engine(store, clock)
        _ = try store.importBatch(
            file: "cases.jsonl",
            cases: [ImportCase(facts: CaseFacts(number: "XF-2026-000901", received: day("2026-09-28"), category: .claim, unit: "县人社局"),
                               petitioner: nil, line: 1)],
            events: [], actor: "test") { (timeline, event) throws(RefusedEvent) in
                try StatutoryPolicy.cn2022.check(event, against: timeline, calendar: realCalendar)
            }
        let created = try e.step().created
        #expect(created.map { "\($0.kind) \($0.milestone)" } == ["D1 overdue"])
    }

    @Test("when a later event shows the deadline was met, its overdue record is withdrawn (audit log) and no longer counted")
    func overdueRecordWithdrawn() throws {
        let store = try temporaryStore()
        try Self.directory(store)
        let clock = TestClock(Self.entered)
        let e = engine(store, clock)
        try Self.addHistoricalCase(store)
        _ = try run(e, clock, until: Self.entered + 600)
        #expect(try store.overdueCounts()["XF-2026-000900"] == 1)  // D1, due 10-13
        // The forward of 09-30 is entered late: D1 was met (09-30 ≤ 10-13).
        try append(store, "XF-2026-000900", .forwarded(to: "县人社局"), "2026-09-30")
        clock.set(Self.entered + 700)
        _ = try e.step()
        #expect(try store.overdueCounts()["XF-2026-000900"] == nil)
        let audit = try sqlite(store.path, "SELECT action || ' ' || subject || ' ' || detail FROM audit WHERE action = 'overdue.withdraw'")
        #expect(audit == ["overdue.withdraw XF-2026-000900 D1 due 2026-10-13: now met on 2026-09-30 (due 2026-10-13)"])
        #expect(try store.verifyAudit().firstBroken == nil)
    }

    @Test("a withdrawn overdue reminder not yet delivered is not sent, nor escalated to the leader's deputy")
    func withdrawnReminderNotDelivered() throws {
        let store = try temporaryStore()
        try Self.directory(store)
        try store.addLeader(name: "李副县长", title: "副县长", unit: nil, address: "li@example", actor: "test")
        try store.setDeputy(DeputyAssignment(leader: "王副县长", deputy: "李副县长"), actor: "test")
        let clock = TestClock(Self.entered)
        let e = engine(store, clock, channels: ["maildir"])  // no outbox runs here: deliveries stay pending
        try Self.addHistoricalCase(store)
        let fired = try run(e, clock, until: Self.entered + 600).filter { $0.milestone == "overdue" }
        #expect(fired.count == 2)
        #expect(try store.pendingDeliveries(now: Self.entered + 600, limit: 100).count == 2)
        try append(store, "XF-2026-000900", .forwarded(to: "县人社局"), "2026-09-30")
        // A day later: the unacknowledged reminder to 王副县长 would have gone to the deputy after 24 h.
        let later = try run(e, clock, until: Self.entered + 2 * 86_400)
        // (The forward starts D3, 15 days → 10-15, which is overdue in its own right and reminded once settled.)
        #expect(try store.pendingDeliveries(now: Self.entered + 2 * 86_400, limit: 100).filter { $0.reminder.kind == "D1" }.isEmpty)
        #expect(!later.contains { $0.kind == "escalation" && $0.due == day("2026-10-13") }, "D1's: \(later.map(\.subject))")
        #expect(later.contains { $0.kind == "escalation" }, "the D3 reminder to 王副县长 is escalated as before: \(later.map(\.subject))")
    }
}

/// Rows of a query through the sqlite3 command-line tool (an independent reader of the store).
func sqlite(_ path: String, _ sql: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, sql]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}
