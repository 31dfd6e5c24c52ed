public import XinfangCore
public import XinfangPolicy
public import XinfangPorts

/// The pure part of the scheduler: from a case to its stored deadline rows and their next
/// milestones, and from a due milestone to its reminders. No I/O; the engine runs it inside the
/// store's transactions.
public struct Scheduling: Sendable {
    public var calendar: WorkingCalendar
    public var reminders: any ReminderPolicy
    public var time: LocalTime
    /// A reminder created more than this long after its time is marked late (default 5 minutes).
    public var lateAfterSeconds: Int64
    /// Escalation-risk periods: a deadline falling due inside one gets its lead times doubled.
    public var periods = SensitivePeriods([])
    /// A case changed by hand (case add, event add, case assign) settles this long after the daemon
    /// first computes the change before an overdue-type milestone fires for it, so that a history
    /// entered event by event is complete first (default 5 minutes; 0: at once).
    public var settleSeconds: Int64

    public init(calendar: WorkingCalendar, reminders: any ReminderPolicy, time: LocalTime, lateAfterSeconds: Int64 = 300,
                settleSeconds: Int64 = 300) {
        self.calendar = calendar
        self.reminders = reminders
        self.time = time
        self.lateAfterSeconds = lateAfterSeconds
        self.settleSeconds = settleSeconds
    }

    /// Until when a case changed by hand and computed at `now` settles (nil: no settle time).
    public func settleUntil(now: Int64) -> Int64? { settleSeconds > 0 ? now + settleSeconds : nil }

    /// The deadline rows of a case at `now`, keeping the schedule of every deadline whose start and
    /// due day did not change, so that no milestone fires twice. A new or moved deadline is scheduled
    /// from its current stage: the latest milestone already passed fires at once, the rest on time.
    /// A milestone written ahead and `withdrawn` (its case changed before it was announced) is due
    /// again at its time, if its deadline did not move.
    public func rows(for timeline: CaseTimeline, policy: any DeadlinePolicy, existing: [StoredDeadline],
                     withdrawn: [WithdrawnMilestone] = [], now: Int64) -> [StoredDeadline] {
        let today = time.day(of: now)
        return policy.deadlines(for: timeline, calendar: calendar, asOf: today).map { d in
            var row = StoredDeadline(
                kind: d.kind, status: d.status, start: d.start, due: d.due, fulfilled: d.fulfilledOn, provisional: d.provisional,
                article: d.derivation.article, policy: d.derivation.policyID,
                periodDays: d.start.flatMap { start in
                    d.due.map { due in periodDays(d.derivation.period, start: start, due: due) * periods.leadMultiplier(on: due, unit: timeline.facts.unit) }
                },
                nextMilestone: nil, nextFireAt: nil)
            let pending = d.fulfilledOn == nil && (d.status == .open || d.status == .missed)
            guard pending, let start = d.start, let due = d.due else { return row }
            let milestones = reminders.milestones(kind: d.kind, start: start, due: due, periodDays: row.periodDays ?? (due - start), calendar: calendar)
            if let old = existing.first(where: { $0.kind == d.kind }), old.due == due, old.start == start {
                row.nextMilestone = old.nextMilestone
                row.nextFireAt = old.nextFireAt
                if let back = withdrawn.filter({ $0.kind == d.kind }).min(by: { $0.fireAt < $1.fireAt }),
                   let index = milestones.firstIndex(where: { $0.name == back.milestone }) {
                    row.nextMilestone = index
                    row.nextFireAt = back.fireAt
                }
                // A milestone still ahead follows the configured reminder time (it may have changed on reload).
                if let index = row.nextMilestone, index < milestones.count, let at = row.nextFireAt, at > now {
                    row.nextFireAt = max(now, time.reminderInstant(milestones[index].day))
                }
                return row
            }
            guard !milestones.isEmpty else { return row }
            let times = milestones.map { time.reminderInstant($0.day) }
            if let current = times.lastIndex(where: { $0 <= now }) {
                row.nextMilestone = current
                row.nextFireAt = now
            } else {
                row.nextMilestone = 0
                row.nextFireAt = times[0]
            }
            return row
        }
    }

    /// What firing a due item does at `now`: a reminder for the handling unit and one for the owning
    /// leader, an overdue record on the first day overdue, and the next milestone.
    public func fire(_ item: DueItem, now: Int64) -> FireOutcome {
        let d = item.deadline
        guard let start = d.start, let due = d.due, let index = d.nextMilestone, let scheduled = d.nextFireAt else {
            return FireOutcome(reminders: [], recordOverdue: false, nextMilestone: nil, nextFireAt: nil)
        }
        let milestones = reminders.milestones(kind: d.kind, start: start, due: due, periodDays: d.periodDays ?? (due - start), calendar: calendar)
        guard index < milestones.count else { return FireOutcome(reminders: [], recordOverdue: false, nextMilestone: nil, nextFireAt: nil) }
        let milestone = milestones[index]
        if case .overdue = milestone.kind, let settle = item.settleUntil, settle > now {
            // The case is still being entered or changed: look again when it has settled.
            return FireOutcome(reminders: [], recordOverdue: false, nextMilestone: index, nextFireAt: settle)
        }
        let today = time.day(of: now)
        let late = now - scheduled > lateAfterSeconds ? now - scheduled : nil
        let context = ReminderContext(
            caseNumber: item.caseNumber, unit: item.unit, leader: item.leader, kind: d.kind, article: d.article, due: due,
            milestone: milestone, workingDaysLeft: calendar.workingDays(after: today, through: due),
            daysOverdue: max(0, today - due), provisional: d.provisional)
        var (subject, body) = reminders.text(context)
        if let late {
            body += "\n（补发：原定于\(time.format(scheduled))提醒，因服务中断延迟\(Scheduling.describe(seconds: late))。）"
        }
        var recipients = [(Recipient(role: .unit, name: item.unit, address: item.unitAddress), body)]
        if let leader = item.leader {
            // During an absence the leader's reminder goes to the deputy named for it.
            if let absence = item.leaderDeputies.last(where: { $0.isAbsence && $0.covers(today) }) {
                recipients.append((Recipient(role: .deputy, name: absence.deputy, address: absence.deputyAddress),
                                   body + "\n（\(leader)不在岗，由代理人\(absence.deputy)接收本提醒。）"))
            } else {
                recipients.append((Recipient(role: .leader, name: leader, address: item.leaderAddress), body))
            }
        }
        let created = recipients.map { r, text in
            NewReminder(
                dedupeKey: "\(item.caseNumber)|\(d.kind.rawValue)|\(milestone.name)|\(due)|\(r.role.rawValue):\(r.name)",
                about: .case(item.caseNumber), unit: item.unit, kind: .deadline(d.kind), milestone: milestone.name, due: due, recipient: r,
                subject: subject, body: text, fireAt: scheduled, lateBySeconds: late)
        }
        let next = index + 1 < milestones.count ? index + 1 : nil
        let overdue: Bool = if case .overdue = milestone.kind { true } else { false }
        return FireOutcome(
            reminders: created, recordOverdue: overdue, nextMilestone: next,
            nextFireAt: next.map { time.reminderInstant(milestones[$0].day) })
    }

    /// "3小时20分钟", "2天5小时".
    static func describe(seconds: Int64) -> String {
        let days = seconds / 86_400, hours = (seconds % 86_400) / 3600, minutes = (seconds % 3600) / 60
        if days > 0 { return "\(days)天\(hours)小时" }
        if hours > 0 { return "\(hours)小时\(minutes)分钟" }
        return "\(max(1, minutes))分钟"
    }
}
