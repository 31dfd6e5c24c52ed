import Testing
import XinfangCore

/// Escalation-risk windows (敏感时期, docs/domain.md#escalation-risk-periods; practice, so
/// configuration). Three overlapping windows around 国庆 2025:
/// - 国庆节: 09-29 … 10-08, level 2, every unit, cut-off 17:00;
/// - 纪念日: 10-01 … 10-03, level 3, 甲镇 only, cut-off 17:30 (stricter level, later cut-off);
/// - 甲镇庙会: 10-02 … 10-05, level 1, 甲镇 only, cut-off 15:00 (laxer level, earlier cut-off).
@Suite("Escalation-risk periods and daily reports")
struct PeriodsTests {
    let national = SensitivePeriod(name: "国庆节", first: Day(year: 2025, month: 9, day: 29)!, last: Day(year: 2025, month: 10, day: 8)!,
                                   level: 2, dailyReportCutoffMinute: 17 * 60)
    let anniversary = SensitivePeriod(name: "纪念日", first: Day(year: 2025, month: 10, day: 1)!, last: Day(year: 2025, month: 10, day: 3)!,
                                      level: 3, units: ["甲镇"], dailyReportCutoffMinute: 17 * 60 + 30)
    let fair = SensitivePeriod(name: "甲镇庙会", first: Day(year: 2025, month: 10, day: 2)!, last: Day(year: 2025, month: 10, day: 5)!,
                               level: 1, units: ["甲镇"], dailyReportCutoffMinute: 15 * 60)
    var periods: SensitivePeriods { SensitivePeriods([fair, national, anniversary]) }

    @Test("overlapping windows: the strictest wins field by field — highest level, earliest cut-off")
    func overlap() throws {
        // 甲镇 on 10-02: all three are in force. Level max(2, 3, 1) = 3 from 纪念日; cut-off
        // min(17:00, 17:30, 15:00) = 15:00 from 甲镇庙会. Listed strictest first: 纪念日 (3), 国庆节 (2), 甲镇庙会 (1).
        let w = try #require(periods.window(on: day("2025-10-02"), unit: "甲镇"))
        #expect(w.level == 3)
        #expect(w.dailyReportCutoffMinute == 15 * 60)
        #expect(w.periods.map(\.name) == ["纪念日", "国庆节", "甲镇庙会"])
        // 乙镇 on 10-02: only 国庆节 binds it (the other two name 甲镇): level 2, 17:00.
        let other = try #require(periods.window(on: day("2025-10-02"), unit: "乙镇"))
        #expect(other.level == 2 && other.dailyReportCutoffMinute == 17 * 60)
        #expect(other.periods.map(\.name) == ["国庆节"])
        // 甲镇 on 10-04: 纪念日 is over (last day 10-03); 国庆节 and 甲镇庙会 remain: level 2, 15:00.
        let later = try #require(periods.window(on: day("2025-10-04"), unit: "甲镇"))
        #expect(later.level == 2 && later.dailyReportCutoffMinute == 15 * 60)
        // 甲镇 on 10-01: 国庆节 and 纪念日: level 3, 17:00 (纪念日's 17:30 is later).
        let first = try #require(periods.window(on: day("2025-10-01"), unit: "甲镇"))
        #expect(first.level == 3 && first.dailyReportCutoffMinute == 17 * 60)
    }

    @Test("first and last days belong to the window; the days around it do not")
    func bounds() {
        #expect(periods.window(on: day("2025-09-28"), unit: "甲镇") == nil)
        #expect(periods.active(on: day("2025-09-29"), unit: "甲镇").map(\.name) == ["国庆节"])
        #expect(periods.active(on: day("2025-10-08"), unit: "乙镇").map(\.name) == ["国庆节"])
        #expect(periods.window(on: day("2025-10-09"), unit: "甲镇") == nil)
    }

    @Test("reminders come earlier: lead times doubled inside any window, for the units it binds")
    func leadDoubling() {
        #expect(periods.leadMultiplier(on: day("2025-09-28"), unit: "甲镇") == 1)
        #expect(periods.leadMultiplier(on: day("2025-09-29"), unit: "甲镇") == 2)
        #expect(periods.leadMultiplier(on: day("2025-10-02"), unit: "甲镇") == 2)  // three windows: still 2, not 8
        #expect(periods.leadMultiplier(on: day("2025-10-08"), unit: "乙镇") == 2)
        #expect(periods.leadMultiplier(on: day("2025-10-09"), unit: "乙镇") == 1)
        // a window that binds only 甲镇 does not double 乙镇's lead times
        let local = SensitivePeriods([fair])
        #expect(local.leadMultiplier(on: day("2025-10-03"), unit: "甲镇") == 2)
        #expect(local.leadMultiplier(on: day("2025-10-03"), unit: "乙镇") == 1)
    }

    @Test("a daily report: cut-off at the strictest window's time, reminder one hour before; a 零报告 in time meets it")
    func nilReportAccepted() throws {
        // 甲镇 on 10-02: cut-off 15:00 (甲镇庙会), reminder 14:00.
        let duty = try #require(periods.dailyReportDuty(unit: "甲镇", on: day("2025-10-02")))
        #expect(duty.cutoff == DayMinute(day("2025-10-02"), hour: 15))
        #expect(duty.reminder == DayMinute(day("2025-10-02"), hour: 14))
        #expect(duty.level == 3 && duty.periods == ["纪念日", "国庆节", "甲镇庙会"])
        #expect(duty.cutoff.description == "2025-10-02 15:00")

        let nilReport = DailyReport(unit: "甲镇", day: day("2025-10-02"), isNilReport: true, filed: DayMinute(day("2025-10-02"), hour: 14, minute: 30))
        // 13:59: nothing yet, no reminder yet; 14:00: the reminder is due; 14:45: the 零报告 came at 14:30, no reminder
        #expect(duty.status(reports: [nilReport], at: DayMinute(day("2025-10-02"), hour: 13, minute: 59)) == .pending)
        #expect(!duty.reminderIsDue(reports: [nilReport], at: DayMinute(day("2025-10-02"), hour: 13, minute: 59)))
        #expect(duty.reminderIsDue(reports: [nilReport], at: DayMinute(day("2025-10-02"), hour: 14)))
        #expect(!duty.reminderIsDue(reports: [nilReport], at: DayMinute(day("2025-10-02"), hour: 14, minute: 45)))
        // after the cut-off the 零报告 still counts: met, never overdue
        let evening = DayMinute(day("2025-10-02"), hour: 20)
        #expect(duty.status(reports: [nilReport], at: evening) == .met(nilReport))
        #expect(duty.overdue(reports: [nilReport], at: evening) == nil)
        #expect(duty.reminderKey == "daily-report:甲镇:2025-10-02:reminder")
    }

    @Test("a daily report missing at the cut-off is overdue for the unit's leader; one filed in the cut-off minute is in time")
    func missingAtCutoff() throws {
        // 乙镇 on Sat 10-04 (a holiday: reports are owed every day of the window): only 国庆节, cut-off 17:00.
        let duty = try #require(periods.dailyReportDuty(unit: "乙镇", on: day("2025-10-04")))
        #expect(duty.cutoff == DayMinute(day("2025-10-04"), hour: 17))
        let reports = [
            DailyReport(unit: "甲镇", day: day("2025-10-04"), isNilReport: false, filed: DayMinute(day("2025-10-04"), hour: 9)),  // another unit
            DailyReport(unit: "乙镇", day: day("2025-10-03"), isNilReport: true, filed: DayMinute(day("2025-10-04"), hour: 9)),  // yesterday's, filed today
        ]
        #expect(duty.status(reports: reports, at: DayMinute(day("2025-10-04"), hour: 16, minute: 59)) == .pending)
        #expect(duty.status(reports: reports, at: DayMinute(day("2025-10-04"), hour: 17)) == .missing)
        let event = try #require(duty.overdue(reports: reports, at: DayMinute(day("2025-10-04"), hour: 17)))
        #expect(event.key == "daily-report:乙镇:2025-10-04:overdue")
        #expect(event.filedLate == nil)
        #expect(event.text == "【敏感时期每日报送逾期】乙镇 2025-10-04（周六）的每日信息应于2025-10-04 17:00前报送（零报告亦须报送），至今未报。")

        // filed in the cut-off minute: in time
        let onTheMinute = DailyReport(unit: "乙镇", day: day("2025-10-04"), isNilReport: false, filed: DayMinute(day("2025-10-04"), hour: 17))
        #expect(duty.status(reports: reports + [onTheMinute], at: DayMinute(day("2025-10-04"), hour: 18)) == .met(onTheMinute))

        // filed at 17:05: late; the overdue event stands (same key, so recorded once) and says when it came
        let late = DailyReport(unit: "乙镇", day: day("2025-10-04"), isNilReport: true, filed: DayMinute(day("2025-10-04"), hour: 17, minute: 5))
        #expect(duty.status(reports: [late], at: DayMinute(day("2025-10-04"), hour: 18)) == .late(late))
        #expect(duty.status(reports: [late], at: DayMinute(day("2025-10-04"), hour: 18)).isOverdue)
        #expect(duty.overdue(reports: [late], at: DayMinute(day("2025-10-04"), hour: 18))?.filedLate == DayMinute(day("2025-10-04"), hour: 17, minute: 5))
        // a report filed after "now" is not known yet
        #expect(duty.status(reports: [late], at: DayMinute(day("2025-10-04"), hour: 17, minute: 1)) == .missing)
    }

    @Test("no duty outside every window; one duty per unit and day inside")
    func duties() {
        #expect(periods.dailyReportDuty(unit: "乙镇", on: day("2025-10-09")) == nil)
        // 10-07 … 10-10: 国庆节 covers 10-07 and 10-08 only: 2 days × 2 units
        let list = periods.dailyReportDuties(units: ["甲镇", "乙镇"], from: day("2025-10-07"), through: day("2025-10-10"))
        #expect(list.map { "\($0.day) \($0.unit)" } == ["2025-10-07 甲镇", "2025-10-07 乙镇", "2025-10-08 甲镇", "2025-10-08 乙镇"])
    }

    @Test("a cut-off in the first hour puts the reminder on the evening before")
    func earlyCutoff() throws {
        // cut-off 00:30 on 10-02 → reminder 23:30 on 10-01
        let p = SensitivePeriods([SensitivePeriod(name: "夜报", first: day("2025-10-01"), last: day("2025-10-03"), dailyReportCutoffMinute: 30)])
        let duty = try #require(p.dailyReportDuty(unit: "甲镇", on: day("2025-10-02")))
        #expect(duty.reminder == DayMinute(day("2025-10-01"), hour: 23, minute: 30))
        #expect(DayMinute(day("2025-10-01"), minute: 1440 + 30) == DayMinute(day("2025-10-02"), minute: 30))
    }

    @Test("a configured window is checked: name, order of days, level, cut-off inside the day")
    func validation() {
        let bad = SensitivePeriod(name: "", first: day("2025-10-08"), last: day("2025-10-01"), level: 0, units: [""], dailyReportCutoffMinute: 24 * 60)
        let errors = bad.validate(source: "periods.toml", line: 3, field: "periods[0]")
        #expect(errors.map(\.field) == ["periods[0].name", "periods[0].last", "periods[0].level", "periods[0].report_cutoff", "periods[0].units"])
        #expect(errors[1].description == "periods.toml:3:periods[0].last: 2025-10-01 is before first = 2025-10-08")
        #expect(national.validate().isEmpty)
    }
}
