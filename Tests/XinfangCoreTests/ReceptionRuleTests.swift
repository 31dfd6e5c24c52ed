import Testing
import XinfangCore

/// Nominal days of reception rules (领导接访): the dates as the rules state them, before holidays.
@Suite("ReceptionRule")
struct ReceptionRuleTests {
    func monthly(_ days: [Int], from: String = "2024-01-01", until: String? = nil) -> ReceptionRule {
        ReceptionRule(id: "r", leader: "王副县长", place: "甲镇", recurrence: .monthly(days: days),
                      validFrom: day(from), validUntil: until.map { day($0) })
    }

    @Test("a 31st-of-month rule skips the months without a 31st")
    func thirtyFirst() {
        // 2025: Jan, Mar, May, Jul, Aug, Oct, Dec have 31 days; Feb (28), Apr, Jun, Sep, Nov (30) do not
        #expect(monthly([31]).nominalDays(from: day("2025-01-01"), through: day("2025-12-31")) == [
            day("2025-01-31"), day("2025-03-31"), day("2025-05-31"), day("2025-07-31"),
            day("2025-08-31"), day("2025-10-31"), day("2025-12-31"),
        ])
    }

    @Test("the 29th: February only in a leap year (2024 yes, 2025 no)")
    func twentyNinth() {
        let days = monthly([29]).nominalDays(from: day("2024-01-15"), through: day("2025-03-31"))
        #expect(days.contains(day("2024-02-29")))
        #expect(!days.contains { $0.civil.month == 2 && $0.year == 2025 })
        // 2024-01-29 … 2024-12-29 (12) and 2025-01-29, 2025-03-29 (2)
        #expect(days.count == 14)
    }

    @Test("days given twice or out of order are listed once, in order")
    func unorderedDays() {
        #expect(monthly([20, 10, 20]).nominalDays(from: day("2025-03-01"), through: day("2025-03-31"))
                == [day("2025-03-10"), day("2025-03-20")])
    }

    @Test("weekly: every Wednesday (2025-10-01 is a Wednesday)")
    func weekly() {
        let rule = ReceptionRule(id: "v", leader: "李镇长", place: "东村", recurrence: .weekly(weekday: 3), validFrom: day("2025-01-01"))
        // 2025-01-01 is a Wednesday; 273 days later (a multiple of 7: 39 weeks) is 10-01, also a Wednesday
        #expect(rule.nominalDays(from: day("2025-09-20"), through: day("2025-10-20"))
                == [day("2025-09-24"), day("2025-10-01"), day("2025-10-08"), day("2025-10-15")])
        #expect(rule.isNominal(day("2025-10-01")))
        #expect(!rule.isNominal(day("2025-10-02")))
        #expect(!rule.isNominal(day("2024-12-25")))  // a Wednesday before validFrom
    }

    @Test("validity bounds the nominal days, both ends included")
    func validity() {
        let rule = monthly([10, 20], from: "2025-05-15", until: "2025-07-10")
        #expect(rule.nominalDays(from: day("2025-01-01"), through: day("2025-12-31"))
                == [day("2025-05-20"), day("2025-06-10"), day("2025-06-20"), day("2025-07-10")])
        #expect(!rule.isNominal(day("2025-05-10")))
        #expect(rule.isNominal(day("2025-07-10")))
        #expect(!rule.isNominal(day("2025-07-20")))
    }

    @Test("malformed rules are described")
    func problems() {
        #expect(monthly([10, 20]).problems.isEmpty)
        #expect(monthly([0, 32]).problems == [
            "reception rule r: day 0 is not a day of a month (1…31)", "reception rule r: day 32 is not a day of a month (1…31)",
        ])
        #expect(monthly([]).problems == ["reception rule r: a monthly rule names no day"])
        #expect(monthly([10], from: "2025-05-01", until: "2025-04-30").problems
                == ["reception rule r: valid until 2025-04-30, before it starts on 2025-05-01"])
        let week = ReceptionRule(id: "w", leader: "李镇长", place: "东村", recurrence: .weekly(weekday: 8), validFrom: day("2025-01-01"))
        #expect(week.problems == ["reception rule w: weekday 8 is not an ISO weekday (1 = Monday … 7 = Sunday)"])
        #expect(week.nominalDays(from: day("2025-01-01"), through: day("2025-01-31")).isEmpty)
    }

    @Test("recurrences read in Chinese")
    func descriptions() {
        #expect(ReceptionRule.Recurrence.monthly(days: [10, 20]).description == "每月10日、20日")
        #expect(ReceptionRule.Recurrence.weekly(weekday: 3).description == "每周三")
        #expect(ReceptionRule.Recurrence.weekly(weekday: 7).description == "每周日")
    }

    @Test("HolidayShift raw values: 顺延, 提前, skip")
    func shiftNames() {
        #expect(HolidayShift(rawValue: "顺延") == .postpone)
        #expect(HolidayShift(rawValue: "提前") == .advance)
        #expect(HolidayShift(rawValue: "skip") == .skip)
    }
}
