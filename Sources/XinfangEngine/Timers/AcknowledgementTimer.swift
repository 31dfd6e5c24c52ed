import XinfangCore
import XinfangPolicy
import XinfangPorts

/// 未签收转办: a reminder to a leader not acknowledged in time goes on to the leader's deputy (timer
/// kind `ack`, key: the reminder's id).
struct AcknowledgementTimer {
    var leaders: LeaderScheduling

    func fire(reminderID: Int64, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        guard let (original, acked) = try queries.reminder(id: reminderID), !acked, original.recipient.role == .leader else {
            return TimerOutcome(reminders: [], nextFireAt: nil, state: "done")
        }
        let today = leaders.time.day(of: now)
        guard let deputy = try queries.deputies().last(where: { $0.leader == original.recipient.name && !$0.isAbsence })
            ?? queries.deputies().last(where: { $0.leader == original.recipient.name && $0.covers(today) }) else {
            return TimerOutcome(reminders: [], nextFireAt: nil, state: "no deputy")
        }
        let recipient = Recipient(role: .deputy, name: deputy.deputy, address: try queries.leaderAddress(deputy.deputy))
        return TimerOutcome(
            reminders: [NewReminder(
                dedupeKey: "escalation|\(original.dedupeKey)|deputy:\(deputy.deputy)", about: .escalated(original.caseNumber), unit: original.unit,
                kind: .escalation, milestone: original.milestone, due: original.due, recipient: recipient,
                subject: Text.subject(original), body: Text.body(original, deputy: deputy.deputy),
                fireAt: now, lateBySeconds: nil)],
            nextFireAt: nil, state: "escalated")
    }

    /// The escalation's texts: the original reminder, prefixed.
    enum Text {
        static func subject(_ original: Reminder) -> String { "【未签收转办】" + original.subject }

        static func body(_ original: Reminder, deputy: String) -> String {
            "\(original.recipient.name)未在规定时间内签收以下提醒（#\(original.id)），请代理人\(deputy)跟进：\n\n" + original.body
        }
    }
}
