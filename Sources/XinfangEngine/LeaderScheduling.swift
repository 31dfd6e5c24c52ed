public import XinfangCore
public import XinfangPolicy
public import XinfangPorts

/// The pure part of leaders' and units' own reminders, one timer kind per type in `Timers/`:
/// reception days (`ReceptionTimer`), the weekly digest of a leader's own cases (`DigestTimer`),
/// the escalation of an unacknowledged reminder (未签收) to the leader's deputy
/// (`AcknowledgementTimer`), supervision orders' ladders (`SupervisionTimer`), daily reports in
/// escalation-risk periods (`DailyReportTimer`) and recurring duties (`DutyTimer`). This type holds
/// their configuration and what they share. Absences route a leader's reminders to the deputy
/// named for those days.
public struct LeaderScheduling: Sendable {
    public var reception: any ReceptionPolicy
    public var time: LocalTime
    public var calendar: WorkingCalendar
    /// The weekday of the digest (ISO, 1 = Monday).
    public var digestWeekday: Int
    /// How long a reminder to a leader may stay unacknowledged before it goes to the deputy; nil: never.
    public var escalateAfterSeconds: Int64?
    /// A reminder created more than this long after its time is marked late.
    public var lateAfterSeconds: Int64
    /// The escalation ladder of supervision orders.
    public var supervision: SupervisionLadder = SupervisionLadder()
    /// Escalation-risk periods (敏感时期): daily reports inside them.
    public var periods = SensitivePeriods([])
    /// Recurring duties (meetings, bulletins).
    public var duties: [RecurringDuty] = []

    public init(reception: any ReceptionPolicy, time: LocalTime, calendar: WorkingCalendar, digestWeekday: Int = 1,
                escalateAfterSeconds: Int64? = 24 * 3600, lateAfterSeconds: Int64 = 300) {
        self.reception = reception
        self.time = time
        self.calendar = calendar
        self.digestWeekday = digestWeekday
        self.escalateAfterSeconds = escalateAfterSeconds
        self.lateAfterSeconds = lateAfterSeconds
    }

    /// Fires one timer: each kind's rule and texts are in its own type (`Timers/`).
    public func fire(_ item: TimerItem, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        switch item.timerKind {
        case .reception?: return try ReceptionTimer(leaders: self).fire(ruleID: item.key, state: item.state, now: now, queries: queries)
        case .digest?: return try DigestTimer(leaders: self).fire(leader: item.key, scheduled: item.nextFireAt, now: now, queries: queries)
        case .acknowledgement?: return try AcknowledgementTimer(leaders: self).fire(reminderID: Int64(item.key) ?? -1, now: now, queries: queries)
        case .supervision?: return try SupervisionTimer(leaders: self).fire(orderID: item.key, state: item.state, now: now, queries: queries)
        case .dailyReport?: return try DailyReportTimer(leaders: self).fire(unit: item.key, now: now, queries: queries)
        case .duty?:
            return try DutyTimer(leaders: self).fire(name: item.key, scheduled: item.nextFireAt, state: item.state, now: now, queries: queries)
        case nil: return TimerOutcome(reminders: [], nextFireAt: nil, state: item.state)
        }
    }

    /// The next digest time at or after `now` (the digest weekday, at the reminder time).
    public func nextDigest(after now: Int64) -> Int64 { DigestTimer(leaders: self).next(after: now) }

    // MARK: Shared by the timers

    /// How many cases a briefing lists; the rest are counted (另有N件).
    static let listed = 30

    /// `count` cases, the first of them listed: case numbers, categories and short titles only, no
    /// petitioner data.
    func briefing(title: String, count: Int, _ cases: [BriefingCase]) -> String {
        var text = "\n\(title)：\(count)件"
        for c in cases.prefix(Self.listed) {
            text += "\n· \(c.number)（\(c.category)）\(c.title ?? "")"
            if let due = c.nextDue, let kind = c.nextKind.flatMap(DeadlineKind.init(rawValue:)) {
                text += " — \(kind.chineseName) \(due)前"
            }
        }
        let shown = min(cases.count, Self.listed)
        if count > shown { text += "\n· ……另有\(count - shown)件" }
        return text
    }

    /// The leader, or the deputy named for an absence covering `day`.
    func route(leader: String, on day: Day, deputies: [DeputyAssignment], queries: any TimerQueries) throws -> Recipient {
        if let absence = deputies.last(where: { $0.leader == leader && $0.isAbsence && $0.covers(day) }) {
            return Recipient(role: .deputy, name: absence.deputy, address: try queries.leaderAddress(absence.deputy))
        }
        return Recipient(role: .leader, name: leader, address: try queries.leaderAddress(leader))
    }

    /// How late a reminder meant for `at` is when created `now`; nil when within `lateAfterSeconds`.
    func lateness(of at: Int64, now: Int64) -> Int64? { now - at > lateAfterSeconds ? now - at : nil }
}
