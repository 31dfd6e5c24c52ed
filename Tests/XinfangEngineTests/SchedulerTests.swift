import Foundation
import Testing
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangStore

@Suite("Scheduler: milestones fire once, on time, in one transaction with the schedule")
struct SchedulerTests {
    // Accepted Fri 2026-10-09; D6 = 60 days → Tue 2026-12-08 (Oct 22 + Nov 30 + Dec 8 = 60), a working day.
    // 10 working days before: back from 12-08 over 12-07, 04, 03, 02, 01, 11-30, 27, 26, 25, 24 → Tue 11-24.
    // 3 working days before: 12-07, 12-04, 12-03 → Thu 12-03. Due day 12-08; first day overdue Wed 12-09.
    static let expectedD6 = [
        ("before-10wd", "2026-11-24 09:00"), ("before-3wd", "2026-12-03 09:00"), ("due", "2026-12-08 09:00"), ("overdue", "2026-12-09 09:00"),
    ]

    @Test("the 60-day handling deadline reminds 10 and 3 working days before, on the due day and the first day overdue, to unit and leader")
    func handlingMilestones() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-10-10 08:00"))
        let e = engine(store, clock)
        let created = try run(e, clock, until: at("2026-12-31 12:00")).filter { $0.deadlineKind == .handling }
        #expect(created.count == 8)
        for (milestone, time) in Self.expectedD6 {
            let pair = created.filter { $0.milestone == milestone }
            #expect(pair.map(\.recipient.role).sorted { $0.rawValue < $1.rawValue } == [.leader, .unit], "\(milestone)")
            #expect(pair.allSatisfy { $0.fireAt == at(time) && $0.createdAt == at(time) && $0.lateBySeconds == nil }, "\(milestone)")
        }
        #expect(created.first { $0.milestone == "before-3wd" }?.body.contains("剩余3个工作日") == true)
        #expect(created.first { $0.milestone == "overdue" }?.subject.hasPrefix("【逾期】XF-2026-000001") == true)
        #expect(Set(created.map(\.dedupeKey)).count == created.count)
    }

    @Test("stepping again at the same instant, or after the clock was set back, creates nothing twice")
    func exactlyOnce() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-10-10 08:00"))
        let e = engine(store, clock)
        let first = try run(e, clock, until: at("2026-11-24 09:30"))
        #expect(first.filter { $0.milestone == "before-10wd" }.count == 2)
        #expect(try e.step().created.isEmpty)
        clock.set(at("2026-11-20 09:00"))  // the wall clock is set back four days
        #expect(try e.step().created.isEmpty)
        let again = try run(e, clock, until: at("2026-11-24 23:00"))
        #expect(again.isEmpty)
    }

    @Test("after downtime across due dates each missed reminder fires once, marked late with how late")
    func catchUp() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-10-10 08:00"))
        let e = engine(store, clock, channels: ["maildir"])
        _ = try e.step()
        clock.set(at("2026-12-10 10:00"))  // down from 10-10 until 12-10 10:00
        let created = try e.step().created.filter { $0.deadlineKind == .handling }
        #expect(created.count == 8)
        for (milestone, time) in Self.expectedD6 {
            for r in created where r.milestone == milestone {
                #expect(r.fireAt == at(time))
                #expect(r.lateBySeconds == at("2026-12-10 10:00") - at(time))
                #expect(r.body.contains("补发"))
            }
        }
        // Sent two days after the due day (12-10 vs 12-08), the 10-working-day reminder says it is
        // overdue, not "剩余-2个工作日".
        #expect(created.filter { $0.milestone == "before-10wd" }.allSatisfy { $0.body.contains("已逾期2天") })
        #expect(!created.contains { $0.body.contains("剩余-") })
        #expect(try e.step().created.isEmpty)
        // The outbox folds the four late reminders to each recipient into one digest message.
        let messages = try OutboxTestAccess.messages(store, channel: "maildir", now: at("2026-12-10 10:00"))
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { m in m.dedupeKey.hasPrefix("digest:") && m.subject.contains("\(m.reminders.count)条") })
        // Each digest carries that recipient's four late D6 reminders (the leader's also the weekly
        // digest of Mon 12-07, which fell inside the downtime too).
        #expect(messages.allSatisfy { m in m.reminders.filter { $0.deadlineKind == .handling }.count == 4 })
        #expect(messages.first { $0.recipient.role == .leader }?.reminders.map(\.kind).sorted() == ["D6", "D6", "D6", "D6", "digest"])
    }

    @Test("an opinion issued before the due day ends the reminders (D6 met)")
    func metStopsReminders() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-10-10 08:00"))
        let e = engine(store, clock)
        _ = try run(e, clock, until: at("2026-11-30 10:00"))
        try append(store, "XF-2026-000001", .opinionIssued, "2026-11-30")
        let after = try run(e, clock, until: at("2026-12-31 10:00"))
        #expect(after.filter { $0.deadlineKind == .handling }.isEmpty)
        #expect(try store.loadCase(number: "XF-2026-000001")?.deadlines.first { $0.kind == .handling }?.status == .met)
    }

    @Test("an extension moves the due day and the reminders follow it (条例2022 第34条)")
    func extensionReschedules() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-10-10 08:00"))
        let e = engine(store, clock)
        _ = try run(e, clock, until: at("2026-11-25 10:00"))  // before-10wd fired on 11-24
        try append(store, "XF-2026-000001", .extensionGranted(days: 20, approver: "局长", reason: "复杂"), "2026-11-25")
        // 10-09 + 60 + 20 = 80 days → Mon 2026-12-28. 10 working days before: 12-25, 24, 23, 22, 21, 18, 17, 16, 15, 14 → Mon 12-14.
        let after = try run(e, clock, until: at("2026-12-14 10:00")).filter { $0.deadlineKind == .handling }
        #expect(after.map(\.milestone) == ["before-10wd", "before-10wd"])
        #expect(after.allSatisfy { $0.due == day("2026-12-28") && $0.fireAt == at("2026-12-14 09:00") })
    }

    @Test("a case imported close to its due day gets its current reminder at once, not late")
    func currentStageOnImport() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-12-04 15:00"))  // after before-3wd (12-03 09:00), before the due day
        let created = try engine(store, clock).step().created.filter { $0.deadlineKind == .handling }
        #expect(created.map(\.milestone) == ["before-3wd", "before-3wd"])
        #expect(created.allSatisfy { $0.lateBySeconds == nil && $0.fireAt == at("2026-12-04 15:00") })
        // Working days left after Fri 12-04: Mon 12-07, Tue 12-08.
        #expect(created[0].body.contains("剩余2个工作日"))
    }

    @Test("the first day overdue records an overdue event once")
    func overdueRecorded() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-10-10 08:00"))
        let e = engine(store, clock)
        _ = try run(e, clock, until: at("2026-12-20 10:00"))
        let summary = try store.summary(today: day("2026-12-20"), soonDays: 3)
        #expect(summary.overdue == 1)
        #expect(summary.nextFireAt == nil)
    }
}

@Suite("Escalation-risk periods double reminder lead times")
struct PeriodLeadTests {
    @Test("a 60-day deadline due inside a window is reminded 20 and 6 working days before")
    func doubled() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-10-10 08:00"))
        var settings = engine(store, clock).currentSettings
        settings.scheduling.periods = SensitivePeriods([SensitivePeriod(name: "窗口", first: day("2026-12-01"), last: day("2026-12-10"))])
        let e = Engine(store: store, settings: settings, clock: clock, logger: quietLogger)
        let created = try run(e, clock, until: at("2026-12-31 12:00")).filter { $0.deadlineKind == .handling && $0.recipient.role == .unit }
        // D6 due Tue 12-08 (inside the window). 20 working days before: back over 12-07, 04, 03, 02, 01,
        // 11-30, 27, 26, 25, 24, 23, 20, 19, 18, 17, 16, 13, 12, 11, 10 → Tue 11-10.
        // 6 working days before: 12-07, 04, 03, 02, 01, 11-30 → Mon 11-30.
        #expect(created.map { "\($0.milestone) \(shanghai.format($0.fireAt))" } == [
            "before-20wd 2026-11-10 09:00", "before-6wd 2026-11-30 09:00", "due 2026-12-08 09:00", "overdue 2026-12-09 09:00",
        ])
    }
}
