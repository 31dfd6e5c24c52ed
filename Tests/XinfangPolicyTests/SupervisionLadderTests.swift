import Testing
import XinfangCore
import XinfangPolicy

/// Supervision orders with the real `cn` calendar (etc/calendars/cn). From 2025.toml: 国庆节、中秋节
/// off 10-01 … 10-08, make-up Sun 09-28 and Sat 10-11; 劳动节 off 05-01 … 05-05. From 2026.toml:
/// 春节 off 02-15 … 02-23, make-up Sat 02-14 and Sat 02-28. Dates worked out by hand.
@Suite("Supervision ladder and policy (real calendar)")
struct SupervisionLadderTests {
    let policy = StandardSupervisionPolicy()

    func steps(feedbackDue: String, issued: String, asOf: String, events: [SupervisionEvent] = []) throws -> [String] {
        let order = SupervisionOrder(id: "督字〔2025〕9号", caseNumber: "XF-2025-000401", unit: "县自然资源局", kind: .supervise, issuedBy: "县信访局",
                                     issued: day(issued), feedbackDue: day(feedbackDue))
        return policy.supervisionLadder.dueSteps(for: SupervisionRecord(order: order, events: events), calendar: try cn(), asOf: day(asOf))
            .map { "\($0.day) \($0.kind.name)" }
    }

    @Test("国庆 2025: feedback due Tue 09-30 → reminder Fri 09-26, 催办 Thu 10-09, 通报 Tue 10-14")
    func nationalDay2025() throws {
        // reminder, 3 working days before 09-30: 09-29 Mon (1), 09-28 Sun make-up (2), 09-26 Fri (3)
        // 催办, the next working day after 09-30: 10-01 … 10-08 off → 10-09 Thu
        // 通报, 5 working days overdue: 10-09 (1), 10-10 (2), 10-11 Sat make-up (3), 10-13 (4), 10-14 (5)
        #expect(try steps(feedbackDue: "2025-09-30", issued: "2025-09-01", asOf: "2025-09-25") == [])
        #expect(try steps(feedbackDue: "2025-09-30", issued: "2025-09-01", asOf: "2025-10-08") == ["2025-09-26 reminder-3wd"])
        #expect(try steps(feedbackDue: "2025-09-30", issued: "2025-09-01", asOf: "2025-10-09") == ["2025-09-26 reminder-3wd", "2025-10-09 urge"])
        #expect(try steps(feedbackDue: "2025-09-30", issued: "2025-09-01", asOf: "2025-10-14")
            == ["2025-09-26 reminder-3wd", "2025-10-09 urge", "2025-10-14 bulletin"])
        // feedback on Sat 10-11 (a make-up working day) stops the 通报
        #expect(try steps(feedbackDue: "2025-09-30", issued: "2025-09-01", asOf: "2025-10-31", events: [.feedbackReceived(on: day("2025-10-11"))])
            == ["2025-09-26 reminder-3wd", "2025-10-09 urge"])
    }

    @Test("春节 2026: feedback due Fri 02-13 → reminder Tue 02-10, 催办 Sat 02-14 (make-up), 通报 Fri 02-27")
    func springFestival2026() throws {
        // reminder: 02-12 Thu (1), 02-11 Wed (2), 02-10 Tue (3)
        // 催办: the next working day after Fri 02-13 is Sat 02-14, a make-up working day
        // 通报: 02-14 (1); 02-15 … 02-23 off; 02-24 Tue (2), 02-25 (3), 02-26 (4), 02-27 Fri (5)
        #expect(try steps(feedbackDue: "2026-02-13", issued: "2026-01-20", asOf: "2026-03-31")
            == ["2026-02-10 reminder-3wd", "2026-02-14 urge", "2026-02-27 bulletin"])
    }

    @Test("feedback period: 30 days under cn-2005 (条例2005 第36条); none under cn-2022 (第40条), the issuer sets it")
    func defaultFeedbackDays() throws {
        #expect(policy.defaultFeedbackDays(policyID: "cn-2005", kind: .suggestion) == 30)
        #expect(policy.defaultFeedbackDays(policyID: "cn-2005", kind: .supervise) == 30)
        #expect(policy.defaultFeedbackDays(policyID: "cn-2005", kind: .urge) == nil)
        for kind in SupervisionKind.allCases { #expect(policy.defaultFeedbackDays(policyID: "cn-2022", kind: kind) == nil) }
        // issued 2025-09-05: + 30 = 10-05 (09-30 is +25), inside 国庆 (off 10-01 … 10-08) → rolled to Thu 10-09
        #expect(policy.defaultFeedbackDue(policyID: "cn-2005", kind: .suggestion, issued: day("2025-09-05"), calendar: try cn())?.day == day("2025-10-09"))
        // issued 2025-04-01: + 30 = 05-01 (04-30 is +29), 劳动节 off 05-01 … 05-05 → Tue 05-06
        #expect(policy.defaultFeedbackDue(policyID: "cn-2005", kind: .suggestion, issued: day("2025-04-01"), calendar: try cn())?.day == day("2025-05-06"))
        // issued 2025-08-12: + 30 = Thu 09-11, a working day: stays
        #expect(policy.defaultFeedbackDue(policyID: "cn-2005", kind: .supervise, issued: day("2025-08-12"), calendar: try cn())?.day == day("2025-09-11"))
        #expect(policy.defaultFeedbackDue(policyID: "cn-2022", kind: .supervise, issued: day("2025-09-05"), calendar: try cn()) == nil)
    }

    @Test("a D1 missed under the engine proposes a 督办, citing the policy's article and its feedback period")
    func proposalFromEngine() throws {
        // received Wed 2025-09-10: D1 = + 15 = Thu 09-25 (09-30 is +20), a working day; nothing
        // recorded, so as of 10-09 it is missed and outstanding.
        let c = try Case("XF-2025-000402", received: "2025-09-10")
        let deadlines = c.deadlines(asOf: "2025-10-09")
        let d1 = try #require(deadlines.first { $0.kind == .registration })
        #expect(d1.due == day("2025-09-25") && d1.status == .missed)

        let cn2022 = policy.proposals(for: deadlines, of: c.timeline.facts, policyID: "cn-2022", issued: day("2025-10-09"), calendar: try cn())
        #expect(cn2022.map(\.deadline) == [.registration])
        #expect(cn2022.first?.article == "条例2022 第40条")
        #expect(cn2022.first?.feedbackDue == nil)
        #expect(cn2022.first?.reason == "XF-2025-000402 D1 登记并转送/交办应于2025-09-25前完成（条例2022 第22条），逾期未办；建议依条例2022 第40条督办并提出改进建议。")

        // the same case under cn-2005 (D1 15 days, 第21条): issued 10-09 + 30 = 11-08, a Saturday → Mon 11-10
        let old = try Case("XF-2025-000403", received: "2025-09-10", policy: .cn2005)
        let cn2005 = policy.proposals(for: old.deadlines(asOf: "2025-10-09"), of: old.timeline.facts, policyID: "cn-2005",
                                      issued: day("2025-10-09"), calendar: try cn())
        #expect(cn2005.first?.article == "条例2005 第36条")
        #expect(cn2005.first?.feedbackDue == day("2025-11-10"))
    }
}
