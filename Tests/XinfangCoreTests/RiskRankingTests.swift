import Testing
import XinfangCore

/// A deadline as the engine would give it (only kind, status, due and fulfilment matter to the ranking).
private func deadline(_ kind: DeadlineKind, due: String, _ status: DeadlineStatus = .open, fulfilled: String? = nil) -> Deadline {
    Deadline(kind: kind, status: status, start: nil, due: day(due), fulfilledOn: fulfilled.map { day($0) }, provisional: false,
             derivation: Derivation(policyID: "cn-2022", article: "条例2022"))
}

/// The risk ranking for the 国庆 2025 window 09-28 … 10-08, as of Thu 2025-09-25
/// (docs/domain.md#escalation-risk-periods: collective, repeated, skip-level, overdue, due inside the
/// window are listed first). Due days are worked out by hand from the 2025 notice (excerpt in
/// Support.swift) and checked against the calendar.
@Suite("Risk ranking for an escalation-risk window")
struct RiskRankingTests {
    let cal: WorkingCalendar
    let period = SensitivePeriod(name: "国庆节", first: Day(year: 2025, month: 9, day: 28)!, last: Day(year: 2025, month: 10, day: 8)!)
    let asOf = Day(year: 2025, month: 9, day: 25)!

    init() throws { cal = try WorkingCalendar(id: "t", years: [excerpt2025()]) }

    /// A: 6 petitioners, repeated; D6 accepted 07-22: 07-22 + 60 = 09-20 (07-31 is +9, 08-31 +40,
    /// 09-20 +60), a Saturday → rolled to Mon 09-22; not done → 3 days overdue on 09-25.
    var a: RiskInput {
        RiskInput(facts: CaseFacts(number: "XF-2025-000101", received: day("2025-07-20"), category: .claim, unit: "住建局", persons: 6, repeated: true),
                  deadlines: [deadline(.registration, due: "2025-08-04", .met, fulfilled: "2025-07-22"), deadline(.handling, due: "2025-09-22", .missed)])
    }
    /// B: skip-level, 2 earlier misses; D1 received 09-15: + 15 = Tue 09-30, a working day, inside the
    /// window; D3 received 09-20: + 15 = 10-05 (国庆, off 10-01 … 10-08) → Thu 10-09, outside it.
    var b: RiskInput {
        RiskInput(facts: CaseFacts(number: "XF-2025-000102", received: day("2025-09-15"), category: .claim, unit: "人社局", skipLevel: true),
                  deadlines: [deadline(.registration, due: "2025-09-30"), deadline(.forwardNotice, due: "2025-10-09")], earlierMisses: 2)
    }
    /// C: 4 petitioners (not collective: 第20条 says 5); D6 done; a petitioner's window (D8) and an
    /// office's option (D4) inside the window do not count.
    var c: RiskInput {
        RiskInput(facts: CaseFacts(number: "XF-2025-000103", received: day("2025-07-01"), category: .claim, unit: "住建局", persons: 4),
                  deadlines: [deadline(.handling, due: "2025-09-01", .met, fulfilled: "2025-08-29"), deadline(.reviewWindow, due: "2025-09-30"),
                               deadline(.remitObjection, due: "2025-09-29")])
    }
    /// D: exactly 5 petitioners → collective, 30.
    var d: RiskInput {
        RiskInput(facts: CaseFacts(number: "XF-2025-000099", received: day("2025-09-01"), category: .suggestion, unit: "城管局", persons: 5), deadlines: [])
    }
    /// E: 3 earlier misses × 10 = 30, the same score as D.
    var e: RiskInput {
        RiskInput(facts: CaseFacts(number: "XF-2025-000100", received: day("2025-09-01"), category: .suggestion, unit: "城管局"), deadlines: [],
                  earlierMisses: 3)
    }
    /// F: two deadlines overdue — D1 received 08-26: + 15 = Wed 09-10 (15 days overdue on 09-25) and D6
    /// due 09-22 (3 days); D3 done late on 09-20 (due 09-15) and a waived D2 do not count.
    var f: RiskInput {
        RiskInput(facts: CaseFacts(number: "XF-2025-000104", received: day("2025-08-26"), category: .claim, unit: "人社局"),
                  deadlines: [deadline(.registration, due: "2025-09-10", .missed), deadline(.intakeNotice, due: "2025-09-10", .notApplicable),
                               deadline(.forwardNotice, due: "2025-09-15", .missed, fulfilled: "2025-09-20"),
                               deadline(.handling, due: "2025-09-22", .missed)])
    }

    @Test("the due days above are what the calendar gives (hand-worked in the comments)")
    func dueDays() {
        #expect(cal.addingCalendarDays(60, to: day("2025-07-22")).day == day("2025-09-22"))
        #expect(cal.addingCalendarDays(15, to: day("2025-09-15")).day == day("2025-09-30"))
        #expect(cal.addingCalendarDays(15, to: day("2025-09-20")).day == day("2025-10-09"))
        #expect(cal.addingCalendarDays(15, to: day("2025-08-26")).day == day("2025-09-10"))
    }

    @Test("ranked by score, then case number; every point explained")
    func ranking() {
        let ranked = RiskRanking(period: period, asOf: asOf).rank([c, f, e, b, d, a])
        // A 30 + 20 + 25 = 75; B 20 + 15 + 2 × 10 = 55; D 30 and E 30 (XF-2025-000099 first); F 25; C 0.
        #expect(ranked.map(\.caseNumber) == ["XF-2025-000101", "XF-2025-000102", "XF-2025-000099", "XF-2025-000100", "XF-2025-000104", "XF-2025-000103"])
        #expect(ranked.map(\.score) == [75, 55, 30, 30, 25, 0])
        for entry in ranked { #expect(entry.score == entry.items.reduce(0) { $0 + $1.points }) }

        #expect(ranked[0].items.map(\.reason) == ["集体访（6人）+30", "重复访+20", "已逾期（D6 办理并出具处理意见书，2025-09-22到期，逾期3天）+25"])
        #expect(ranked[0].items.map(\.factor) == [.collective, .repeated, .overdue])
        #expect(ranked[1].items.map(\.reason) == ["越级访+20", "敏感期内到期（D1 登记并转送/交办，2025-09-30到期）+15", "此前逾期2次（每次10分）+20"])
        #expect(ranked[2].explanation == "集体访（5人）+30")
        #expect(ranked[3].explanation == "此前逾期3次（每次10分）+30")
        #expect(ranked[4].items.map(\.reason) == ["已逾期（D1 登记并转送/交办，2025-09-10到期，逾期15天；共2项）+25"])
        #expect(ranked[5].items.isEmpty && ranked[5].explanation.isEmpty)
        #expect(ranked[0].unit == "住建局")
    }

    @Test("a deadline due on the as-of day is not overdue yet; inside the window it counts as due there")
    func dueToday() {
        // as of 09-30, B's D1 (due 09-30) is still in time; F's D1 is now 20 days overdue
        let ranking = RiskRanking(period: period, asOf: day("2025-09-30"))
        #expect(ranking.assess(b).items.map(\.factor) == [.skipLevel, .dueInWindow, .earlierMisses])
        #expect(ranking.assess(f).items.first?.reason == "已逾期（D1 登记并转送/交办，2025-09-10到期，逾期20天；共2项）+25")
        // as of 10-01, B's D1 is overdue (1 day) and nothing of B falls due in 10-01 … 10-08 any more
        let later = RiskRanking(period: period, asOf: day("2025-10-01")).assess(b)
        #expect(later.items.map(\.reason) == ["越级访+20", "已逾期（D1 登记并转送/交办，2025-09-30到期，逾期1天）+25", "此前逾期2次（每次10分）+20"])
    }

    @Test("weights and the collective head count are data")
    func weightsAreData() {
        var weights = RiskWeights.standard
        weights[.overdue] = 100
        weights.collectiveMinPersons = 4
        let ranked = RiskRanking(period: period, asOf: asOf, weights: weights).rank([a, b, c, d, e, f])
        // A 30 + 20 + 100 = 150; F 100; B 55; C now collective (4 ≥ 4) 30, D 30, E 30 by number: 000099, 000100, 000103
        #expect(ranked.map(\.caseNumber) == ["XF-2025-000101", "XF-2025-000104", "XF-2025-000102", "XF-2025-000099", "XF-2025-000100", "XF-2025-000103"])
        #expect(ranked.map(\.score) == [150, 100, 55, 30, 30, 30])
        #expect(ranked[5].explanation == "集体访（4人）+30")
        // a factor weighted 0 is not listed at all
        weights[.repeated] = 0
        #expect(RiskRanking(period: period, asOf: asOf, weights: weights).assess(a).items.map(\.factor) == [.collective, .overdue])
    }
}
