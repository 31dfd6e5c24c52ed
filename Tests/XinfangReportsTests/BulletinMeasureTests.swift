import Testing
import XinfangCore
import XinfangReports

/// The fixture counted by hand (see Fixture.swift for the cases). Period 2026-01-01…2026-02-28;
/// stocks at the ends of 01-31 and 02-28; a case is overdue at the end of day E when E > its D6 due.
/// Measure order: 及时受理率, 按期办结率, 按期办结率（含超期未办结）, 参评率, 满意率, 重复信访率, 一次性化解率.
@Suite struct BulletinMeasureTests {
    let bulletin = Fixture.bulletin

    func unit(_ name: String) throws -> BulletinUnit {
        try #require(bulletin.units.first { $0.unit == name })
    }

    @Test func monthsAndUnitsOfThePeriod() {
        #expect(bulletin.months.map(\.label) == ["2026-01", "2026-02"])
        #expect(bulletin.months[1].last == day("2026-02-28"))
        // Sorted by name (String order): 县人社局 < 县自然资源局 < 城关镇…
        #expect(bulletin.units.map(\.unit) == [Fixture.hr, Fixture.land, Fixture.town].sorted())
        #expect(bulletin.sections.map(\.unit) == [Bulletin.totalName] + [Fixture.hr, Fixture.land, Fixture.town].sorted())
    }

    @Test func hrBureauCountedByHand() throws {
        let a = try unit(Fixture.hr)
        // January. Received (by day received): A2, A3 (repeat), A4 = 3. Accepted (by day accepted):
        // A2 in time, A3 late, A4 in time = 3, 2 in time. Answered (by day answered): A4 on time
        // (不满意, 复查), A7 late (evaluation overdue) = 2, 1 on time, 1 evaluated, 0 satisfied,
        // 1 evaluation overdue. 一次性化解 of the January acceptances: A2 (answered 02-20, no repeat,
        // no review) = 1; A3 unanswered, A4 reviewed. Pending at 01-31: A1 (accepted 2025-12-28),
        // A2 (answered only 02-20), A3 = 3; none past due (A1 due 02-26).
        expectCounts(a.months[0], received: 3, accepted: 3, answered: 2, pending: 3, overdue: 0)
        expectMeasures(a.months[0], ["2/3 66.7", "1/2 50.0", "1/2 50.0", "1/2 50.0", "0/1 0.0", "1/3 33.3", "1/3 33.3"])
        // February. Received: A5, A6, A8 = 3, no repeat. Accepted: A5 in time (A8's acceptance on
        // 03-02 is after the period: not yet) = 1; A5 answered 02-27 → 一次性化解 1. Answered: A2
        // (满意), A5 (not evaluated, not overdue) = 2, both on time, 1 evaluated and satisfied.
        // Pending at 02-28: A1 (due 02-26 < 02-28: overdue), A3 (due 03-31) = 2, 1 overdue.
        expectCounts(a.months[1], received: 3, accepted: 1, answered: 2, pending: 2, overdue: 1)
        expectMeasures(a.months[1], ["1/1 100.0", "2/2 100.0", "2/3 66.7", "1/1 100.0", "1/1 100.0", "0/3 0.0", "1/1 100.0"])
        // 全期: flows summed (received 6, repeat 1, accepted 4, 3 in time, 2 一次性化解, answered 4,
        // 3 on time, 2 evaluated, 1 satisfied, 1 evaluation overdue); stocks as of 02-28 (2, 1 overdue).
        expectCounts(a.period, received: 6, accepted: 4, answered: 4, pending: 2, overdue: 1)
        expectMeasures(a.period, ["3/4 75.0", "3/4 75.0", "3/5 60.0", "2/3 66.7", "1/2 50.0", "1/6 16.7", "2/4 50.0"])
    }

    @Test func landBureauCountedByHand() throws {
        let b = try unit(Fixture.land)
        // January. Received: B1, B2 (repeat), B5 = 3. Accepted: B1, B2, both in time (B5 only on
        // 02-06) = 2; 一次性化解: B1 (answered 01-30) = 1, B2 is a repeat. Answered: B1 on time,
        // 基本满意 = 1. Pending at 01-31: B2 (answered 02-10), B3 (accepted 2025-10-20, due
        // 2025-12-19: overdue) = 2, 1 overdue.
        expectCounts(b.months[0], received: 3, accepted: 2, answered: 1, pending: 2, overdue: 1)
        expectMeasures(b.months[0], ["2/2 100.0", "1/1 100.0", "1/2 50.0", "1/1 100.0", "1/1 100.0", "1/3 33.3", "1/2 50.0"])
        // February. Received: B4, B6 = 2. Accepted: B4 in time, B5 late, B6 in time = 3, 2 in time;
        // 一次性化解: B5 (02-26), B6 (02-22) = 2; B4 is answered 03-05, after the period. Answered: B2
        // (满意), B5 (不满意), B6 (建议意见类, no limit: on time, not evaluated) = 3, all on time,
        // 2 evaluated, 1 satisfied. Pending at 02-28: B3 (overdue), B4 (its answer is after the
        // period) = 2, 1 overdue.
        expectCounts(b.months[1], received: 2, accepted: 3, answered: 3, pending: 2, overdue: 1)
        expectMeasures(b.months[1], ["2/3 66.7", "3/3 100.0", "3/4 75.0", "2/2 100.0", "1/2 50.0", "0/2 0.0", "2/3 66.7"])
        // 全期: received 5 (1 repeat), accepted 5 (4 in time, 3 一次性化解), answered 4 (all on
        // time; 3 evaluated, 2 满意/基本满意), pending 2, overdue 1 at 02-28.
        expectCounts(b.period, received: 5, accepted: 5, answered: 4, pending: 2, overdue: 1)
        expectMeasures(b.period, ["4/5 80.0", "4/4 100.0", "4/5 80.0", "3/3 100.0", "2/3 66.7", "1/5 20.0", "3/5 60.0"])
    }

    @Test func townCountedByHand() throws {
        let c = try unit(Fixture.town)
        // January. Received: C1, C2 (repeat), C3 = 3. Accepted: C1, C2 in time = 2; 一次性化解 0
        // (C1 asked for 复查, C2 is a repeat). Answered: C1 on time, 满意 = 1. Pending at 01-31:
        // C2 (answered 02-03), C4 (accepted 2025-12-05, answered 02-12; due 02-03 is after 01-31,
        // so not yet overdue) = 2, 0 overdue.
        expectCounts(c.months[0], received: 3, accepted: 2, answered: 1, pending: 2, overdue: 0)
        expectMeasures(c.months[0], ["2/2 100.0", "1/1 100.0", "1/1 100.0", "1/1 100.0", "1/1 100.0", "1/3 33.3", "0/2 0.0"])
        // February. Received: C5 (repeat), C6 = 2. Accepted: C5 in time = 1, unanswered: 0 一次性化解.
        // Answered: C2 on time (evaluation overdue), C4 late (满意) = 2, 1 on time, 1 evaluated and
        // satisfied, 1 evaluation overdue. Pending at 02-28: C5 (due 03-05) = 1, 0 overdue (C4,
        // late, was answered 02-12 and is no longer in hand).
        expectCounts(c.months[1], received: 2, accepted: 1, answered: 2, pending: 1, overdue: 0)
        expectMeasures(c.months[1], ["1/1 100.0", "1/2 50.0", "1/2 50.0", "1/2 50.0", "1/1 100.0", "1/2 50.0", "0/1 0.0"])
        // 全期: received 5 (2 repeats), accepted 3 (all in time, 0 一次性化解), answered 3 (2 on
        // time; 2 evaluated, both 满意; 1 evaluation overdue), pending 1 at 02-28.
        expectCounts(c.period, received: 5, accepted: 3, answered: 3, pending: 1, overdue: 0)
        expectMeasures(c.period, ["3/3 100.0", "2/3 66.7", "2/3 66.7", "2/3 66.7", "2/2 100.0", "2/5 40.0", "0/3 0.0"])
    }

    @Test func totalIsTheSumOfTheUnits() {
        let t = bulletin.total
        #expect(t.unit == Bulletin.totalName)
        // January: received 3+3+3, accepted 3+2+2 (in time 2+2+2), answered 2+1+1 (on time 1+1+1;
        // evaluated 1+1+1, satisfied 0+1+1, evaluation overdue 1+0+0), pending 3+2+2, overdue 0+1+0,
        // repeats 1+1+1, 一次性化解 1+1+0. 6/7 = 85.71 → 85.7; 2/7 = 28.57 → 28.6.
        expectCounts(t.months[0], received: 9, accepted: 7, answered: 4, pending: 7, overdue: 1)
        expectMeasures(t.months[0], ["6/7 85.7", "3/4 75.0", "3/5 60.0", "3/4 75.0", "2/3 66.7", "3/9 33.3", "2/7 28.6"])
        // February: received 3+2+2, accepted 1+3+1 (in time 1+2+1), answered 2+3+2 (on time
        // 2+3+1; evaluated 1+2+1, satisfied 1+1+1, evaluation overdue 0+0+1), pending 2+2+1,
        // overdue 1+1+0, repeats 0+0+1, 一次性化解 1+2+0. 6/7 → 85.7; 6/9 → 66.7; 1/7 = 14.29 → 14.3.
        expectCounts(t.months[1], received: 7, accepted: 5, answered: 7, pending: 5, overdue: 2)
        expectMeasures(t.months[1], ["4/5 80.0", "6/7 85.7", "6/9 66.7", "4/5 80.0", "3/4 75.0", "1/7 14.3", "3/5 60.0"])
        // 全期: 10/12 = 83.33; 9/11 = 81.82; 9/(11+2) = 69.23; 7/(7+2) = 77.78; 5/7 = 71.43;
        // 4/16 = 25; 5/12 = 41.67.
        expectCounts(t.period, received: 16, accepted: 12, answered: 11, pending: 5, overdue: 2)
        expectMeasures(t.period, ["10/12 83.3", "9/11 81.8", "9/13 69.2", "7/9 77.8", "5/7 71.4", "4/16 25.0", "5/12 41.7"])
    }

    @Test func unitFilterCountsOneUnitOnly() throws {
        let one = Bulletin.compute(cases: Fixture.cases, from: Fixture.from, through: Fixture.through, unit: Fixture.town)
        #expect(one.unitFilter == Fixture.town)
        #expect(one.units.map(\.unit) == [Fixture.town])
        let town = try unit(Fixture.town)
        #expect(one.units[0] == town)
        #expect(one.total.period == town.period)
        #expect(one.total.months == town.months)
        // The one unit is shown, not 合计 as well.
        #expect(one.sections.map(\.unit) == [Fixture.town])
    }

    @Test func unitFilterOnAUnitWithoutCasesShowsItEmpty() {
        let none = Bulletin.compute(cases: Fixture.cases, from: Fixture.from, through: Fixture.through, unit: "县教育局")
        #expect(none.units.map(\.unit) == ["县教育局"])
        expectCounts(none.units[0].period, received: 0, accepted: 0, answered: 0, pending: 0, overdue: 0)
        // Every denominator is 0: no value, rendered "—" and an empty CSV field.
        expectMeasures(none.units[0].period, ["0/0 —", "0/0 —", "0/0 —", "0/0 —", "0/0 —", "0/0 —", "0/0 —"])
        #expect(none.units[0].period[.satisfaction].value == nil)
        #expect(none.csv().contains("\r\n县教育局,全期,满意率,0,0,\r\n"))
        #expect(none.markdown().contains("| 满意率 | —（0/0） | —（0/0） | —（0/0） |"))
    }

    @Test func emptyDenominatorsHaveNoValue() {
        // One case received and never accepted: 重复信访率 has a denominator, nothing else.
        let lone = [Fixture.c("X1", "县信访局", received: "2026-01-09", repeated: true)]
        let b = Bulletin.compute(cases: lone, from: Fixture.from, through: Fixture.through, unit: nil)
        expectMeasures(b.total.months[0], ["0/0 —", "0/0 —", "0/0 —", "0/0 —", "0/0 —", "1/1 100.0", "0/0 —"])
        expectMeasures(b.total.months[1], ["0/0 —", "0/0 —", "0/0 —", "0/0 —", "0/0 —", "0/0 —", "0/0 —"])
        // 参评率's denominator is evaluated + overdue: an answer still inside the window counts in neither.
        let waiting = [Fixture.c("X2", "县信访局", received: "2026-01-09", accepted: "2026-01-10", answered: "2026-01-20")]
        let w = Bulletin.compute(cases: waiting, from: Fixture.from, through: Fixture.through, unit: nil)
        #expect(w.total.months[0][.participation].denominator == 0)
        #expect(w.total.months[0][.participation].value == nil)
        #expect(w.total.months[0][.onTimeAnswer].value == 1.0)
    }

    @Test func noCasesAndAnEmptyPeriod() {
        let empty = Bulletin.compute(cases: [BulletinCase](), from: Fixture.from, through: Fixture.through, unit: nil)
        #expect(empty.units.isEmpty)
        #expect(empty.total.months.count == 2)
        var expected = "unit,month,measure,numerator,denominator,value\r\n"
        for month in ["2026-01", "2026-02", "全期"] {
            for kind in MeasureKind.allCases { expected += "合计,\(month),\(kind.name),0,0,\r\n" }
        }
        #expect(empty.csv() == expected)
        let backwards = Bulletin.compute(cases: Fixture.cases, from: Fixture.through, through: Fixture.from, unit: nil)
        #expect(backwards.months.isEmpty)
        #expect(backwards.units.isEmpty)
    }

    @Test func monthsAreCutToThePeriod() {
        // 2026-01-15…2026-03-10: three months, the first and last cut; A1 (due 02-26) is overdue at
        // the end of 03-10, the period end, not at a month end outside it.
        let b = Bulletin.compute(cases: Fixture.cases, from: day("2026-01-15"), through: day("2026-03-10"), unit: Fixture.hr)
        #expect(b.months.map(\.label) == ["2026-01", "2026-02", "2026-03"])
        #expect(b.months.map(\.first) == [day("2026-01-15"), day("2026-02-01"), day("2026-03-01")])
        #expect(b.months.map(\.last) == [day("2026-01-31"), day("2026-02-28"), day("2026-03-10")])
        let a = b.units[0]
        // Received from 01-15: A2, A3, A4 are before it; February A5, A6, A8; none in March.
        #expect(a.months.map(\.received) == [0, 3, 0])
        // Accepted: A4 (01-15), A3 (01-30); A5; A8 (03-02, now inside the period). A2 (01-10) is before it.
        #expect(a.months.map(\.accepted) == [2, 1, 1])
        #expect(a.period.pending == 3)  // A1, A3, A8 at the end of 03-10
        #expect(a.period.overdue == 1)  // A1
    }

    @Test func aCaseDueOnThePeriodEndIsNotYetOverdue() {
        // As the deadline engine says: on its due day a duty can still be done; overdue when E > due.
        let dueToday = [Fixture.c("X3", "县信访局", received: "2026-01-01", accepted: "2026-01-02", due: "2026-02-28")]
        let b = Bulletin.compute(cases: dueToday, from: Fixture.from, through: Fixture.through, unit: nil)
        #expect(b.total.period.pending == 1)
        #expect(b.total.period.overdue == 0)
        let later = Bulletin.compute(cases: dueToday, from: Fixture.from, through: day("2026-03-01"), unit: nil)
        #expect(later.total.period.overdue == 1)
        #expect(dueToday[0].isOverdue(asOf: day("2026-02-28")) == false)
        #expect(dueToday[0].isOverdue(asOf: day("2026-03-01")))
    }

    @Test func aLazySequenceCountsLikeAnArray() {
        let lazy = Fixture.cases.lazy.filter { _ in true }
        let b = Bulletin.compute(cases: lazy, from: Fixture.from, through: Fixture.through, unit: nil)
        #expect(b == Fixture.bulletin)
    }

    @Test func percentagesRoundHalfUpToOneDecimal() {
        func text(_ n: Int, _ d: Int) -> String? { Measure(kind: .onTimeAnswer, numerator: n, denominator: d).percentText }
        #expect(text(1, 8) == "12.5")
        #expect(text(1, 16) == "6.3")  // 6.25 → 6.3 (half up, exact in integers)
        #expect(text(2, 3) == "66.7")
        #expect(text(1, 3) == "33.3")
        #expect(text(1, 2000) == "0.1")  // 0.05 → 0.1
        #expect(text(1, 2001) == "0.0")  // 0.04998 → 0.0
        #expect(text(0, 5) == "0.0")
        #expect(text(5, 5) == "100.0")
        #expect(text(0, 0) == nil)
    }

    @Test func everyMeasureStatesItsFormula() {
        for kind in MeasureKind.allCases {
            #expect(kind.formula.hasPrefix("\(kind.name) ="), "\(kind.name)")
            #expect(kind.formula.contains("/"))
        }
        #expect(MeasureKind.onTimeAnswer.formula.hasPrefix("按期办结率 = 按期办结件数 / 办结件数"))
        #expect(MeasureKind.onTimeAnswerWithOverdue.formula.contains("/ (办结件数 + 超期未办结件数)"))
    }
}
