import Testing
import XinfangCore

/// Supervision orders (督办单) and their escalation ladder (docs/domain.md#supervision-orders,
/// 条例2022 第39/40条) over the excerpt of the 2025 notice (Support.swift): 国庆节、中秋节 off 10-01 … 10-08, make-up working
/// days Sun 09-28 and Sat 10-11. Every date is worked out by hand in the comments.
@Suite("Supervision orders: the ladder, breaches, yellow cards, proposals")
struct SupervisionOrderTests {
    let cal: WorkingCalendar
    let ladder = SupervisionLadder()  // reminder 3 wd before, 催办 next wd, 通报 5th wd after, yellow card 3 in 90 days

    init() throws { cal = try WorkingCalendar(id: "t", years: [excerpt2025()]) }

    /// 督字〔2025〕7号: a 督办 on XF-2025-000201, issued Mon 09-01, feedback due Tue 09-30.
    let order = SupervisionOrder(id: "督字〔2025〕7号", caseNumber: "XF-2025-000201", unit: "县住建局", kind: .supervise, issuedBy: "县信访局",
                                 issued: Day(year: 2025, month: 9, day: 1)!, feedbackDue: Day(year: 2025, month: 9, day: 30)!)

    func due(_ events: [SupervisionEvent] = [], asOf: String) -> [String] {
        ladder.dueSteps(for: SupervisionRecord(order: order, events: events), calendar: cal, asOf: day(asOf)).map { "\($0.day) \($0.kind.name)" }
    }

    @Test("the ladder step by step across 国庆 2025: reminder 09-26, 催办 10-09, 通报 10-14")
    func ladderAcrossHoliday() {
        // Reminder 3 working days before Tue 09-30: Mon 09-29 (1), Sun 09-28 (2, a make-up working
        // day), Sat 09-27 rests, Fri 09-26 (3) → 09-26 (not 09-25: the make-up Sunday counts).
        // 催办 on the next working day after 09-30: 10-01 … 10-08 are off → Thu 10-09.
        // 通报 once 5 working days overdue: 10-09 (1), Fri 10-10 (2), Sat 10-11 (3, make-up), Sun 10-12
        // rests, Mon 10-13 (4), Tue 10-14 (5) → 10-14.
        #expect(due(asOf: "2025-09-25") == [])
        #expect(due(asOf: "2025-09-26") == ["2025-09-26 reminder-3wd"])
        #expect(due(asOf: "2025-10-08") == ["2025-09-26 reminder-3wd"])
        #expect(due(asOf: "2025-10-09") == ["2025-09-26 reminder-3wd", "2025-10-09 urge"])
        #expect(due(asOf: "2025-10-13") == ["2025-09-26 reminder-3wd", "2025-10-09 urge"])
        #expect(due(asOf: "2025-10-14") == ["2025-09-26 reminder-3wd", "2025-10-09 urge", "2025-10-14 bulletin"])
        // the plan as of the day of issue already holds all three
        let plan = ladder.plan(for: SupervisionRecord(order: order), calendar: cal, asOf: day("2025-09-01"))
        #expect(plan.map(\.day) == [day("2025-09-26"), day("2025-10-09"), day("2025-10-14")])
        #expect(plan.map(\.key) == [
            "supervision:督字〔2025〕7号:feedback:reminder-3wd:2025-09-30",
            "supervision:督字〔2025〕7号:feedback:urge:2025-09-30",
            "supervision:督字〔2025〕7号:feedback:bulletin:2025-09-30",
        ])
        #expect(plan.allSatisfy { $0.caseNumber == "XF-2025-000201" && $0.unit == "县住建局" && $0.due == day("2025-09-30") && !$0.provisional })
        #expect(plan.map(\.kind.chineseName) == ["到期前3个工作日提醒", "催办通知", "通报建议"])
    }

    @Test("feedback in time stops the ladder; late feedback stops what is still to come")
    func feedbackStops() {
        // on the due day: no 催办, no 通报, no breach
        #expect(due([.feedbackReceived(on: day("2025-09-30"))], asOf: "2025-10-20") == ["2025-09-26 reminder-3wd"])
        // on the reminder's day: not even the reminder
        #expect(due([.feedbackReceived(on: day("2025-09-26"))], asOf: "2025-10-20") == [])
        // Fri 10-10, after the 催办 of 10-09: the 通报 of 10-14 is dropped
        #expect(due([.feedbackReceived(on: day("2025-10-10"))], asOf: "2025-10-20") == ["2025-09-26 reminder-3wd", "2025-10-09 urge"])
        // feedback recorded for 10-10 is not known as of 10-09
        #expect(due([.feedbackReceived(on: day("2025-10-10"))], asOf: "2025-10-09") == ["2025-09-26 reminder-3wd", "2025-10-09 urge"])
        // closing the order on 10-13 ends the ladder: no 通报 on 10-14
        #expect(due([.closed(on: day("2025-10-13"))], asOf: "2025-10-20") == ["2025-09-26 reminder-3wd", "2025-10-09 urge"])
    }

    @Test("a promised completion climbs its own ladder; feedback does not meet it, closing does")
    func promisedCompletion() {
        // 承诺办结 by Fri 10-31: reminder 3 wd before: 10-30 (1), 10-29 (2), Tue 10-28 (3); 催办 on the
        // next working day after Fri 10-31: Mon 11-03; 通报 on the 5th: 11-03 … Fri 11-07.
        var o = order
        o.promisedCompletion = day("2025-10-31")
        let record = SupervisionRecord(order: o, events: [.feedbackReceived(on: day("2025-09-29"))])
        let steps = ladder.dueSteps(for: record, calendar: cal, asOf: day("2025-11-30"))
        #expect(steps.map { "\($0.day) \($0.obligation.rawValue) \($0.kind.name)" } == [
            "2025-09-26 feedback reminder-3wd",
            "2025-10-28 completion reminder-3wd", "2025-11-03 completion urge", "2025-11-07 completion bulletin",
        ])
        let closed = SupervisionRecord(order: o, events: [.feedbackReceived(on: day("2025-09-29")), .closed(on: day("2025-10-30"))])
        #expect(ladder.dueSteps(for: closed, calendar: cal, asOf: day("2025-11-30")).map(\.day) == [day("2025-09-26"), day("2025-10-28")])
        #expect(ladder.breaches(of: closed, asOf: day("2025-11-30")).isEmpty)
    }

    @Test("no reminder on or before the day the order was issued")
    func reminderAfterIssue() {
        // issued Fri 09-26 for feedback by 09-30: the reminder would fall on 09-26 itself → none
        var o = order
        o.issued = day("2025-09-26")
        let steps = ladder.plan(for: SupervisionRecord(order: o), calendar: cal, asOf: day("2025-09-26"))
        #expect(steps.map(\.kind) == [.urge, .bulletin])
        // reminders are data: 5 and 3 working days before 09-30, issued 09-01: 5 → 09-29, 09-28, 09-26,
        // 09-25, Wed 09-24; 3 → 09-26
        let two = SupervisionLadder(rule: LadderRule(reminderWorkingDays: [3, 5]))
        #expect(two.plan(for: SupervisionRecord(order: order), calendar: cal, asOf: day("2025-09-01")).map { "\($0.day) \($0.kind.name)" }
            == ["2025-09-24 reminder-5wd", "2025-09-26 reminder-3wd", "2025-10-09 urge", "2025-10-14 bulletin"])
    }

    /// The unit's orders for the yellow-card tests: breaches dated the first day overdue.
    func unitRecords() -> [SupervisionRecord] {
        func o(_ id: String, unit: String = "县住建局", feedback: String? = nil, completion: String? = nil) -> SupervisionOrder {
            SupervisionOrder(id: id, unit: unit, kind: .supervise, issuedBy: "县信访局", issued: day("2025-09-01"),
                             feedbackDue: feedback.map { day($0) }, promisedCompletion: completion.map { day($0) })
        }
        return [
            SupervisionRecord(order: o("O1", feedback: "2025-09-30"), events: [.feedbackReceived(on: day("2025-10-10"))]),  // breach 10-01 (met late)
            SupervisionRecord(order: o("O2", feedback: "2025-10-15")),                                                   // breach 10-16
            SupervisionRecord(order: o("O3", completion: "2025-11-20")),                                                 // breach 11-21
            SupervisionRecord(order: o("O4", feedback: "2025-11-30"), events: [.feedbackReceived(on: day("2025-11-28"))]),  // met in time
            SupervisionRecord(order: o("X1", unit: "县人社局", feedback: "2025-10-20")),                                   // another unit
            SupervisionRecord(order: o("X2", unit: "县人社局", feedback: "2025-10-21")),
        ]
    }

    @Test("breaches: a duty not met by its due day, dated the first day overdue")
    func breaches() {
        let records = unitRecords()
        let b = ladder.breaches(of: records[0], asOf: day("2025-10-20"))
        #expect(b == [SupervisionBreach(orderID: "O1", unit: "县住建局", obligation: .feedback, due: day("2025-09-30"), day: day("2025-10-01"),
                                        metLate: day("2025-10-10"))])
        // not a breach yet on the due day itself
        #expect(ladder.breaches(of: records[1], asOf: day("2025-10-15")).isEmpty)
        #expect(ladder.breaches(of: records[1], asOf: day("2025-10-16")).map(\.day) == [day("2025-10-16")])
        #expect(ladder.breaches(of: records[3], asOf: day("2025-12-31")).isEmpty)
    }

    @Test("yellow card (黄牌警告): 3 breaches within 90 days, held while the last 90 days hold 3")
    func yellowCard() {
        let records = unitRecords()
        // 县住建局's breaches: 10-01, 10-16, 11-21. On 11-20 only two: no card.
        let before = ladder.yellowCard(unit: "县住建局", records: records, asOf: day("2025-11-20"))
        #expect(!before.isActive && before.key == nil)
        #expect(before.recentBreaches.map(\.orderID) == ["O1", "O2"])
        // On 11-21 the third: 10-01 … 11-21 is 51 days (< 90). The card holds until the first of the
        // three leaves the 90-day window: 10-01 + 89 = 12-29 (10-31 is +30, 11-30 +60, 12-29 +89).
        let card = ladder.yellowCard(unit: "县住建局", records: records, asOf: day("2025-11-21"))
        #expect(card.isActive)
        #expect(card.card == day("2025-11-21")...day("2025-12-29"))
        #expect(card.key == "yellow-card:县住建局:2025-11-21")
        #expect(ladder.yellowCard(unit: "县住建局", records: records, asOf: day("2025-12-29")).key == "yellow-card:县住建局:2025-11-21")
        // On 12-30 the last 90 days (10-02 … 12-30) hold 10-16 and 11-21 only: the card has lapsed.
        let lapsed = ladder.yellowCard(unit: "县住建局", records: records, asOf: day("2025-12-30"))
        #expect(!lapsed.isActive && lapsed.recentBreaches.map(\.orderID) == ["O2", "O3"])
        // 县人社局 has two breaches (10-21, 10-22): no card; its orders never count for 县住建局
        #expect(!ladder.yellowCard(unit: "县人社局", records: records, asOf: day("2025-11-21")).isActive)
    }

    @Test("a new breach while carded extends the same card; K and M are data")
    func yellowCardExtended() {
        var records = unitRecords()
        records.append(SupervisionRecord(order: SupervisionOrder(id: "O5", unit: "县住建局", kind: .urge, issuedBy: "县委督查室",
                                                                 issued: day("2025-12-01"), feedbackDue: day("2025-12-19"))))  // breach 12-20
        // On 12-30 the last 90 days hold 10-16, 11-21, 12-20: still carded, the same card (since 11-21),
        // now until 10-16 + 89 = 2026-01-13 (10-31 is +15, 11-30 +45, 12-31 +76, 01-13 +89).
        let card = ladder.yellowCard(unit: "县住建局", records: records, asOf: day("2025-12-30"))
        #expect(card.card == day("2025-11-21")...day("2026-01-13"))
        #expect(card.key == "yellow-card:县住建局:2025-11-21")
        // K = 2 within M = 30 days: 10-01 and 10-16 are 15 days apart → carded from 10-16 to 10-01 + 29 = 10-30
        let strict = SupervisionLadder(rule: LadderRule(yellowCardBreaches: 2, yellowCardPeriodDays: 30))
        #expect(strict.yellowCard(unit: "县住建局", records: records, asOf: day("2025-10-20")).card == day("2025-10-16")...day("2025-10-30"))
        // 县人社局: 10-21 and 10-22 → carded from 10-22 to 10-21 + 29 = 11-19
        #expect(strict.yellowCards(records: records, asOf: day("2025-10-25")).map { "\($0.unit) \($0.since.map(String.init(describing:)) ?? "-")" }
            == ["县人社局 2025-10-22", "县住建局 2025-10-16"])
    }

    @Test("a missed statutory deadline proposes a 督办 (条例2022 第40条); petitioners' windows and options do not")
    func proposals() {
        let facts = CaseFacts(number: "XF-2025-000301", received: day("2025-09-10"), category: .claim, unit: "县人社局")
        let deadlines = [
            Deadline(kind: .handling, status: .missed, start: day("2025-07-01"), due: day("2025-09-01"), fulfilledOn: day("2025-09-05"), provisional: false,
                     derivation: Derivation(policyID: "cn-2022", article: "条例2022 第34条")),
            Deadline(kind: .registration, status: .missed, start: day("2025-09-10"), due: day("2025-09-25"), fulfilledOn: nil, provisional: false,
                     derivation: Derivation(policyID: "cn-2022", article: "条例2022 第22条")),
            Deadline(kind: .forwardNotice, status: .met, start: day("2025-09-12"), due: day("2025-09-27"), fulfilledOn: day("2025-09-20"), provisional: false,
                     derivation: Derivation(policyID: "cn-2022", article: "条例2022 第23条")),
            Deadline(kind: .reviewWindow, status: .missed, start: day("2025-08-01"), due: day("2025-08-31"), fulfilledOn: day("2025-09-03"), provisional: false,
                     derivation: Derivation(policyID: "cn-2022", article: "条例2022 第35条")),
        ]
        let list = ProposedOrder.proposals(for: deadlines, of: facts)
        #expect(list.map(\.deadline) == [.registration, .handling])
        #expect(list.map(\.outstanding) == [true, false])
        #expect(list.allSatisfy { $0.kind == .supervise && $0.unit == "县人社局" && $0.article == "条例2022 第40条" && $0.feedbackDue == nil })
        #expect(list[0].key == "propose:XF-2025-000301:D1:2025-09-25")
        #expect(list[0].reason == "XF-2025-000301 D1 登记并转送/交办应于2025-09-25前完成（条例2022 第22条），逾期未办；建议依条例2022 第40条督办并提出改进建议。")
        #expect(list[1].reason == "XF-2025-000301 D6 办理并出具处理意见书应于2025-09-01前完成（条例2022 第34条），于2025-09-05办理，逾期4天；建议依条例2022 第40条督办并提出改进建议。")
    }

    @Test("orders and ladders are checked")
    func validation() {
        var bad = order
        bad.feedbackDue = day("2025-08-31")
        bad.issuedBy = ""
        #expect(bad.validate(source: "orders.toml", line: 4).map(\.description) == [
            "orders.toml:4:issued_by: an order needs its issuing body",
            "orders.toml:4:feedback_due: 2025-08-31 is before the order was issued (2025-09-01)",
        ])
        #expect(order.validate().isEmpty)
        #expect(LadderRule(reminderWorkingDays: [0], yellowCardBreaches: 0).validate().map(\.field) == ["ladder.reminder_working_days", "ladder.yellow_card_breaches"])
        #expect(LadderRule.standard.validate().isEmpty)
    }
}
