import Foundation
import Testing
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangPorts
import XinfangStore

@Suite("Leaders: reception reminders with briefings, weekly digests, deputies")
struct LeaderReminderTests {
    /// 王副县长 receives at 城关镇 on the 10th and 20th; an open case at 城关镇 that he owns.
    func seed(_ store: SQLiteStore) throws {
        try store.addUnit(name: "县人社局", address: "rsj@example.cn", actor: "test")
        try store.addLeader(name: "王副县长", title: "副县长", unit: nil, address: "wang@example.cn", actor: "test")
        try store.addLeader(name: "李副县长", title: "副县长", unit: nil, address: "li@example.cn", actor: "test")
        try store.addCase(CaseFacts(number: "XF-2026-000321", received: day("2026-11-02"), category: .claim, unit: "县人社局",
                                    leader: "王副县长", place: "城关镇", title: "拖欠工资"), petitioner: PetitionerContact(name: "张某某", idNumber: "110101199001011234"), actor: "test")
        try append(store, "XF-2026-000321", .accepted, "2026-11-05")
        try store.addReceptionRule(ReceptionRule(id: "wang-cgz", leader: "王副县长", place: "城关镇", recurrence: .monthly(days: [10, 20]),
                                                 validFrom: day("2026-01-01")), actor: "test")
    }

    @Test("a reception day is reminded 5 working days ahead and on the morning, with the town's open cases; 顺延 off a Sunday")
    func receptionReminders() throws {
        let store = try temporaryStore()
        try seed(store)
        let clock = TestClock(at("2026-11-30 08:00"))
        let created = try run(engine(store, clock), clock, until: at("2026-12-21 12:00")).filter { $0.kind == "reception" }
        // Thu 12-10: 5 working days before = 12-09, 08, 07, 04, 03 → Thu 12-03 09:00; and 12-10 09:00.
        // Sun 12-20 → 顺延 to Mon 12-21: 5 working days before = 12-18, 17, 16, 15, 14 → Mon 12-14 09:00; and 12-21 09:00.
        #expect(created.map { shanghai.format($0.fireAt) }.sorted() == ["2026-12-03 09:00", "2026-12-10 09:00", "2026-12-14 09:00", "2026-12-21 09:00"])
        #expect(created.allSatisfy { $0.recipient == Recipient(role: .leader, name: "王副县长", address: "wang@example.cn") && $0.lateBySeconds == nil })
        let first = try #require(created.first { $0.fireAt == at("2026-12-03 09:00") })
        #expect(first.subject == "【接访提醒】王副县长 2026-12-10（周四） 城关镇")
        #expect(first.body.contains("城关镇待办信访事项：1件") && first.body.contains("XF-2026-000321（申诉求决）拖欠工资"))
        // Accepted 11-05 + 60 days = Mon 2027-01-04 (2027 has no notice yet: weekends only).
        #expect(first.body.contains("办理并出具处理意见书 2027-01-04前"))
        #expect(!first.body.contains("张某某") && !first.body.contains("110101199001011234"))
        let held = try #require(created.first { $0.fireAt == at("2026-12-21 09:00") })
        #expect(held.body.contains("今日") && held.body.contains("顺延"))
    }

    @Test("the weekly digest goes out on Monday morning, once")
    func weeklyDigest() throws {
        let store = try temporaryStore()
        try seed(store)
        let clock = TestClock(at("2026-11-30 10:00"))  // a Monday, after 09:00: the first digest is next Monday
        let e = engine(store, clock)
        let digests = try run(e, clock, until: at("2026-12-15 12:00")).filter { $0.kind == "digest" }
        #expect(digests.map { shanghai.format($0.fireAt) } == ["2026-12-07 09:00", "2026-12-14 09:00"])
        #expect(digests.first?.subject == "【包案周报】王副县长 2026-12-07：在办1件，7日内到期0件，逾期0件")
        #expect(try e.step().created.isEmpty)
    }

    @Test("an unacknowledged reminder to a leader goes to the deputy after the configured time; an acknowledged one does not")
    func ackEscalation() throws {
        let store = try temporaryStore()
        try seed(store)
        try store.setDeputy(DeputyAssignment(leader: "王副县长", deputy: "李副县长"), actor: "test")
        let clock = TestClock(at("2026-11-30 08:00"))
        let e = engine(store, clock)
        let before = try run(e, clock, until: at("2026-12-03 10:00"))
        let reception = try #require(before.first { $0.kind == "reception" })
        // 24 hours later (default): escalated to the deputy.
        let escalated = try run(e, clock, until: at("2026-12-04 10:00")).filter { $0.kind == "escalation" }
        #expect(escalated.count == 1)
        #expect(escalated.first?.recipient.name == "李副县长" && escalated.first?.recipient.role == .deputy)
        #expect(escalated.first?.subject == "【未签收转办】" + reception.subject)
        // The day-of reminder (12-10) is acknowledged in time: nothing goes to the deputy for it.
        let dayOf = try #require(try run(e, clock, until: at("2026-12-10 09:30")).first { $0.kind == "reception" })
        try store.ack(reminderID: dayOf.id, actor: "test")
        #expect(try run(e, clock, until: at("2026-12-11 12:00")).filter { $0.kind == "escalation" }.isEmpty)
    }

    @Test("during a leader's absence their reminders go to the deputy named for it")
    func absenceRoutesToDeputy() throws {
        let store = try temporaryStore()
        try seed(store)
        try store.setDeputy(DeputyAssignment(leader: "王副县长", deputy: "李副县长", from: day("2026-12-08"), until: day("2026-12-11")), actor: "test")
        let clock = TestClock(at("2026-11-30 08:00"))
        let created = try run(engine(store, clock), clock, until: at("2026-12-10 12:00")).filter { $0.kind == "reception" }
        #expect(created.first { $0.fireAt == at("2026-12-03 09:00") }?.recipient.name == "王副县长")
        let dayOf = try #require(created.first { $0.fireAt == at("2026-12-10 09:00") })
        #expect(dayOf.recipient == Recipient(role: .deputy, name: "李副县长", address: "li@example.cn"))
        #expect(dayOf.body.contains("王副县长不在岗，由代理人李副县长接收本提醒"))
    }

    @Test("a deadline reminder to the owning leader goes to the deputy during the leader's absence")
    func absenceRoutesDeadlineReminders() throws {
        let store = try temporaryStore()
        try seed(store)
        try store.setDeputy(DeputyAssignment(leader: "王副县长", deputy: "李副县长", from: day("2026-12-14"), until: day("2026-12-22")), actor: "test")
        let clock = TestClock(at("2026-11-30 08:00"))
        // D6: accepted 11-05 + 60 = Mon 2027-01-04. Ten working days before it, with 2027 counted on
        // weekends only (no notice yet, so Fri 2027-01-01 counts, provisionally): 01-01, 12-31, 30, 29,
        // 28, 25, 24, 23, 22, 21 → Mon 2026-12-21, inside the absence.
        let d6 = try run(engine(store, clock), clock, until: at("2026-12-21 12:00")).filter { $0.deadlineKind == .handling }
        #expect(d6.map(\.milestone) == ["before-10wd", "before-10wd"])
        #expect(d6.allSatisfy { $0.fireAt == at("2026-12-21 09:00") })
        #expect(Set(d6.map(\.recipient)) == [Recipient(role: .unit, name: "县人社局", address: "rsj@example.cn"),
                                               Recipient(role: .deputy, name: "李副县长", address: "li@example.cn")])
    }

    @Test("a cancelled reception is not reminded; a new exception is picked up without restart")
    func cancelledNotReminded() throws {
        let store = try temporaryStore()
        try seed(store)
        let clock = TestClock(at("2026-11-30 08:00"))
        let e = engine(store, clock)
        _ = try e.step()
        try store.addReceptionException(.cancel(ruleID: "wang-cgz", day: day("2026-12-10")), actor: "test")
        let created = try run(e, clock, until: at("2026-12-12 12:00")).filter { $0.kind == "reception" }
        #expect(created.isEmpty)
    }
}

@Suite("Leaders' briefings count every case and list the first 30 (issue 11 §3)")
struct BriefingLimitTests {
    @Test("a reception reminder counts all 35 of the leader's cases, lists 30 and says 另有5件; the store's briefing counts overdue and lists at most its limit, and follows a case's events")
    func countsAndLimits() throws {
        let store = try temporaryStore()
        try LeaderReminderTests().seed(store)  // XF-2026-000321 at 城关镇, accepted 11-05 (D6 due 2027-01-04)
        // Two accepted 09-25: D6 due 09-25 + 60 days = Tue 11-24, overdue on 12-03. 32 more like XF-2026-000321.
        for k in 1...2 { try seedCase(store, number: "XF-2026-10000\(k)", received: "2026-09-20", accepted: "2026-09-25") }
        for k in 10...41 { try seedCase(store, number: "XF-2026-2000\(k)", received: "2026-11-02", accepted: "2026-11-05") }
        let clock = TestClock(at("2026-11-30 08:00"))
        let e = engine(store, clock)
        let created = try run(e, clock, until: at("2026-12-03 12:00")).filter { $0.kind == "reception" }
        let first = try #require(created.first)
        #expect(first.body.contains("城关镇待办信访事项：1件"))
        #expect(first.body.contains("王副县长包案事项：35件") && first.body.contains("……另有5件"), "\(first.body)")
        // 1 listed for the place, 30 for the leader; the overdue ones come first.
        #expect(first.body.components(separatedBy: "\n· XF-").count - 1 == 31)
        #expect(first.body.contains("XF-2026-100001（申诉求决） — 办理并出具处理意见书 2026-11-24前"))

        let b = try store.briefing(leader: "王副县长", today: day("2026-12-03"), limit: 3)
        #expect((b.openCount, b.overdueCount, b.dueSoonCount) == (35, 2, 0))
        #expect(b.cases.map(\.number) == ["XF-2026-100001", "XF-2026-100002", "XF-2026-000321"])
        #expect(b.overdue.map(\.number) == ["XF-2026-100001", "XF-2026-100002"] && b.dueSoon.isEmpty)
        #expect(b.oldest.isEmpty)  // only for the whole store (the dispatch agenda)
        #expect(try store.briefing(today: day("2026-12-03"), limit: 3).oldest.map(\.number) == ["XF-2026-000321", "XF-2026-100001", "XF-2026-100002"])
        #expect(try store.briefing(place: "城关镇", today: day("2026-12-03"), limit: 3).openCount == 1)

        // The opinion issued on one overdue case: once the daemon computes it, it no longer counts as overdue.
        try append(store, "XF-2026-100001", .opinionIssued, "2026-12-03")
        _ = try e.step()
        let after = try store.briefing(leader: "王副县长", today: day("2026-12-03"), limit: 3)
        #expect(after.overdueCount == 1 && after.overdue.map(\.number) == ["XF-2026-100002"])
    }
}
