import Testing
import XinfangCore
import XinfangFiles

/// The bundled calendar, checked against the yearly 国务院办公厅 notices by hand.
@Suite("Real cn calendar")
struct RealCalendarTests {
    @Test("etc/calendars/cn loads: 2004–2026, last day with data 2026-12-31")
    func coverage() throws {
        let c = try cn()
        #expect(c.id == "cn")
        #expect(c.years == 2004...2026)
        #expect(c.firstCoveredDay == day("2004-01-01"))
        #expect(c.lastCoveredDay == day("2026-12-31"))
        #expect(c.notices[2025] == "国务院办公厅关于2025年部分节假日安排的通知")
    }

    @Test("2025 Spring Festival: off 01-28…02-04, make-up Sun 01-26 and Sat 02-08")
    func springFestival2025() throws {
        let c = try cn()
        #expect(c.isWorkingDay(day("2025-01-26")))   // Sun, 调休上班
        #expect(c.isWorkingDay(day("2025-02-08")))   // Sat, 调休上班
        #expect(!c.isWorkingDay(day("2025-01-25")))  // plain Sat
        for n in 0..<8 { #expect(!c.isWorkingDay(day("2025-01-28").adding(days: n))) }  // 01-28 … 02-04
        #expect(c.isWorkingDay(day("2025-02-05")))
        // Mon 01-20 … Sun 02-09: Mon–Fri 20–24 (5), Sun 26 (6), Mon 27 (7), 01-28…02-04 off,
        // Wed 05, Thu 06, Fri 07 (10), Sat 08 (11), Sun 09 rest → 11
        #expect(c.workingDays(from: day("2025-01-20"), through: day("2025-02-09")) == 11)
        // 5 working days after Fri 01-24: Sun 26 (1), Mon 27 (2), Wed 02-05 (3), Thu 06 (4), Fri 07 (5)
        #expect(c.addingWorkingDays(5, to: day("2025-01-24")) == CalendarAnswer(day: day("2025-02-07"), provisional: false))
        // 5 working days after Mon 02-03 (a holiday): 04 off, Wed 05 (1), Thu 06 (2), Fri 07 (3), Sat 08 (4), Mon 10 (5)
        #expect(c.addingWorkingDays(5, to: day("2025-02-03")).day == day("2025-02-10"))
        // Mon 01-20 + 10 = Thu 01-30, off → next working day Wed 02-05
        #expect(c.addingCalendarDays(10, to: day("2025-01-20")).day == day("2025-02-05"))
        // Mon 02-03 + 5 = Sat 02-08, a make-up working day → no roll
        #expect(c.addingCalendarDays(5, to: day("2025-02-03")).day == day("2025-02-08"))
        #expect(c.label(of: day("2025-01-29")) == .holiday("春节"))
        #expect(c.label(of: day("2025-01-26")) == .makeupWorkday("春节"))
    }

    @Test("2025 National Day: off 10-01…10-08, make-up Sun 09-28 and Sat 10-11")
    func nationalDay2025() throws {
        let c = try cn()
        #expect(c.isWorkingDay(day("2025-09-28")) && c.isWorkingDay(day("2025-10-11")))
        for n in 0..<8 { #expect(!c.isWorkingDay(day("2025-10-01").adding(days: n))) }
        // Mon 09-22 … Sun 10-12: 22–26 (5), Sun 28 (6), 29, 30 (8), Thu 09, Fri 10 (10), Sat 11 (11) → 11
        #expect(c.workingDays(from: day("2025-09-22"), through: day("2025-10-12")) == 11)
        // 5 working days after Fri 09-26: Sun 28, Mon 29, Tue 30, Thu 10-09, Fri 10-10
        #expect(c.addingWorkingDays(5, to: day("2025-09-26")).day == day("2025-10-10"))
        // Tue 08-05 + 60 = Sat 10-04 (Aug 26 days to 08-31, Sep 30 to 09-30, +4), off → Thu 10-09
        #expect(c.addingCalendarDays(60, to: day("2025-08-05")) == CalendarAnswer(day: day("2025-10-09"), provisional: false))
        // Fri 09-26 + 2 = Sun 09-28, a make-up working day → no roll
        #expect(c.addingCalendarDays(2, to: day("2025-09-26")).day == day("2025-09-28"))
        let runs = c.holidays(from: day("2025-09-01"), through: day("2025-10-31"))
        #expect(runs.map(\.name) == ["国庆节、中秋节"])
        #expect(runs.first?.from == day("2025-10-01") && runs.first?.to == day("2025-10-08"))
    }

    @Test("2026 Spring Festival: off 02-15…02-23, make-up Sat 02-14 and Sat 02-28")
    func springFestival2026() throws {
        let c = try cn()
        #expect(c.isWorkingDay(day("2026-02-14")) && c.isWorkingDay(day("2026-02-28")))
        for n in 0..<9 { #expect(!c.isWorkingDay(day("2026-02-15").adding(days: n))) }  // 02-15 … 02-23
        #expect(c.isWorkingDay(day("2026-02-24")))
        // Mon 02-09 … Sun 03-01: 09–13 (5), Sat 14 (6), 15…23 off, Tue 24 … Fri 27 (10), Sat 28 (11) → 11
        #expect(c.workingDays(from: day("2026-02-09"), through: day("2026-03-01")) == 11)
        // after Fri 02-13: Sat 14 (1), 15…23 off, Tue 24 (2)
        #expect(c.addingWorkingDays(1, to: day("2026-02-13")).day == day("2026-02-14"))
        #expect(c.addingWorkingDays(2, to: day("2026-02-13")).day == day("2026-02-24"))
        // Sun 02-01 + 15 = Mon 02-16, off → Tue 02-24
        #expect(c.addingCalendarDays(15, to: day("2026-02-01")).day == day("2026-02-24"))
        // Sun 02-15 + 13 = Sat 02-28, a make-up working day → no roll
        #expect(c.addingCalendarDays(13, to: day("2026-02-15")).day == day("2026-02-28"))
    }

    @Test("元旦 2026: off 01-01…01-03, make-up Sun 01-04; the make-up Saturday 2005-12-31 of the 2006 notice")
    func newYear() throws {
        let c = try cn()
        // Wed 2025-12-31 + 1 = Thu 01-01, off; 02, 03 off; Sun 01-04 works
        #expect(c.addingCalendarDays(1, to: day("2025-12-31")).day == day("2026-01-04"))
        // 国办发明电〔2005〕35号: "12月31日（星期六）上班"
        #expect(c.isWorkingDay(day("2005-12-31")))
    }

    @Test("before 2004: weekday-only and provisional; from 2004-01-01 on, the data")
    func beforeData() throws {
        let c = try cn()
        // after Tue 2003-12-30: Wed 12-31 (1, no data), 2004-01-01 元旦 off, Fri 01-02 (2)
        #expect(c.addingWorkingDays(2, to: day("2003-12-30")) == CalendarAnswer(day: day("2004-01-02"), provisional: true))
        // after Wed 2003-12-31: only 2004 days are looked at
        #expect(c.addingWorkingDays(1, to: day("2003-12-31")) == CalendarAnswer(day: day("2004-01-02"), provisional: false))
    }
}
