import Testing
import XinfangCore

/// WorkingCalendar over small in-memory years. Weekdays checked with `cal`; holidays from the notices.
@Suite("WorkingCalendar")
struct WorkingCalendarTests {
    let cal2025: WorkingCalendar
    let cal2025_26: WorkingCalendar

    init() throws {
        cal2025 = try WorkingCalendar(id: "t", years: [excerpt2025()])
        cal2025_26 = try WorkingCalendar(id: "t", years: [excerpt2026(), excerpt2025()])  // order does not matter
    }

    @Test("coverage: years, first and last covered day")
    func coverage() {
        #expect(cal2025_26.years == 2025...2026)
        #expect(cal2025_26.firstCoveredDay == day("2025-01-01"))
        #expect(cal2025_26.lastCoveredDay == day("2026-12-31"))
        #expect(cal2025_26.covers(day("2026-12-31")))
        #expect(!cal2025_26.covers(day("2027-01-01")))
        #expect(!cal2025_26.covers(day("2024-12-31")))
        #expect(cal2025_26.notices[2026] == "国务院办公厅关于2026年部分节假日安排的通知")
    }

    @Test("make-up Sunday 09-28 and Saturday 10-11 count as working days; 10-01…10-08 do not")
    func makeupDaysCount() {
        let c = cal2025
        #expect(c.isWorkingDay(day("2025-09-28")))   // Sun, 调休上班
        #expect(c.isWorkingDay(day("2025-10-11")))   // Sat, 调休上班
        #expect(!c.isWorkingDay(day("2025-09-27")))  // plain Sat
        #expect(!c.isWorkingDay(day("2025-10-12")))  // plain Sun
        for n in 1...8 { #expect(!c.isWorkingDay(day("2025-10-0\(n)"))) }
        #expect(c.isWorkingDay(day("2025-10-09")))   // Thu
        // Mon 09-22 … Sun 10-12: Mon–Fri 22–26 (5), Sun 28 make-up (6), Mon 29, Tue 30 (8),
        // 10-01…10-08 off, Thu 09, Fri 10 (10), Sat 11 make-up (11), Sun 12 rest → 11
        #expect(c.workingDays(from: day("2025-09-22"), through: day("2025-10-12")) == 11)
        // after Fri 09-26 through Sat 10-11: 28, 29, 30, 10-09, 10-10, 10-11 → 6
        #expect(c.workingDays(after: day("2025-09-26"), through: day("2025-10-11")) == 6)
        #expect(c.workingDays(from: day("2025-10-12"), through: day("2025-10-11")) == 0)
        // 5 working days after Fri 09-26: Sun 28 (1), Mon 29 (2), Tue 30 (3), Thu 10-09 (4), Fri 10-10 (5)
        #expect(c.addingWorkingDays(5, to: day("2025-09-26")) == CalendarAnswer(day: day("2025-10-10"), provisional: false))
        // the 6th is the make-up Saturday 10-11
        #expect(c.addingWorkingDays(6, to: day("2025-09-26")).day == day("2025-10-11"))
        // Fri 09-26 + 2 calendar days = Sun 09-28, a make-up working day: no roll
        #expect(c.addingCalendarDays(2, to: day("2025-09-26")) == CalendarAnswer(day: day("2025-09-28"), provisional: false))
    }

    @Test("a holiday is skipped; calendar days roll forward out of it, or not when asked")
    func holidaySkipped() {
        let c = cal2025
        // 1 working day after Tue 09-30: 10-01…10-08 off → Thu 10-09
        #expect(c.addingWorkingDays(1, to: day("2025-09-30")).day == day("2025-10-09"))
        // Tue 09-30 + 1 = Wed 10-01, off → next working day Thu 10-09
        #expect(c.addingCalendarDays(1, to: day("2025-09-30")) == CalendarAnswer(day: day("2025-10-09"), provisional: false))
        #expect(c.addingCalendarDays(1, to: day("2025-09-30"), rollForward: false) == CalendarAnswer(day: day("2025-10-01"), provisional: false))
        // Sat 10-04 (off) → Thu 10-09; Thu 10-09 is itself a working day
        #expect(c.workingDay(onOrAfter: day("2025-10-04")).day == day("2025-10-09"))
        #expect(c.workingDay(onOrAfter: day("2025-10-09")).day == day("2025-10-09"))
        // Sun 10-12 (plain rest day) → Mon 10-13
        #expect(c.workingDay(onOrAfter: day("2025-10-12")).day == day("2025-10-13"))
        // zero working days answers the day itself
        #expect(c.addingWorkingDays(0, to: day("2025-10-09")).day == day("2025-10-09"))
    }

    @Test("negative working days count back over the holiday and the make-up Sunday")
    func backwards() {
        let c = cal2025
        // before Thu 10-09: 10-08…10-01 off, Tue 09-30 (1), Mon 09-29 (2), Sun 09-28 make-up (3), Fri 09-26 (4)
        #expect(c.addingWorkingDays(-1, to: day("2025-10-09")) == CalendarAnswer(day: day("2025-09-30"), provisional: false))
        #expect(c.addingWorkingDays(-3, to: day("2025-10-09")).day == day("2025-09-28"))
        #expect(c.addingWorkingDays(-4, to: day("2025-10-09")).day == day("2025-09-26"))
    }

    @Test("labels and holiday runs")
    func labels() {
        let c = cal2025
        #expect(c.label(of: day("2025-10-03")) == .holiday("国庆节、中秋节"))
        #expect(c.label(of: day("2025-09-28")) == .makeupWorkday("国庆节、中秋节"))
        #expect(c.label(of: day("2025-09-29")) == nil)
        #expect(c.label(of: day("2026-10-01")) == nil)  // not covered
        let runs = c.holidays(from: day("2025-09-15"), through: day("2025-10-20"))
        #expect(runs.count == 1)
        #expect(runs.first?.name == "国庆节、中秋节")
        #expect(runs.first?.from == day("2025-10-01") && runs.first?.to == day("2025-10-08"))
        // clipped to the range asked
        let clipped = c.holidays(from: day("2025-10-04"), through: day("2025-10-20"))
        #expect(clipped.first?.from == day("2025-10-04") && clipped.first?.to == day("2025-10-08"))
        #expect(c.holidays(from: day("2026-10-01"), through: day("2026-10-08")).isEmpty)
    }

    @Test("counting across two covered years over 元旦 2026 is not provisional")
    func acrossYears() {
        let c = cal2025_26
        // after Tue 2025-12-30: Wed 12-31 (1), 01-01…01-03 off, Sun 01-04 make-up (2), Mon 01-05 (3)
        #expect(c.addingWorkingDays(3, to: day("2025-12-30")) == CalendarAnswer(day: day("2026-01-05"), provisional: false))
        // Wed 2025-12-17 + 15 = Thu 2026-01-01, off; 01-02, 01-03 off; Sun 01-04 is a make-up working day
        #expect(c.addingCalendarDays(15, to: day("2025-12-17")) == CalendarAnswer(day: day("2026-01-04"), provisional: false))
        // 2026 春节: Fri 02-13 + 1 working day = Sat 02-14 (make-up); + 2 = Tue 02-24 (02-15…02-23 off)
        #expect(c.addingWorkingDays(1, to: day("2026-02-13")).day == day("2026-02-14"))
        #expect(c.addingWorkingDays(2, to: day("2026-02-13")).day == day("2026-02-24"))
    }

    @Test("past the covered years: weekday-only arithmetic, flagged provisional")
    func pastCoveredYears() {
        let c = cal2025  // 2025 only
        // after Tue 2025-12-30: Wed 12-31 (1), Thu 2026-01-01 (2: a weekday, 2026 unknown), Fri 01-02 (3)
        #expect(c.addingWorkingDays(3, to: day("2025-12-30")) == CalendarAnswer(day: day("2026-01-02"), provisional: true))
        // staying inside 2025 is not provisional
        #expect(c.addingWorkingDays(1, to: day("2025-12-30")) == CalendarAnswer(day: day("2025-12-31"), provisional: false))
        #expect(c.addingCalendarDays(2, to: day("2025-12-29")) == CalendarAnswer(day: day("2025-12-31"), provisional: false))
        // Mon 2025-12-29 + 5 = Sat 2026-01-03 → Mon 01-05 by weekdays only
        #expect(c.addingCalendarDays(5, to: day("2025-12-29")) == CalendarAnswer(day: day("2026-01-05"), provisional: true))
        // Mon 12-29 … Sun 2026-01-04: 29, 30, 31 and (unknown 2026) Thu 1, Fri 2 → 5
        #expect(c.workingDays(from: day("2025-12-29"), through: day("2026-01-04")) == 5)
        // far beyond: 10 working days after Fri 2030-01-04: Mon 7 … Fri 11 (5), Mon 14 … Fri 18 (10)
        #expect(c.addingWorkingDays(10, to: day("2030-01-04")) == CalendarAnswer(day: day("2030-01-18"), provisional: true))
        #expect(!c.isWorkingDay(day("2030-01-05")))  // Sat
        #expect(c.isWorkingDay(day("2026-01-01")))   // unknown year: a weekday works
    }

    @Test("before the covered years: weekday-only arithmetic, flagged provisional")
    func beforeCoveredYears() {
        let c = cal2025
        // after Mon 2024-12-30: Tue 12-31 (1, 2024 unknown), Wed 2025-01-01 元旦 off, Thu 01-02 (2)
        #expect(c.addingWorkingDays(2, to: day("2024-12-30")) == CalendarAnswer(day: day("2025-01-02"), provisional: true))
        // after Tue 2024-12-31: only 2025 days are looked at → not provisional
        #expect(c.addingWorkingDays(1, to: day("2024-12-31")) == CalendarAnswer(day: day("2025-01-02"), provisional: false))
        // Mon 2024-12-30 + 1 = Tue 12-31 (a weekday of an unknown year) → provisional
        #expect(c.addingCalendarDays(1, to: day("2024-12-30")) == CalendarAnswer(day: day("2024-12-31"), provisional: true))
        // Mon 2024-12-30 + 2 = 2025-01-01 (元旦) → Thu 01-02, all covered
        #expect(c.addingCalendarDays(2, to: day("2024-12-30")) == CalendarAnswer(day: day("2025-01-02"), provisional: false))
        // the working day before Thu 2025-01-02: 01-01 off, Tue 2024-12-31 (unknown year)
        #expect(c.addingWorkingDays(-1, to: day("2025-01-02")) == CalendarAnswer(day: day("2024-12-31"), provisional: true))
        // far before: Fri 2024-06-07 + 1 working day = Mon 06-10 by weekdays only
        #expect(c.addingWorkingDays(1, to: day("2024-06-07")) == CalendarAnswer(day: day("2024-06-10"), provisional: true))
        // Mon 2024-12-23 … Sun 2025-01-05: 5 + (30, 31) + (2, 3) = 9
        #expect(c.workingDays(from: day("2024-12-23"), through: day("2025-01-05")) == 9)
    }

    @Test("a calendar without data: weekends only, every answer provisional")
    func weekendsOnly() {
        let c = WorkingCalendar(weekendsOnly: "none")
        #expect(c.years == nil)
        #expect(c.firstCoveredDay == nil && c.lastCoveredDay == nil)
        // Tue 2025-09-30 + 1 working day = Wed 10-01 (the holiday is unknown here)
        #expect(c.addingWorkingDays(1, to: day("2025-09-30")) == CalendarAnswer(day: day("2025-10-01"), provisional: true))
        // Fri 2025-09-26 + 1 = Sat 09-27 → Mon 09-29
        #expect(c.addingCalendarDays(1, to: day("2025-09-26")) == CalendarAnswer(day: day("2025-09-29"), provisional: true))
        #expect(c.workingDays(from: day("2025-09-22"), through: day("2025-09-28")) == 5)
    }

    @Test("an empty list of years gives a weekends-only calendar")
    func noYears() throws {
        let c = try WorkingCalendar(id: "empty", years: [])
        #expect(c.years == nil)
        #expect(c.addingWorkingDays(1, to: day("2025-09-30")).provisional)
    }

    @Test("a gap between years is refused, naming the missing years")
    func gapRefused() {
        let errors = buildErrors([plainYear(2024), plainYear(2026)])
        #expect(errors.count == 1)
        let error = errors.first
        #expect(error?.file == "2026.toml")
        #expect(error?.field == "year")
        #expect(error?.reason.contains("2025") == true)
        #expect(error?.description.hasPrefix("2026.toml:year: ") == true)
    }

    @Test("a year given twice is refused")
    func duplicateYear() {
        let errors = buildErrors([plainYear(2025, source: "a/2025.toml"), plainYear(2025, source: "b/2025.toml")])
        #expect(errors.count == 1)
        #expect(errors.first?.field == "year")
        #expect(errors.first?.reason.contains("twice") == true)
    }
}
