import XinfangCore
import XinfangPolicy
import XinfangPorts

/// 日报: a unit's daily report on each day of an escalation-risk period (timer kind `daily-report`,
/// key: the unit).
struct DailyReportTimer {
    var leaders: LeaderScheduling

    /// Inside a window: a reminder to the unit one hour before the cut-off unless it has filed, and —
    /// when nothing was filed by the cut-off — an overdue reminder to the unit's leaders (recorded in
    /// the overdue table by the store). Each keyed by unit and day, so it exists once. Then the next
    /// reminder or cut-off time, on this day or a later day of a window.
    func fire(unit: String, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        let time = leaders.time, periods = leaders.periods
        let today = time.day(of: now)
        let nowMinute = DayMinute(today, minute: Int((now + Int64(time.utcOffsetSeconds)) % 86_400 / 60))
        var reminders: [NewReminder] = []
        for day in [today.adding(days: -1), today] {
            guard let duty = periods.dailyReportDuty(unit: unit, on: day) else { continue }
            let reports = try queries.dailyReports(unit: unit, from: day)
            let cutoffAt = time.instant(duty.cutoff.day, secondOfDay: duty.cutoff.secondOfDay)
            let reminderAt = time.instant(duty.reminder.day, secondOfDay: duty.reminder.secondOfDay)
            if duty.reminderIsDue(reports: reports, at: nowMinute) {
                reminders.append(NewReminder(
                    dedupeKey: duty.reminderKey, about: .dailyReport(day), unit: unit, kind: .dailyReport, milestone: "reminder", due: day,
                    recipient: Recipient(role: .unit, name: unit, address: try queries.unitAddress(unit)),
                    subject: Text.reminderSubject(duty), body: Text.reminderBody(duty),
                    fireAt: reminderAt, lateBySeconds: leaders.lateness(of: reminderAt, now: now)))
            }
            if let overdue = duty.overdue(reports: reports, at: nowMinute) {
                for leader in try queries.leaders(ofUnit: unit) {
                    reminders.append(NewReminder(
                        dedupeKey: overdue.key + "|leader:\(leader.name)", about: .dailyReport(day), unit: unit, kind: .dailyReport,
                        milestone: "overdue", due: day, recipient: Recipient(role: .leader, name: leader.name, address: leader.address),
                        subject: Text.overdueSubject(duty), body: overdue.text, fireAt: cutoffAt,
                        lateBySeconds: leaders.lateness(of: cutoffAt, now: now)))
                }
            }
        }
        // The next reminder or cut-off, today or on a later day inside a window (looking a year ahead).
        var next: Int64?
        var day = today
        while next == nil && day <= today.adding(days: 366) {
            if let duty = periods.dailyReportDuty(unit: unit, on: day) {
                for at in [time.instant(duty.reminder.day, secondOfDay: duty.reminder.secondOfDay),
                           time.instant(duty.cutoff.day, secondOfDay: duty.cutoff.secondOfDay)] where at > now {
                    next = min(next ?? at, at)
                }
            }
            day = day.adding(days: 1)
        }
        return TimerOutcome(reminders: reminders, nextFireAt: next, state: nil)
    }

    /// The reminders' texts (the overdue body is the duty's own, `DailyReportDuty.overdue`).
    enum Text {
        static func reminderSubject(_ duty: DailyReportDuty) -> String {
            "【日报提醒】\(duty.unit) 请于\(duty.cutoff)前报送\(duty.day)信访工作日报（无事报平安）"
        }

        static func reminderBody(_ duty: DailyReportDuty) -> String {
            let windows = duty.periods.joined(separator: "、")
            return "敏感时期（\(windows)）：\(duty.unit)请于\(duty.cutoff)前报送\(duty.day)日报，无情况亦须零报告：xinfangctl report file --unit \(duty.unit) --nil"
        }

        static func overdueSubject(_ duty: DailyReportDuty) -> String { "【日报逾期】\(duty.unit) 未在\(duty.cutoff)前报送\(duty.day)日报" }
    }
}
