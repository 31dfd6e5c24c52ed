import XinfangCore
import XinfangPolicy
import XinfangPorts

/// 督办单: the ladder of one supervision order — reminder before the due day, 催办 after it, 通报
/// recommendation later (timer kind `supervision`, key: the order's id).
struct SupervisionTimer {
    var leaders: LeaderScheduling

    /// The ladder steps of one order that fell due since the last firing, each once, to the unit
    /// (and the case's owning leader via the unit's reminder), and the next step's time. `state`
    /// keeps the last day handled.
    func fire(orderID: String, state: String?, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        guard let record = try queries.supervisionRecord(id: orderID) else { return TimerOutcome(reminders: [], nextFireAt: nil, state: state) }
        let time = leaders.time
        let today = time.day(of: now)
        let handled = state.flatMap { Int($0) }.map(Day.init(number:)) ?? today.adding(days: -1)
        let plan = leaders.supervision.plan(for: record, calendar: leaders.calendar, asOf: today)
        var reminders: [NewReminder] = []
        for step in plan where step.day > handled && step.day <= today {
            let o = record.order
            let at = time.reminderInstant(step.day)
            let subject = Text.subject(o, step)
            reminders.append(NewReminder(
                dedupeKey: step.key, about: .supervisionOrder(o.caseNumber ?? o.id), unit: o.unit, kind: .supervision, milestone: step.kind.name,
                due: step.due, recipient: Recipient(role: .unit, name: o.unit, address: try queries.unitAddress(o.unit)),
                subject: subject, body: Text.body(o, step, subject: subject), fireAt: at,
                lateBySeconds: now - at > leaders.lateAfterSeconds && step.day < today ? now - at : nil))
        }
        let next = plan.map(\.day).filter { $0 > today }.min().map { time.reminderInstant($0) }
        return TimerOutcome(reminders: reminders, nextFireAt: next, state: String(today.number))
    }

    /// The reminder's texts.
    enum Text {
        static func subject(_ o: SupervisionOrder, _ step: SupervisionStep) -> String {
            "【\(step.kind.chineseName)】\(o.kind.rawValue)单 \(o.id)\(o.caseNumber.map { " \($0)" } ?? "") \(step.obligation.chineseName)应于\(step.due)前完成"
        }

        static func body(_ o: SupervisionOrder, _ step: SupervisionStep, subject: String) -> String {
            var body = subject + "；承办单位：\(o.unit)；督办机关：\(o.issuedBy)。"
            if case .bulletin = step.kind { body += "\n已逾期多个工作日，建议予以通报（条例2022 第39、40条）。" }
            return body
        }
    }
}
