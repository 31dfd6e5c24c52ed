import Testing
import XinfangCore
import XinfangPolicy

/// Leader reception days (领导接访, docs/domain.md#leader-reception) with the real cn calendar. Every
/// date is worked out by hand from etc/calendars/cn/2025.toml and 2026.toml:
/// 2025 — off 元旦 01-01, 春节 01-28…02-04, 清明 04-04…06, 劳动节 05-01…05, 端午 05-31…06-02,
///        国庆中秋 10-01…10-08; make-up Sun 01-26, Sat 02-08, Sun 04-27, Sun 09-28, Sat 10-11.
/// 2026 — off 元旦 01-01…03, 春节 02-15…02-23, 清明 04-04…06, 劳动节 05-01…05, 端午 06-19…21,
///        中秋 09-25…27, 国庆 10-01…07; make-up Sun 01-04, Sat 02-14, Sat 02-28, Sat 05-09,
///        Sun 09-20, Sat 10-10.
/// Weekdays: 2025-01-01 is a Wednesday, 2026-01-01 a Thursday.
@Suite("Reception schedules (real cn calendar)")
struct ReceptionScheduleTests {
    static let start = Day(year: 2025, month: 1, day: 1)!
    /// A county leader at his town on the 10th and 20th (挂点镇接访).
    let wang = ReceptionRule(id: "wang-jiazhen", leader: "王副县长", place: "甲镇", recurrence: .monthly(days: [10, 20]), validFrom: start)
    let zhao = ReceptionRule(id: "zhao-yizhen", leader: "赵副县长", place: "乙镇", recurrence: .monthly(days: [10, 20]), validFrom: start)
    /// A town leader at a village every Wednesday (包片村接访).
    let li = ReceptionRule(id: "li-dongcun", leader: "李镇长", place: "东村", recurrence: .weekly(weekday: 3), validFrom: start)

    func schedule(_ rules: [ReceptionRule], _ from: String, _ through: String, shift: HolidayShift = .postpone,
                  with exceptions: [ReceptionException] = []) throws -> [ReceptionOccurrence] {
        ReceptionSchedule.occurrences(rules: rules, exceptions: exceptions, from: day(from), through: day(through),
                                      calendar: try cn(), shift: { _ in shift })
    }

    @Test("the 10th and 20th through 2025, 顺延: rest days move to the next working day")
    func year2025() throws {
        // Jan 10 Fri, 20 Mon; Feb 10 Mon, 20 Thu; Mar 10 Mon, 20 Thu; Apr 10 Thu, 20 Sun → Mon 21;
        // May 10 Sat → Mon 12 (Sun 11 rests), 20 Tue; Jun 10 Tue, 20 Fri; Jul 10 Thu, 20 Sun → Mon 21;
        // Aug 10 Sun → Mon 11, 20 Wed; Sep 10 Wed, 20 Sat → Mon 22 (the make-up Sunday is 09-28, not 21);
        // Oct 10 Fri (after the holiday), 20 Mon; Nov 10 Mon, 20 Thu; Dec 10 Wed, 20 Sat → Mon 22
        let s = try schedule([wang], "2025-01-01", "2025-12-31")
        #expect(s.map(\.day.description) == [
            "2025-01-10", "2025-01-20", "2025-02-10", "2025-02-20", "2025-03-10", "2025-03-20",
            "2025-04-10", "2025-04-21", "2025-05-12", "2025-05-20", "2025-06-10", "2025-06-20",
            "2025-07-10", "2025-07-21", "2025-08-11", "2025-08-20", "2025-09-10", "2025-09-22",
            "2025-10-10", "2025-10-20", "2025-11-10", "2025-11-20", "2025-12-10", "2025-12-22",
        ])
        #expect(s.allSatisfy { $0.status == .scheduled && !$0.provisional })
    }

    @Test("the 10th on a make-up Saturday: 2026-10-10 is a working day (国庆节 调休), the reception stays")
    func makeupSaturday() throws {
        // 国庆 2026 is off 10-01…10-07; Sat 10-10 is a make-up working day; 10-20 is a Tuesday
        for shift in HolidayShift.allCases {
            let s = try schedule([wang], "2026-10-01", "2026-10-31", shift: shift)
            #expect(s.map(\.day) == [day("2026-10-10"), day("2026-10-20")])
            #expect(s.allSatisfy { $0.holiday == nil && $0.why == nil && $0.isHeld })
        }
    }

    @Test("the 10th on an ordinary Saturday: 2025-05-10 → 顺延 Mon 05-12, 提前 Fri 05-09, skip")
    func ordinarySaturday() throws {
        // 2025-05-01 is a Thursday, so 05-10 is a Saturday (not a make-up day: 劳动节's is Sun 04-27);
        // Sun 05-11 rests → Mon 05-12; the day before, Fri 05-09, works (the holiday ended 05-05)
        let postponed = try schedule([wang], "2025-05-09", "2025-05-12")
        #expect(postponed.map(\.day) == [day("2025-05-12")])
        #expect(postponed.first?.why == "2025-05-10 is 周六: 顺延 to 05-12")
        let advanced = try schedule([wang], "2025-05-09", "2025-05-12", shift: .advance)
        #expect(advanced.map(\.day) == [day("2025-05-09")])
        #expect(advanced.first?.why == "2025-05-10 is 周六: 提前 to 05-09")
        let skipped = try schedule([wang], "2025-05-09", "2025-05-12", shift: .skip)
        #expect(skipped.map(\.day) == [day("2025-05-10")])
        #expect(skipped.map(\.status) == [.skipped])
    }

    @Test("the 20th inside 春节 2026 (off 02-15…02-23): 顺延 Tue 02-24, 提前 Sat 02-14 (make-up), skip")
    func springFestival() throws {
        // 02-10 is a Tuesday and stays. 02-20 is off; the first working day after the run is Tue 02-24;
        // the last one before it is Sat 02-14, a make-up working day
        let postponed = try schedule([wang], "2026-02-01", "2026-02-28")
        #expect(postponed.map(\.day) == [day("2026-02-10"), day("2026-02-24")])
        #expect(postponed.last?.why == "2026-02-20 is 春节: 顺延 to 02-24")
        let advanced = try schedule([wang], "2026-02-01", "2026-02-28", shift: .advance)
        #expect(advanced.map(\.day) == [day("2026-02-10"), day("2026-02-14")])
        #expect(advanced.last?.why == "2026-02-20 is 春节: 提前 to 02-14")
        let skipped = try schedule([wang], "2026-02-01", "2026-02-28", shift: .skip)
        #expect(skipped.filter(\.isHeld).map(\.day) == [day("2026-02-10")])
        #expect(skipped.last?.why == "2026-02-20 is 春节: skip, not held")
    }

    @Test("every Wednesday at a village across 国庆 2025: 10-01 and 10-08 become one reception")
    func weeklyNationalDay() throws {
        // Wednesdays 09-24, 10-01, 10-08, 10-15 (10-01 is 273 days = 39 weeks after Wed 01-01).
        // 顺延: 10-01 and 10-08 → Thu 10-09, reported once. 提前: both → Tue 09-30. skip: both dropped.
        let postponed = try schedule([li], "2025-09-22", "2025-10-19")
        #expect(postponed.map(\.day) == [day("2025-09-24"), day("2025-10-09"), day("2025-10-15")])
        #expect(postponed.map(\.nominalDay) == [day("2025-09-24"), day("2025-10-01"), day("2025-10-15")])
        #expect(postponed.flatMap(\.absorbed) == [.init(ruleID: "li-dongcun", nominalDay: day("2025-10-08"))])
        let advanced = try schedule([li], "2025-09-22", "2025-10-19", shift: .advance)
        #expect(advanced.map(\.day) == [day("2025-09-24"), day("2025-09-30"), day("2025-10-15")])
        let skipped = try schedule([li], "2025-09-22", "2025-10-19", shift: .skip)
        #expect(skipped.filter(\.isHeld).map(\.day) == [day("2025-09-24"), day("2025-10-15")])
    }

    @Test("every Saturday around 国庆 2025: a plain Saturday goes to the make-up Sunday, a make-up Saturday stays")
    func weeklySaturday() throws {
        // Saturdays 09-27, 10-04, 10-11, 10-18. 顺延: 09-27 → Sun 09-28 (make-up working day);
        // 10-04 (off) → Thu 10-09; 10-11 is a make-up working day, stays; 10-18 → Mon 10-20.
        // (Sat 09-20 → Mon 09-22 falls before the range.)
        let saturday = ReceptionRule(id: "li-sat", leader: "李镇长", place: "西社区", recurrence: .weekly(weekday: 6), validFrom: Self.start)
        let s = try schedule([saturday], "2025-09-23", "2025-10-20")
        try #require(s.count == 4)
        #expect(s.map(\.day) == [day("2025-09-28"), day("2025-10-09"), day("2025-10-11"), day("2025-10-20")])
        #expect(s.first?.why == "2025-09-27 is 周六: 顺延 to 09-28")
        #expect(s[2].holiday == nil)
    }

    @Test("a 31st-of-month rule through 2025: seven months, three of them moved")
    func thirtyFirst() throws {
        // 01-31 in 春节 (01-28…02-04) → Wed 02-05; 03-31 Mon; 05-31 in 端午 (05-31…06-02) → Tue 06-03;
        // 07-31 Thu; 08-31 Sun → Mon 09-01; 10-31 Fri; 12-31 Wed
        let rule = ReceptionRule(id: "end", leader: "王副县长", place: "甲镇", recurrence: .monthly(days: [31]), validFrom: Self.start)
        let s = try schedule([rule], "2025-01-01", "2025-12-31")
        #expect(s.map(\.day.description) == ["2025-02-05", "2025-03-31", "2025-06-03", "2025-07-31", "2025-09-01", "2025-10-31", "2025-12-31"])
        #expect(s.compactMap(\.holiday?.restDay) == ["春节", "端午节", "周日"])
    }

    @Test("validity bounds nominal days: a 20th inside it is held even when 顺延 carries it past the end")
    func validity() throws {
        // valid 2026-02-01 … 02-20: nominal 02-10 (Tue) and 02-20 (春节 → 02-24); nothing in January or March
        let rule = ReceptionRule(id: "w", leader: "王副县长", place: "甲镇", recurrence: .monthly(days: [10, 20]),
                                 validFrom: day("2026-02-01"), validUntil: day("2026-02-20"))
        #expect(try schedule([rule], "2026-01-01", "2026-03-31").map(\.day) == [day("2026-02-10"), day("2026-02-24")])
    }

    @Test("cancel, move and swap in spring 2026, each named by its nominal day")
    func exceptions() throws {
        // March–April 2026 has no holiday on these days (清明 is 04-04…06). 03-10 Tue, 03-20 Fri,
        // 04-10 Fri, 04-20 Mon; 李镇长's Wednesdays 03-04 … 04-29.
        let exceptions: [ReceptionException] = [
            .cancel(ruleID: "wang-jiazhen", day: day("2026-03-10")),
            .move(ruleID: "wang-jiazhen", day: day("2026-03-20"), to: day("2026-03-19")),
            // same day: the two county leaders exchange towns on 04-10
            .swap(ruleID: "wang-jiazhen", day: day("2026-04-10"), otherRuleID: "zhao-yizhen", otherDay: day("2026-04-10")),
            // two days: 李镇长 receives at 乙镇 on Mon 04-20, 赵副县长 at 东村 on Wed 04-22
            .swap(ruleID: "zhao-yizhen", day: day("2026-04-20"), otherRuleID: "li-dongcun", otherDay: day("2026-04-22")),
        ]
        #expect(ReceptionSchedule.validate(exceptions: exceptions, rules: [wang, zhao, li], calendar: try cn()).isEmpty)
        let s = try schedule([wang, zhao, li], "2026-03-01", "2026-04-30", with: exceptions)
        func held(_ leader: String) -> [String] {
            s.filter { $0.leader == leader && $0.isHeld }.map { "\($0.day) \($0.place)" }
        }
        #expect(held("王副县长") == ["2026-03-19 甲镇", "2026-04-10 乙镇", "2026-04-20 甲镇"])
        #expect(held("赵副县长") == ["2026-03-10 乙镇", "2026-03-20 乙镇", "2026-04-10 甲镇", "2026-04-22 东村"])
        #expect(held("李镇长") == [
            "2026-03-04 东村", "2026-03-11 东村", "2026-03-18 东村", "2026-03-25 东村", "2026-04-01 东村",
            "2026-04-08 东村", "2026-04-15 东村", "2026-04-20 乙镇", "2026-04-29 东村",
        ])
        let cancelled = s.filter { $0.status == .cancelled }
        #expect(cancelled.map(\.id) == [.init(ruleID: "wang-jiazhen", nominalDay: day("2026-03-10"))])
        #expect(s.first { $0.day == day("2026-04-20") && $0.place == "乙镇" }?.status == .swapped(with: "赵副县长"))
        // sorted by day, then leader (李 U+674E < 王 U+738B < 赵 U+8D75)
        #expect(s.filter { $0.day == day("2026-04-10") }.map(\.leader) == ["王副县长", "赵副县长"])
        #expect(zip(s, s.dropFirst()).allSatisfy { $0.day < $1.day || ($0.day == $1.day && $0.leader <= $1.leader) })
    }

    @Test("bad exceptions are refused by validate, with the reason")
    func refused() throws {
        // Sun 2026-09-20 is a make-up working day (国庆节), so a nominal 20th there exists
        let bad: [ReceptionException] = [
            .cancel(ruleID: "wang-jiazhen", day: day("2026-02-24")),
            .move(ruleID: "wang-jiazhen", day: day("2026-09-20"), to: day("2026-10-01")),
            .swap(ruleID: "wang-jiazhen", day: day("2026-03-10"), otherRuleID: "wang-jiazhen", otherDay: day("2026-03-20")),
            .cancel(ruleID: "zhang", day: day("2026-03-10")),
        ]
        let problems = ReceptionSchedule.validate(exceptions: bad, rules: [wang, zhao, li], calendar: try cn())
        #expect(problems.count == 4)
        #expect(problems[0].hasSuffix("has no reception nominally on 2026-02-24 — exceptions name the date as the rule states it, before any holiday shift; nearest: 2026-02-20 or 2026-03-10"))
        #expect(problems[1] == "exception move wang-jiazhen 2026-09-20 → 2026-10-01: 2026-10-01 is 国庆节, not a working day")
        #expect(problems[2].hasSuffix("both occurrences belong to 王副县长; a swap exchanges two leaders"))
        #expect(problems[3] == "exception cancel zhang 2026-03-10: no reception rule zhang")
    }

    @Test("StandardReceptionPolicy: 顺延 by default, 提前 for the places that say so")
    func standardPolicy() throws {
        // 2026-02-20 in 春节: 甲镇 顺延 → 02-24; 乙镇 提前 → Sat 02-14 (make-up)
        let policy = StandardReceptionPolicy(perPlace: ["乙镇": .advance])
        #expect(policy.shift(for: wang) == .postpone && policy.shift(for: zhao) == .advance)
        let s = policy.occurrences(rules: [wang, zhao], from: day("2026-02-11"), through: day("2026-02-28"), calendar: try cn())
        #expect(s.map { "\($0.day) \($0.place)" } == ["2026-02-14 乙镇", "2026-02-24 甲镇"])
        #expect(StandardReceptionPolicy().descriptor.id == "reception-standard")
    }

    @Test("the leader is told 5 working days before and on the morning of the day")
    func reminders() throws {
        struct Defaults: ReceptionPolicy {
            var descriptor = PolicyDescriptor(id: "t", version: "1", summary: "defaults only")
        }
        let policy = Defaults()
        #expect(policy.leadWorkingDays == 5 && policy.shift(for: wang) == .postpone)
        let c = try cn()
        // held Tue 2026-02-24: back over 02-23…02-15 (off), Sat 02-14 (1, make-up), 13 (2), 12 (3), 11 (4), Tue 02-10 (5)
        let feb = try #require(policy.occurrences(rules: [wang], from: day("2026-02-24"), through: day("2026-02-24"), calendar: c).first)
        #expect(policy.milestones(for: feb, calendar: c) == [Milestone(.before(workingDays: 5), day: day("2026-02-10")), Milestone(.dueDay, day: day("2026-02-24"))])
        // held Thu 2025-10-09: back over 10-08…10-01 (off), Tue 09-30 (1), 29 (2), Sun 28 (3, make-up), Fri 26 (4), Thu 09-25 (5)
        let oct = try #require(policy.occurrences(rules: [li], from: day("2025-10-09"), through: day("2025-10-09"), calendar: c).first)
        #expect(policy.milestones(for: oct, calendar: c).map(\.day) == [day("2025-09-25"), day("2025-10-09")])
        // none for a cancelled reception; only the morning with no lead
        var cancelled = feb
        cancelled.status = .cancelled
        #expect(policy.milestones(for: cancelled, calendar: c).isEmpty)
        #expect(StandardReceptionPolicy(leadWorkingDays: 0).milestones(for: feb, calendar: c) == [Milestone(.dueDay, day: day("2026-02-24"))])
    }
}
