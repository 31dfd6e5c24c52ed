import XinfangCore
import XinfangPolicy
import XinfangPorts

/// 包案周报: a leader's weekly digest of the open cases they own, on the digest weekday (timer kind
/// `digest`, key: the leader).
struct DigestTimer {
    var leaders: LeaderScheduling

    /// The next digest time at or after `now` (the digest weekday, at the reminder time).
    func next(after now: Int64) -> Int64 {
        let time = leaders.time
        var day = time.day(of: now)
        while true {
            let at = time.reminderInstant(day)
            if day.isoWeekday == leaders.digestWeekday && at > now { return at }
            day = day.adding(days: 1)
        }
    }

    func fire(leader: String, scheduled: Int64, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        let next = next(after: now)
        // A timer armed by a store change (0) only schedules; a digest goes out at its own time.
        guard scheduled > 0 else { return TimerOutcome(reminders: [], nextFireAt: next, state: nil) }
        let time = leaders.time
        let today = time.day(of: now)
        let cases = try queries.briefing(place: nil, leader: leader, today: today, limit: LeaderScheduling.listed)
        guard cases.openCount > 0 else { return TimerOutcome(reminders: [], nextFireAt: next, state: nil) }
        let recipient = try leaders.route(leader: leader, on: today, deputies: try queries.deputies(), queries: queries)
        var body = Text.summary(leader, cases)
        if recipient.role == .deputy { body += Text.deputyNote(leader, recipient) }
        body += leaders.briefing(title: Text.overdueBriefing, count: cases.overdueCount, cases.overdue)
        body += leaders.briefing(title: Text.dueSoonBriefing, count: cases.dueSoonCount, cases.dueSoon)
        let day = time.day(of: scheduled)
        return TimerOutcome(
            reminders: [NewReminder(
                dedupeKey: "digest|\(leader)|\(day)|\(recipient.role.rawValue):\(recipient.name)", about: .digest(day), unit: leader,
                kind: .digest, milestone: "weekly", due: day, recipient: recipient,
                subject: Text.subject(leader, day, cases), body: body,
                fireAt: scheduled, lateBySeconds: leaders.lateness(of: scheduled, now: now))],
            nextFireAt: next, state: nil)
    }

    /// The digest's texts.
    enum Text {
        static func subject(_ leader: String, _ day: Day, _ cases: Briefing) -> String {
            "【包案周报】\(leader) \(day)：在办\(cases.openCount)件，7日内到期\(cases.dueSoonCount)件，逾期\(cases.overdueCount)件"
        }

        static func summary(_ leader: String, _ cases: Briefing) -> String {
            "【包案周报】\(leader) 包案在办信访事项\(cases.openCount)件，其中7日内到期\(cases.dueSoonCount)件、已逾期\(cases.overdueCount)件。"
        }

        static func deputyNote(_ leader: String, _ recipient: Recipient) -> String { "\n（\(leader)不在岗，由代理人\(recipient.name)接收。）" }
        static let overdueBriefing = "已逾期"
        static let dueSoonBriefing = "7日内到期"
    }
}
