import Testing
import XinfangCore
import XinfangEngine
import XinfangICS
import XinfangPolicy
import XinfangPorts
import XinfangStore

@Suite("Leaders' calendars: a due date's alarms are its own reminder milestones")
struct LeaderCalendarAlarmTests {
    @Test("a D1 (15 days) gets alarms 3 and 1 working days before and on the due day, not the 10 and 3 of a 60-day deadline")
    func registrationAlarms() throws {
        // Received Mon 2026-11-02; D1, 15 days (条例2022 第22条) → Tue 11-17. Lead times scale with the
        // period: 10 × 15/60 = 2.5 → 3 and 3 × 15/60 = 0.75 → 1 working day. 3 working days before
        // 11-17: 11-16, 11-13, 11-12 → Thu 11-12; 1 before: Mon 11-16. Reminders at 09:00; the
        // all-day event starts at 00:00 of 11-17: 5 days − 9 h = 6660 min, 1 day − 9 h = 900 min,
        // and 9 h after the start (−540) on the due day.
        let c = BriefingCase(number: "XF-2026-000321", category: "申诉求决", title: nil, unit: "县人社局", place: nil, leader: "王副县长",
                             nextKind: "D1", nextDue: day("2026-11-17"), nextStart: day("2026-11-02"), nextPeriodDays: 15)
        let ics = LeaderCalendar.build(leader: "王副县长", occurrences: [], cases: [c], reception: StandardReceptionPolicy(),
                                       reminders: StandardReminderPolicy(), time: shanghai, calendar: realCalendar)
        let event = try #require(ics.events.first)
        #expect(event.alarmsMinutesBefore == [6660, 900, -540])
    }
}
