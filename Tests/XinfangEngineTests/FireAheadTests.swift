import Foundation
import Testing
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// Milestones written ahead of their time (`fireAheadSeconds`) and announced at it. The case of
/// `seedCase` is accepted Fri 2026-10-09: its 60-day D6 is due Tue 2026-12-08, reminded 10 working
/// days before on Tue 11-24 at 09:00 and first overdue Wed 12-09 (worked out in SchedulerTests).
@Suite("Fire ahead: a batch written before its time, shown, delivered and logged at it")
struct FireAheadTests {
    static let instant = at("2026-11-24 09:00")

    @Test("a milestone is written within the window before its time, listed and delivered by nobody until it is announced at its time")
    func writtenAheadAnnouncedAtItsTime() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-11-24 08:55"))
        let e = engine(store, clock, channels: ["maildir"], fireAhead: 60)
        let first = try e.step()
        #expect(first.firedAhead == 0)
        #expect(first.nextWake == Self.instant - 60)
        let before = try store.benchmarkReminderCount()  // the leader's weekly digest, if its timer made one

        clock.set(Self.instant - 50)
        let ahead = try e.step()
        #expect(ahead.firedAhead == 1)
        #expect(ahead.created.filter { $0.deadlineKind == .handling }.isEmpty)
        #expect(try store.benchmarkReminderCount() == before + 2)  // unit and leader, written
        #expect(try store.reminders(.all, caseNumber: "XF-2026-000001", limit: 10).isEmpty)  // and shown to nobody
        #expect(try store.status(today: day("2026-11-24"), soonDays: 3).reminders == before)
        #expect(try store.pendingDeliveries(now: Self.instant, limit: 10).isEmpty)
        #expect(try store.nextDeliveryAt() == nil)
        #expect(ahead.nextWake == Self.instant)

        clock.set(Self.instant)
        let announced = try e.step()
        let handling = announced.created.filter { $0.deadlineKind == .handling }
        #expect(announced.announced == 2 && announced.announcedLateBySeconds == 0)
        #expect(handling.map(\.milestone) == ["before-10wd", "before-10wd"])
        #expect(handling.allSatisfy { $0.fireAt == Self.instant && $0.createdAt == Self.instant && $0.lateBySeconds == nil })
        #expect(try store.reminders(.all, caseNumber: "XF-2026-000001", limit: 10).count == 2)
        #expect(try store.pendingDeliveries(now: Self.instant, limit: 10).count == 2)
        #expect(try e.step().created.isEmpty)
        #expect(try store.benchmarkReminderCount() == before + 2)
        #expect(try store.status(today: day("2026-11-24"), soonDays: 3).reminders == before + 2)
    }

    @Test("a batch larger than a page of the read-back is announced whole, each reminder once, in the order of its instant")
    func largeBatchPaged() throws {
        let store = try temporaryStore()
        for n in 1...520 {
            try seedCase(store, number: String(format: "XF-2026-%06d", n), received: "2026-09-28", accepted: "2026-10-09")
        }
        let clock = TestClock(Self.instant - 50)
        let e = engine(store, clock, channels: ["maildir"], fireAhead: 60)
        var ahead = 0, step = try e.step()
        ahead += step.firedAhead
        while step.moreWork || step.firedAhead > 0 {  // the steps' budget spreads the work
            step = try e.step()
            ahead += step.firedAhead
        }
        #expect(ahead == 520)
        clock.set(Self.instant)
        let announced = try e.step()
        #expect(announced.announced == 1040)
        let handling = announced.created.filter { $0.deadlineKind == .handling }
        #expect(handling.count == 1040 && Set(handling.map(\.id)).count == 1040)
        #expect(handling.map(\.id) == handling.map(\.id).sorted())
        #expect(try store.pendingDeliveries(now: Self.instant, limit: 2000).count == 1040)
    }

    @Test("an opinion recorded after the batch was written and before its time withdraws it: no reminder at 09:00, nothing left behind")
    func changeWithdraws() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(Self.instant - 50)
        let e = engine(store, clock, channels: ["maildir"], fireAhead: 60)
        let written = try e.step()
        #expect(written.firedAhead == 1)
        let visible = written.createdCount  // the leader's weekly digest, if its timer made one
        #expect(try store.benchmarkReminderCount() == visible + 2)
        try append(store, "XF-2026-000001", .opinionIssued, "2026-11-24")
        clock.set(Self.instant - 20)
        _ = try e.step()
        #expect(try store.benchmarkReminderCount() == visible)
        let after = try run(e, clock, until: at("2026-12-31 10:00"))
        #expect(after.filter { $0.deadlineKind == .handling }.isEmpty)
        #expect(try store.benchmarkReminderCount() == visible + after.count)
    }

    @Test("a batch is not announced while a case of it is changed and not yet recomputed (which will withdraw its part)")
    func staleWaits() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(Self.instant - 50)
        #expect(try engine(store, clock, channels: ["maildir"], fireAhead: 60).step().firedAhead == 1)
        try append(store, "XF-2026-000001", .opinionIssued, "2026-11-24")  // dirty: the daemon has not seen it yet
        #expect(try store.announceWrittenAhead(now: Self.instant) == nil)
        #expect(try store.reminders(.all, caseNumber: "XF-2026-000001", limit: 10).isEmpty)
        #expect(try store.nextAnnouncementAt() == Self.instant)
    }

    @Test("a case reassigned before its time gets the written reminder withdrawn and the new leader's at its time, once")
    func reassignedRewritten() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        try store.addLeader(name: "李副县长", title: "副县长", unit: nil, address: "li@example", actor: "test")
        let clock = TestClock(Self.instant - 50)
        let e = engine(store, clock, channels: ["maildir"], fireAhead: 60)
        #expect(try e.step().firedAhead == 1)
        try store.assign(caseNumber: "XF-2026-000001", leader: "李副县长", actor: "test")
        clock.set(Self.instant - 20)
        let rewritten = try e.step()
        #expect(rewritten.recomputed == 1 && rewritten.firedAhead == 1)
        clock.set(Self.instant)
        let handling = try e.step().created.filter { $0.deadlineKind == .handling }
        #expect(handling.map(\.recipient.name).sorted() == ["县人社局", "李副县长"])
        #expect(handling.allSatisfy { $0.createdAt == Self.instant && $0.fireAt == Self.instant && $0.lateBySeconds == nil })
        let stored = try store.reminders(.all, caseNumber: "XF-2026-000001", limit: 10).map(\.reminder)
        #expect(stored.filter { $0.deadlineKind == .handling }.map(\.recipient.name).sorted() == ["县人社局", "李副县长"])
        #expect(try store.pendingDeliveries(now: Self.instant, limit: 10).map(\.reminder.recipient.name).sorted() == ["县人社局", "李副县长"])
    }

    @Test("an absence recorded after the batch was written routes the leader's reminder to the deputy at its time")
    func absenceRewritten() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        try store.addLeader(name: "李副县长", title: "副县长", unit: nil, address: "li@example", actor: "test")
        let clock = TestClock(Self.instant - 50)
        let e = engine(store, clock, channels: ["maildir"], fireAhead: 60)
        #expect(try e.step().firedAhead == 1)
        try store.setDeputy(DeputyAssignment(leader: "王副县长", deputy: "李副县长", from: day("2026-11-24"), until: day("2026-11-27")), actor: "test")
        clock.set(Self.instant - 20)
        #expect(try e.step().firedAhead == 1)
        clock.set(Self.instant)
        let handling = try e.step().created.filter { $0.deadlineKind == .handling }
        #expect(handling.map(\.recipient.name).sorted() == ["县人社局", "李副县长"])
        #expect(handling.first { $0.recipient.role == .deputy }?.body.contains("王副县长不在岗") == true)
    }

    @Test("a daemon that wrote a batch ahead and was down at its time sends it on restart as late (补发), once")
    func restartAfterTheInstant() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(Self.instant - 50)
        #expect(try engine(store, clock, channels: ["maildir"], fireAhead: 60).step().firedAhead == 1)
        // killed here; started again at 10:00
        clock.set(at("2026-11-24 10:00"))
        let restarted = engine(store, clock, channels: ["maildir"], fireAhead: 60)
        let handling = try restarted.step().created.filter { $0.deadlineKind == .handling }
        #expect(handling.count == 2)
        #expect(handling.allSatisfy { $0.fireAt == Self.instant && $0.lateBySeconds == 3600 && $0.body.contains("补发") })
        #expect(try restarted.step().created.isEmpty)
        #expect(try store.reminders(.all, caseNumber: "XF-2026-000001", limit: 10).filter { $0.reminder.deadlineKind == .handling }.count == 2)
    }

    @Test("a daemon restarted before the time writes the batch again and announces it on time, once")
    func restartBeforeTheInstant() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(Self.instant - 50)
        #expect(try engine(store, clock, channels: ["maildir"], fireAhead: 60).step().firedAhead == 1)
        let written = try store.benchmarkReminderCount()
        clock.set(Self.instant - 30)
        let restarted = engine(store, clock, channels: ["maildir"], fireAhead: 60)
        #expect(try restarted.step().firedAhead == 1)
        #expect(try store.benchmarkReminderCount() == written)  // withdrawn, and written again
        clock.set(Self.instant + 1)
        let announced = try restarted.step()
        #expect(announced.announced == 2 && announced.announcedLateBySeconds == 1)
        #expect(announced.created.filter { $0.deadlineKind == .handling }.allSatisfy { $0.lateBySeconds == nil && $0.createdAt == Self.instant })
        #expect(try store.benchmarkReminderCount() == written)
    }

    @Test("an overdue record written ahead goes with its batch when the reply is recorded first")
    func overdueWithdrawn() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let overdueAt = at("2026-12-09 09:00")
        let clock = TestClock(at("2026-12-09 08:00"))
        let e = engine(store, clock, channels: ["maildir"], fireAhead: 60)
        _ = try e.step()  // the earlier milestones, at once (not late: the case is new to the store)
        clock.set(overdueAt - 40)
        #expect(try e.step().firedAhead == 1)
        #expect(try store.overdueRecords(caseNumber: "XF-2026-000001") == ["D6|2026-12-08"])
        try append(store, "XF-2026-000001", .opinionIssued, "2026-12-08")  // the reply was issued on the due day
        clock.set(overdueAt - 10)
        _ = try e.step()
        #expect(try store.overdueRecords(caseNumber: "XF-2026-000001").isEmpty)
        clock.set(overdueAt + 600)
        #expect(try e.step().created.filter { $0.milestone == "overdue" }.isEmpty)
    }
}
