import XinfangCore
import XinfangPolicy
import XinfangPorts

/// Recurring duties: meetings, the dispatch meeting with its agenda, the monthly bulletin (timer kind
/// `duty`, key: the duty's name).
struct DutyTimer {
    var leaders: LeaderScheduling

    /// On the morning of a duty's day, a reminder to each of its recipients that is a registered unit
    /// or leader (a dispatch meeting's with an agenda of the overdue and oldest open cases); then the
    /// next day it falls on. A timer just armed (a new store, a duty new in the configuration) has
    /// missed nothing: it only schedules, like the digest.
    func fire(name: String, scheduled: Int64, state: String?, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        guard let duty = leaders.duties.first(where: { $0.name == name }) else { return TimerOutcome(reminders: [], nextFireAt: nil, state: state) }
        let time = leaders.time
        let today = time.day(of: now)
        if scheduled == 0 && state == nil {
            let first = duty.next(onOrAfter: time.reminderInstant(today) > now ? today : today.adding(days: 1))
            return TimerOutcome(reminders: [], nextFireAt: time.reminderInstant(first), state: nil)
        }
        let done = state.flatMap { Int($0) }.map(Day.init(number:))
        var reminders: [NewReminder] = []
        var handled = done
        if duty.falls(on: today), time.reminderInstant(today) <= now, done.map({ $0 < today }) ?? true {
            let body = try self.body(duty, today: today, queries: queries)
            // A recipient that is neither a leader nor a unit was warned about at start and reload.
            for recipient in duty.to {
                let r: Recipient
                if try queries.leaderExists(recipient) {
                    r = Recipient(role: .leader, name: recipient, address: try queries.leaderAddress(recipient))
                } else if try queries.unitExists(recipient) {
                    r = Recipient(role: .unit, name: recipient, address: try queries.unitAddress(recipient))
                } else {
                    continue
                }
                let at = time.reminderInstant(today)
                reminders.append(NewReminder(
                    dedupeKey: "duty|\(duty.name)|\(today)|\(r.role.rawValue):\(r.name)", about: .duty(duty.name), unit: r.name, kind: .duty,
                    milestone: duty.kind.rawValue, due: today, recipient: r, subject: Text.subject(duty, today), body: body, fireAt: at,
                    lateBySeconds: leaders.lateness(of: at, now: now)))
            }
            handled = today
        }
        let nextDay = duty.next(onOrAfter: time.reminderInstant(today) > now && (handled.map { $0 < today } ?? true) ? today : today.adding(days: 1))
        return TimerOutcome(reminders: reminders, nextFireAt: time.reminderInstant(nextDay), state: handled.map { String($0.number) })
    }

    /// The reminder's text: the meeting, the dispatch meeting's agenda, or the bulletin's period.
    func body(_ duty: RecurringDuty, today: Day, queries: any TimerQueries) throws -> String {
        var body = Text.heading(duty, today)
        switch duty.kind {
        case .meeting: body += Text.meeting
        case .dispatch:
            let open = try queries.briefing(place: nil, leader: nil, today: today, limit: LeaderScheduling.listed)
            body += Text.dispatchAgenda(overdue: open.overdueCount, open: open.openCount)
            body += leaders.briefing(title: Text.overdueBriefing, count: open.overdueCount, open.overdue)
            let oldest = Array(open.oldest.prefix(10))
            body += leaders.briefing(title: Text.oldestBriefing, count: oldest.count, oldest)
        case .bulletin:
            // The two months before this one, as the scheduled bulletin writes them.
            let period = BulletinPeriod(writtenOn: today)
            body += Text.bulletin(from: period.first, to: period.last)
        }
        return body
    }

    /// The reminder's texts.
    enum Text {
        static func subject(_ duty: RecurringDuty, _ day: Day) -> String { "【\(duty.name)】\(day)" }
        static func heading(_ duty: RecurringDuty, _ day: Day) -> String { "【\(duty.name)】\(day)（\(day.chineseWeekday)）" }
        static let meeting = "召开，请按时参加。"
        static func dispatchAgenda(overdue: Int, open: Int) -> String { "召开积案调度会。议程：逾期事项\(overdue)件、在办事项\(open)件。" }
        static let overdueBriefing = "逾期事项"
        static let oldestBriefing = "在办时间最长的事项"
        static func bulletin(from start: Day, to end: Day) -> String {
            "编发信访工作通报（\(start)至\(end)）：xinfangctl report bulletin --from \(start) --to \(end) --format html"
        }
    }
}
