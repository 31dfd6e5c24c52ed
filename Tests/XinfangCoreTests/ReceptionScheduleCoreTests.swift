import Testing
import XinfangCore

/// Reception schedules over the excerpts of the 2025 and 2026 notices (Support.swift): 国庆节、中秋节
/// 2025 off 10-01…10-08 with make-up Sun 09-28 and Sat 10-11; 春节 2026 off 02-15…02-23 with make-up
/// Sat 02-14 and Sat 02-28. Every date below is worked out by hand from those notices.
@Suite("ReceptionSchedule (excerpt calendars)")
struct ReceptionScheduleCoreTests {
    let cal: WorkingCalendar

    init() throws {
        cal = try WorkingCalendar(id: "t", years: [excerpt2025(), excerpt2026()])
    }

    /// 李镇长 at 东村 every Wednesday.
    let village = ReceptionRule(id: "li-dongcun", leader: "李镇长", place: "东村", recurrence: .weekly(weekday: 3), validFrom: Day(year: 2025, month: 1, day: 1)!)
    /// 王副县长 at 甲镇 on the 10th and 20th.
    let county = ReceptionRule(id: "wang-jiazhen", leader: "王副县长", place: "甲镇", recurrence: .monthly(days: [10, 20]), validFrom: Day(year: 2025, month: 1, day: 1)!)

    func schedule(_ rules: [ReceptionRule], _ from: String, _ through: String, shift: HolidayShift = .postpone,
                  with exceptions: [ReceptionException] = []) -> [ReceptionOccurrence] {
        ReceptionSchedule.occurrences(rules: rules, exceptions: exceptions, from: day(from), through: day(through), calendar: cal, shift: { _ in shift })
    }

    @Test("顺延 across 国庆 2025: Wednesdays 10-01 and 10-08 both go to Thu 10-09, listed once")
    func weeklyPostponedMerge() throws {
        // Wednesdays 09-24, 10-01, 10-08, 10-15; 10-01 and 10-08 are off, the next working day after
        // each is Thu 10-09 (10-02 … 10-08 off)
        let s = schedule([village], "2025-09-22", "2025-10-19")
        try #require(s.count == 3)
        #expect(s.map(\.day) == [day("2025-09-24"), day("2025-10-09"), day("2025-10-15")])
        #expect(s[1].nominalDay == day("2025-10-01"))
        #expect(s[1].status == .scheduled)
        #expect(s[1].holiday == .init(restDay: "国庆节、中秋节", shift: .postpone, to: day("2025-10-09")))
        #expect(s[1].absorbed == [.init(ruleID: "li-dongcun", nominalDay: day("2025-10-08"))])
        #expect(s[1].why == "2025-10-01 is 国庆节、中秋节: 顺延 to 10-09; also stands for 2025-10-08, moved onto the same day")
        #expect(s[0].why == nil && s[0].holiday == nil)
    }

    @Test("提前 across 国庆 2025: 10-01 and 10-08 both go to Tue 09-30, listed once")
    func weeklyAdvancedMerge() throws {
        // the last working day before 10-01 is Tue 09-30; before 10-08 also 09-30 (10-01 … 10-07 off)
        let s = schedule([village], "2025-09-22", "2025-10-19", shift: .advance)
        try #require(s.count == 3)
        #expect(s.map(\.day) == [day("2025-09-24"), day("2025-09-30"), day("2025-10-15")])
        #expect(s[1].nominalDay == day("2025-10-01"))
        #expect(s[1].absorbed.map(\.nominalDay) == [day("2025-10-08")])
        #expect(s[1].why?.hasPrefix("2025-10-01 is 国庆节、中秋节: 提前 to 09-30") == true)
    }

    @Test("skip across 国庆 2025: 10-01 and 10-08 are listed as skipped, on their nominal days")
    func weeklySkipped() throws {
        let s = schedule([village], "2025-09-22", "2025-10-19", shift: .skip)
        try #require(s.count == 4)
        #expect(s.map(\.day) == [day("2025-09-24"), day("2025-10-01"), day("2025-10-08"), day("2025-10-15")])
        #expect(s.map(\.status) == [.scheduled, .skipped, .skipped, .scheduled])
        #expect(s.filter(\.isHeld).count == 2)
        #expect(s[1].why == "2025-10-01 is 国庆节、中秋节: skip, not held")
    }

    @Test("a merged day keeps the occurrence already on its nominal day")
    func mergeKeepsUnshifted() {
        // 李镇长 also receives at 东村 on the 9th; Thu 2025-10-09 is a working day, so that one stands
        // and the two postponed Wednesdays are absorbed into it, in nominal order
        let ninth = ReceptionRule(id: "li-9", leader: "李镇长", place: "东村", recurrence: .monthly(days: [9]), validFrom: day("2025-01-01"))
        let s = schedule([village, ninth], "2025-10-09", "2025-10-09")
        #expect(s.count == 1)
        #expect(s.first?.id == .init(ruleID: "li-9", nominalDay: day("2025-10-09")))
        #expect(s.first?.absorbed == [.init(ruleID: "li-dongcun", nominalDay: day("2025-10-01")),
                                       .init(ruleID: "li-dongcun", nominalDay: day("2025-10-08"))])
        #expect(s.first?.why == "also stands for li-dongcun 2025-10-01, li-dongcun 2025-10-08, moved onto the same day")
    }

    @Test("one leader at two places on one day: both listed (a conflict, not a duplicate)")
    func twoPlacesNotMerged() {
        let ninth = ReceptionRule(id: "li-9", leader: "李镇长", place: "西村", recurrence: .monthly(days: [9]), validFrom: day("2025-01-01"))
        let s = schedule([village, ninth], "2025-10-09", "2025-10-09")
        #expect(s.map(\.place) == ["东村", "西村"])  // U+4E1C before U+897F
        #expect(s.allSatisfy { $0.day == day("2025-10-09") && $0.isHeld })
    }

    @Test("a nominal day outside the range is listed when the shift brings it in")
    func windowCatchesShifts() {
        // 2026-02-20 is in 春节 (02-15 … 02-23): 顺延 → Tue 02-24; 提前 → Sat 02-14 (make-up working day)
        #expect(schedule([county], "2026-02-24", "2026-02-27").map(\.nominalDay) == [day("2026-02-20")])
        #expect(schedule([county], "2026-02-24", "2026-02-27").map(\.day) == [day("2026-02-24")])
        #expect(schedule([county], "2026-02-14", "2026-02-14", shift: .advance).map(\.nominalDay) == [day("2026-02-20")])
        #expect(schedule([county], "2026-02-15", "2026-02-23").isEmpty)
        #expect(schedule([county], "2026-02-15", "2026-02-23", shift: .skip).map(\.status) == [.skipped])
        #expect(schedule([county], "2026-02-15", "2026-02-14").isEmpty)
    }

    @Test("beyond the calendar's years: weekends only, marked provisional")
    func provisional() throws {
        // 2027-01-01 is a Friday (2026-01-01 Thu + 365 days), so 01-10 is a Sunday → Mon 01-11;
        // 01-20 is a Wednesday. No 2027 notice is loaded.
        let s = schedule([county], "2027-01-01", "2027-01-31")
        try #require(s.count == 2)
        #expect(s.map(\.day) == [day("2027-01-11"), day("2027-01-20")])
        #expect(s.allSatisfy { $0.provisional })
        #expect(s[0].why == "2027-01-10 is 周日: 顺延 to 01-11")
        // 2026-12-10: 12-01 is 334 days after Thu 01-01 → Tue, so 12-10 is a Thursday, covered
        #expect(schedule([county], "2026-12-10", "2026-12-10").map(\.provisional) == [false])
    }

    @Test("cancel: the occurrence stays in the schedule, marked cancelled")
    func cancel() throws {
        // 2026-03-10 is a Tuesday (68 days after Thu 01-01), 03-20 a Friday
        let s = schedule([county], "2026-03-01", "2026-03-31", with: [.cancel(ruleID: "wang-jiazhen", day: day("2026-03-10"))])
        try #require(s.count == 2)
        #expect(s.map(\.day) == [day("2026-03-10"), day("2026-03-20")])
        #expect(s.map(\.status) == [.cancelled, .scheduled])
        #expect(s[0].why == "cancelled")
    }

    @Test("an exception names the nominal day: cancelling 2026-02-20 cancels the reception held on 02-24")
    func cancelShifted() {
        let s = schedule([county], "2026-02-24", "2026-02-24", with: [.cancel(ruleID: "wang-jiazhen", day: day("2026-02-20"))])
        #expect(s.map(\.status) == [.cancelled])
        #expect(s.first?.why == "2026-02-20 is 春节: 顺延 to 02-24; cancelled")
        // naming the shifted day names nothing: refused by validate, ignored here
        let wrong: [ReceptionException] = [.cancel(ruleID: "wang-jiazhen", day: day("2026-02-24"))]
        #expect(schedule([county], "2026-02-24", "2026-02-24", with: wrong).map(\.status) == [.scheduled])
        #expect(ReceptionSchedule.validate(exceptions: wrong, rules: [county], calendar: cal) == [
            "exception cancel wang-jiazhen 2026-02-24: rule wang-jiazhen (每月10日、20日, 王副县长 at 甲镇) has no reception nominally on 2026-02-24"
                + " — exceptions name the date as the rule states it, before any holiday shift; nearest: 2026-02-20 or 2026-03-10",
        ])
    }

    @Test("move: held on the given day; moves into and out of the range follow the new day")
    func move() throws {
        let move: [ReceptionException] = [.move(ruleID: "wang-jiazhen", day: day("2026-03-10"), to: day("2026-03-12"))]
        let s = schedule([county], "2026-03-01", "2026-03-31", with: move)
        try #require(s.count == 2)
        #expect(s.map(\.day) == [day("2026-03-12"), day("2026-03-20")])
        #expect(s.map(\.status) == [.moved, .scheduled])
        #expect(s[0].nominalDay == day("2026-03-10"))
        #expect(s[0].why == "moved to 03-12")
        // out of a range that holds its nominal day
        #expect(schedule([county], "2026-03-10", "2026-03-11", with: move).isEmpty)
        // into a range from far away: Sat 2026-01-10 (顺延 → Mon 01-12) moved to Thu 03-12
        let far: [ReceptionException] = [.move(ruleID: "wang-jiazhen", day: day("2026-01-10"), to: day("2026-03-12"))]
        let t = schedule([county], "2026-03-11", "2026-03-13", with: far)
        #expect(t.map(\.nominalDay) == [day("2026-01-10")])
        #expect(t.first?.why == "2026-01-10 is 周六: 顺延 to 01-12; moved to 03-12")
    }

    @Test("swap: each leader receives at the other's place on the other's day")
    func swap() throws {
        // 王副县长's Tue 2026-03-10 at 甲镇 ⇄ 李镇长's Wed 03-11 at 东村
        let swap: [ReceptionException] = [.swap(ruleID: "wang-jiazhen", day: day("2026-03-10"), otherRuleID: "li-dongcun", otherDay: day("2026-03-11"))]
        #expect(ReceptionSchedule.validate(exceptions: swap, rules: [county, village], calendar: cal).isEmpty)
        let s = schedule([county, village], "2026-03-09", "2026-03-13", with: swap)
        try #require(s.count == 2)
        #expect(s.map(\.day) == [day("2026-03-10"), day("2026-03-11")])
        #expect(s.map(\.leader) == ["李镇长", "王副县长"])
        #expect(s.map(\.place) == ["甲镇", "东村"])
        #expect(s.map(\.status) == [.swapped(with: "王副县长"), .swapped(with: "李镇长")])
        #expect(s[0].swappedFor == .init(ruleID: "li-dongcun", nominalDay: day("2026-03-11")))
        #expect(s[0].why == "swapped: 李镇长 receives here for 王副县长, who takes li-dongcun 2026-03-11")
        #expect(s.filter { $0.leader == "王副县长" }.map(\.day) == [day("2026-03-11")])
    }

    @Test("validate refuses exceptions that name no occurrence, twice-named ones, bad moves and one-leader swaps")
    func validate() {
        let until = ReceptionRule(id: "wang-jiazhen", leader: "王副县长", place: "甲镇", recurrence: .monthly(days: [10, 20]),
                                  validFrom: day("2026-01-01"), validUntil: day("2026-06-30"))
        let monday = ReceptionRule(id: "wang-bingcun", leader: "王副县长", place: "丙村", recurrence: .weekly(weekday: 1), validFrom: day("2026-01-01"))
        let exceptions: [ReceptionException] = [
            .cancel(ruleID: "wang-jiazhen", day: day("2026-03-10")),
            .cancel(ruleID: "nobody", day: day("2026-03-10")),
            .move(ruleID: "wang-jiazhen", day: day("2026-03-10"), to: day("2026-03-12")),
            .move(ruleID: "wang-jiazhen", day: day("2026-03-20"), to: day("2026-02-16")),
            .move(ruleID: "wang-jiazhen", day: day("2026-04-20"), to: day("2026-03-21")),
            // 2026-04-10 is a Friday (03-10 Tue + 31 days), 04-13 a Monday
            .swap(ruleID: "wang-jiazhen", day: day("2026-04-10"), otherRuleID: "wang-bingcun", otherDay: day("2026-04-13")),
            .cancel(ruleID: "wang-jiazhen", day: day("2026-07-10")),
            .cancel(ruleID: "li-dongcun", day: day("2024-12-25")),
        ]
        let problems = ReceptionSchedule.validate(exceptions: exceptions, rules: [until, monday, village, village], calendar: cal)
        #expect(problems == [
            "reception rule li-dongcun is given twice",
            "exception cancel nobody 2026-03-10: no reception rule nobody",
            "exception move wang-jiazhen 2026-03-10 → 2026-03-12: wang-jiazhen 2026-03-10 is already named by exception cancel wang-jiazhen 2026-03-10",
            "exception move wang-jiazhen 2026-03-20 → 2026-02-16: 2026-02-16 is 春节, not a working day",
            "exception move wang-jiazhen 2026-04-20 → 2026-03-21: 2026-03-21 is 周六, not a working day",
            "exception swap wang-jiazhen 2026-04-10 ⇄ wang-bingcun 2026-04-13: both occurrences belong to 王副县长; a swap exchanges two leaders",
            "exception cancel wang-jiazhen 2026-07-10: rule wang-jiazhen ended on 2026-06-30, before 2026-07-10",
            "exception cancel li-dongcun 2024-12-25: rule li-dongcun starts on 2025-01-01, after 2024-12-25",
        ])
        // the schedule applies only the first exception naming 03-10, and ignores the one-leader swap
        let s = ReceptionSchedule.occurrences(rules: [until, monday], exceptions: exceptions, from: day("2026-03-09"), through: day("2026-03-13"), calendar: cal)
        #expect(s.map(\.status) == [.scheduled, .cancelled])  // Mon 03-09 at 丙村, Tue 03-10 at 甲镇
        #expect(ReceptionSchedule.occurrences(rules: [until, monday], exceptions: exceptions, from: day("2026-04-10"), through: day("2026-04-13"), calendar: cal)
                .map(\.status) == [.scheduled, .scheduled])
    }
}
