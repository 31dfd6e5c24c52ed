import XinfangCore
import XinfangPolicy
import XinfangPorts

/// 接访提醒: a leader's reception days, 5 working days ahead and on the morning of the day, with a
/// briefing of the place's and the leader's open cases (timer kind `reception`, key: the rule's id).
struct ReceptionTimer {
    var leaders: LeaderScheduling

    /// Reminders of one rule's occurrences whose milestones fell due since the last firing (each once,
    /// late ones marked late), and the next milestone. `state` keeps the last instant handled.
    func fire(ruleID: String, state: String?, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        let time = leaders.time, calendar = leaders.calendar, reception = leaders.reception
        let handled = state.flatMap { Int64($0) } ?? now
        let today = time.day(of: now)
        let rules = try queries.receptionRules()
        let occurrences = reception.occurrences(
            rules: rules, exceptions: try queries.receptionExceptions(), from: today.adding(days: -40), through: today.adding(days: 120),
            calendar: calendar
        ).filter { $0.ruleID == ruleID }
        let deputies = try queries.deputies()
        var reminders: [NewReminder] = []
        var next: Int64?
        for occurrence in occurrences {
            for milestone in reception.milestones(for: occurrence, calendar: calendar) {
                let at = time.reminderInstant(milestone.day)
                if at > now {
                    next = min(next ?? at, at)
                } else if at > handled {
                    reminders.append(try reminder(occurrence, milestone, at: at, now: now, deputies: deputies, queries: queries))
                }
            }
        }
        // With nothing in the window, look again in 60 days (a rule that starts later, exceptions).
        return TimerOutcome(reminders: reminders, nextFireAt: next ?? now + 60 * 86_400, state: String(now))
    }

    func reminder(_ o: ReceptionOccurrence, _ m: Milestone, at: Int64, now: Int64, deputies: [DeputyAssignment],
                  queries: any TimerQueries) throws -> NewReminder {
        let time = leaders.time
        let today = time.day(of: now)
        let recipient = try leaders.route(leader: o.leader, on: today, deputies: deputies, queries: queries)
        let when = m.kind == .dueDay ? Text.today : Text.inWorkingDays(leaders.calendar.workingDays(after: today, through: o.day))
        var body = Text.body(o, when: when, recipient: recipient)
        let place = try queries.briefing(place: o.place, leader: nil, today: today, limit: LeaderScheduling.listed)
        body += leaders.briefing(title: Text.placeBriefing(o.place), count: place.openCount, place.cases)
        let owned = try queries.briefing(place: nil, leader: o.leader, today: today, limit: LeaderScheduling.listed)
        body += leaders.briefing(title: Text.ownedBriefing(o.leader), count: owned.openCount, owned.cases)
        let late = leaders.lateness(of: at, now: now)
        if late != nil { body += Text.lateNote(time.format(at)) }
        return NewReminder(
            dedupeKey: "reception|\(o.ruleID)|\(o.nominalDay)|\(m.name)|\(recipient.role.rawValue):\(recipient.name)",
            about: .place(o.place), unit: o.place, kind: .reception, milestone: m.name, due: o.day, recipient: recipient,
            subject: Text.subject(o), body: body, fireAt: at, lateBySeconds: late)
    }

    /// The reminder's texts.
    enum Text {
        static let today = "今日"
        static func inWorkingDays(_ n: Int) -> String { "\(n)个工作日后" }
        static func day(_ o: ReceptionOccurrence) -> String { "\(o.day)（\(o.day.chineseWeekday)）" }
        static func subject(_ o: ReceptionOccurrence) -> String { "【接访提醒】\(o.leader) \(day(o)) \(o.place)" }

        static func body(_ o: ReceptionOccurrence, when: String, recipient: Recipient) -> String {
            var body = "【接访提醒】\(o.leader)\(when)（\(day(o))）在\(o.place)接待来访群众。"
            if let why = o.why { body += "\n说明：\(why)" }
            if recipient.role == .deputy { body += "\n（\(o.leader)不在岗，由代理人\(recipient.name)接收本提醒。）" }
            return body
        }

        static func placeBriefing(_ place: String) -> String { "\(place)待办信访事项" }
        static func ownedBriefing(_ leader: String) -> String { "\(leader)包案事项" }
        static func lateNote(_ planned: String) -> String { "\n（补发：原定于\(planned)提醒。）" }
    }
}
