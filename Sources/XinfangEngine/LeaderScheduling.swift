public import XinfangCore
public import XinfangPolicy
public import XinfangPorts

/// The pure part of leaders' reminders: reception days (5 working days ahead and the morning of the
/// day, with a briefing), the weekly digest of a leader's own cases, and the escalation of an
/// unacknowledged reminder (未签收) to the leader's deputy. Absences route a leader's reminders to
/// the deputy named for those days.
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

    /// Fires one timer.
    public func fire(_ item: TimerItem, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        switch item.kind {
        case "reception": return try fireReception(ruleID: item.key, state: item.state, now: now, queries: queries)
        case "digest": return try fireDigest(leader: item.key, scheduled: item.nextFireAt, now: now, queries: queries)
        case "ack": return try fireEscalation(reminderID: Int64(item.key) ?? -1, now: now, queries: queries)
        case "supervision": return try fireSupervision(orderID: item.key, state: item.state, now: now, queries: queries)
        case "daily-report": return try fireDailyReport(unit: item.key, now: now, queries: queries)
        case "duty": return try fireDuty(name: item.key, scheduled: item.nextFireAt, state: item.state, now: now, queries: queries)
        default: return TimerOutcome(reminders: [], nextFireAt: nil, state: item.state)
        }
    }

    // MARK: Receptions

    /// Reminders of one rule's occurrences whose milestones fell due since the last firing (each once,
    /// late ones marked late), and the next milestone. `state` keeps the last instant handled.
    func fireReception(ruleID: String, state: String?, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
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
                    reminders.append(try receptionReminder(occurrence, milestone, at: at, now: now, deputies: deputies, queries: queries))
                }
            }
        }
        // With nothing in the window, look again in 60 days (a rule that starts later, exceptions).
        return TimerOutcome(reminders: reminders, nextFireAt: next ?? now + 60 * 86_400, state: String(now))
    }

    func receptionReminder(_ o: ReceptionOccurrence, _ m: Milestone, at: Int64, now: Int64, deputies: [DeputyAssignment],
                           queries: any TimerQueries) throws -> NewReminder {
        let recipient = try route(leader: o.leader, on: time.day(of: now), deputies: deputies, queries: queries)
        let dayText = "\(o.day)（\(o.day.chineseWeekday)）"
        let when: String = if case .dueDay = m.kind { "今日" } else { "\(calendar.workingDays(after: time.day(of: now), through: o.day))个工作日后" }
        var body = "【接访提醒】\(o.leader)\(when)（\(dayText)）在\(o.place)接待来访群众。"
        if let why = o.why { body += "\n说明：\(why)" }
        if recipient.role == .deputy { body += "\n（\(o.leader)不在岗，由代理人\(recipient.name)接收本提醒。）" }
        let today = time.day(of: now)
        let place = try queries.briefing(place: o.place, leader: nil, today: today, limit: Self.listed)
        body += briefing(title: "\(o.place)待办信访事项", count: place.openCount, place.cases)
        let owned = try queries.briefing(place: nil, leader: o.leader, today: today, limit: Self.listed)
        body += briefing(title: "\(o.leader)包案事项", count: owned.openCount, owned.cases)
        let late = now - at > lateAfterSeconds ? now - at : nil
        if late != nil { body += "\n（补发：原定于\(time.format(at))提醒。）" }
        return NewReminder(
            dedupeKey: "reception|\(o.ruleID)|\(o.nominalDay)|\(m.name)|\(recipient.role.rawValue):\(recipient.name)",
            caseNumber: o.place, unit: o.place, kind: "reception", milestone: m.name, due: o.day, recipient: recipient,
            subject: "【接访提醒】\(o.leader) \(dayText) \(o.place)", body: body, fireAt: at, lateBySeconds: late)
    }

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

    // MARK: Supervision orders (督办单)

    /// The ladder steps of one order that fell due since the last firing — reminder before the due
    /// day, 催办 after it, 通报 recommendation later — each once, to the unit (and the case's owning
    /// leader via the unit's reminder), and the next step's time. `state` keeps the last day handled.
    func fireSupervision(orderID: String, state: String?, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        guard let record = try queries.supervisionRecord(id: orderID) else { return TimerOutcome(reminders: [], nextFireAt: nil, state: state) }
        let today = time.day(of: now)
        let handled = state.flatMap { Int($0) }.map(Day.init(number:)) ?? today.adding(days: -1)
        let plan = supervision.plan(for: record, calendar: calendar, asOf: today)
        var reminders: [NewReminder] = []
        for step in plan where step.day > handled && step.day <= today {
            let o = record.order
            let at = time.reminderInstant(step.day)
            let subject = "【\(step.kind.chineseName)】\(o.kind.rawValue)单 \(o.id)\(o.caseNumber.map { " \($0)" } ?? "") \(step.obligation.chineseName)应于\(step.due)前完成"
            var body = subject + "；承办单位：\(o.unit)；督办机关：\(o.issuedBy)。"
            if case .bulletin = step.kind { body += "\n已逾期多个工作日，建议予以通报（条例2022 第39、40条）。" }
            reminders.append(NewReminder(
                dedupeKey: step.key, caseNumber: o.caseNumber ?? o.id, unit: o.unit, kind: "supervision", milestone: step.kind.name,
                due: step.due, recipient: Recipient(role: .unit, name: o.unit, address: try queries.unitAddress(o.unit)),
                subject: subject, body: body, fireAt: at, lateBySeconds: now - at > lateAfterSeconds && step.day < today ? now - at : nil))
        }
        let next = plan.map(\.day).filter { $0 > today }.min().map { time.reminderInstant($0) }
        return TimerOutcome(reminders: reminders, nextFireAt: next, state: String(today.number))
    }

    // MARK: Daily reports in escalation-risk periods

    /// Inside a window: a reminder to the unit one hour before the cut-off unless it has filed, and —
    /// when nothing was filed by the cut-off — an overdue reminder to the unit's leaders (recorded in
    /// the overdue table by the store). Each keyed by unit and day, so it exists once. Then the next
    /// reminder or cut-off time, on this day or a later day of a window.
    func fireDailyReport(unit: String, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        let today = time.day(of: now)
        let nowMinute = DayMinute(today, minute: Int((now + Int64(time.utcOffsetSeconds)) % 86_400 / 60))
        var reminders: [NewReminder] = []
        for day in [today.adding(days: -1), today] {
            guard let duty = periods.dailyReportDuty(unit: unit, on: day) else { continue }
            let reports = try queries.dailyReports(unit: unit, from: day)
            let cutoffAt = time.instant(duty.cutoff.day, secondOfDay: duty.cutoff.secondOfDay)
            let reminderAt = time.instant(duty.reminder.day, secondOfDay: duty.reminder.secondOfDay)
            let windows = duty.periods.joined(separator: "、")
            if duty.reminderIsDue(reports: reports, at: nowMinute) {
                reminders.append(NewReminder(
                    dedupeKey: duty.reminderKey, caseNumber: "日报 \(day)", unit: unit, kind: "daily-report", milestone: "reminder", due: day,
                    recipient: Recipient(role: .unit, name: unit, address: try queries.unitAddress(unit)),
                    subject: "【日报提醒】\(unit) 请于\(duty.cutoff)前报送\(day)信访工作日报（无事报平安）",
                    body: "敏感时期（\(windows)）：\(unit)请于\(duty.cutoff)前报送\(day)日报，无情况亦须零报告：xinfangctl report file --unit \(unit) --nil",
                    fireAt: reminderAt, lateBySeconds: now - reminderAt > lateAfterSeconds ? now - reminderAt : nil))
            }
            if let overdue = duty.overdue(reports: reports, at: nowMinute) {
                for leader in try queries.leaders(ofUnit: unit) {
                    reminders.append(NewReminder(
                        dedupeKey: overdue.key + "|leader:\(leader.name)", caseNumber: "日报 \(day)", unit: unit, kind: "daily-report",
                        milestone: "overdue", due: day, recipient: Recipient(role: .leader, name: leader.name, address: leader.address),
                        subject: "【日报逾期】\(unit) 未在\(duty.cutoff)前报送\(day)日报", body: overdue.text, fireAt: cutoffAt,
                        lateBySeconds: now - cutoffAt > lateAfterSeconds ? now - cutoffAt : nil))
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

    // MARK: Recurring duties

    /// On the morning of a duty's day, a reminder to each of its recipients that is a registered unit
    /// or leader (a dispatch meeting's with an agenda of the overdue and oldest open cases); then the
    /// next day it falls on. A timer just armed (a new store, a duty new in the configuration) has
    /// missed nothing: it only schedules, like the digest.
    func fireDuty(name: String, scheduled: Int64, state: String?, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        guard let duty = duties.first(where: { $0.name == name }) else { return TimerOutcome(reminders: [], nextFireAt: nil, state: state) }
        let today = time.day(of: now)
        if scheduled == 0 && state == nil {
            let first = duty.next(onOrAfter: time.reminderInstant(today) > now ? today : today.adding(days: 1))
            return TimerOutcome(reminders: [], nextFireAt: time.reminderInstant(first), state: nil)
        }
        let done = state.flatMap { Int($0) }.map(Day.init(number:))
        var reminders: [NewReminder] = []
        var handled = done
        if duty.falls(on: today), time.reminderInstant(today) <= now, done.map({ $0 < today }) ?? true {
            var body = "【\(duty.name)】\(today)（\(today.chineseWeekday)）"
            switch duty.kind {
            case .meeting: body += "召开，请按时参加。"
            case .dispatch:
                let open = try queries.briefing(place: nil, leader: nil, today: today, limit: Self.listed)
                body += "召开积案调度会。议程：逾期事项\(open.overdueCount)件、在办事项\(open.openCount)件。"
                body += briefing(title: "逾期事项", count: open.overdueCount, open.overdue)
                let oldest = Array(open.oldest.prefix(10))
                body += briefing(title: "在办时间最长的事项", count: oldest.count, oldest)
            case .bulletin:
                let period = BulletinPeriod(writtenOn: today)
                body += "编发信访工作通报（\(period.first)至\(period.last)）：xinfangctl report bulletin --from \(period.first) --to \(period.last) --format html"
            }
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
                    dedupeKey: "duty|\(duty.name)|\(today)|\(r.role.rawValue):\(r.name)", caseNumber: duty.name, unit: r.name, kind: "duty",
                    milestone: duty.kind.rawValue, due: today, recipient: r, subject: "【\(duty.name)】\(today)", body: body, fireAt: at,
                    lateBySeconds: now - at > lateAfterSeconds ? now - at : nil))
            }
            handled = today
        }
        let nextDay = duty.next(onOrAfter: time.reminderInstant(today) > now && (handled.map { $0 < today } ?? true) ? today : today.adding(days: 1))
        return TimerOutcome(reminders: reminders, nextFireAt: time.reminderInstant(nextDay), state: handled.map { String($0.number) })
    }

    // MARK: Weekly digest

    /// The next digest time at or after `now` (the digest weekday, at the reminder time).
    public func nextDigest(after now: Int64) -> Int64 {
        var day = time.day(of: now)
        while true {
            let at = time.reminderInstant(day)
            if day.isoWeekday == digestWeekday && at > now { return at }
            day = day.adding(days: 1)
        }
    }

    func fireDigest(leader: String, scheduled: Int64, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        let next = nextDigest(after: now)
        // A timer armed by a store change (0) only schedules; a digest goes out at its own time.
        guard scheduled > 0 else { return TimerOutcome(reminders: [], nextFireAt: next, state: nil) }
        let today = time.day(of: now)
        let cases = try queries.briefing(place: nil, leader: leader, today: today, limit: Self.listed)
        guard cases.openCount > 0 else { return TimerOutcome(reminders: [], nextFireAt: next, state: nil) }
        let recipient = try route(leader: leader, on: today, deputies: try queries.deputies(), queries: queries)
        var body = "【包案周报】\(leader) 包案在办信访事项\(cases.openCount)件，其中7日内到期\(cases.dueSoonCount)件、已逾期\(cases.overdueCount)件。"
        if recipient.role == .deputy { body += "\n（\(leader)不在岗，由代理人\(recipient.name)接收。）" }
        body += briefing(title: "已逾期", count: cases.overdueCount, cases.overdue)
        body += briefing(title: "7日内到期", count: cases.dueSoonCount, cases.dueSoon)
        let day = time.day(of: scheduled)
        return TimerOutcome(
            reminders: [NewReminder(
                dedupeKey: "digest|\(leader)|\(day)|\(recipient.role.rawValue):\(recipient.name)", caseNumber: "周报 \(day)", unit: leader,
                kind: "digest", milestone: "weekly", due: day, recipient: recipient,
                subject: "【包案周报】\(leader) \(day)：在办\(cases.openCount)件，7日内到期\(cases.dueSoonCount)件，逾期\(cases.overdueCount)件", body: body,
                fireAt: scheduled, lateBySeconds: now - scheduled > lateAfterSeconds ? now - scheduled : nil)],
            nextFireAt: next, state: nil)
    }

    // MARK: Acknowledgement escalation

    func fireEscalation(reminderID: Int64, now: Int64, queries: any TimerQueries) throws -> TimerOutcome {
        guard let (original, acked) = try queries.reminder(id: reminderID), !acked, original.recipient.role == .leader else {
            return TimerOutcome(reminders: [], nextFireAt: nil, state: "done")
        }
        let today = time.day(of: now)
        guard let deputy = try queries.deputies().last(where: { $0.leader == original.recipient.name && !$0.isAbsence })
            ?? queries.deputies().last(where: { $0.leader == original.recipient.name && $0.covers(today) }) else {
            return TimerOutcome(reminders: [], nextFireAt: nil, state: "no deputy")
        }
        let recipient = Recipient(role: .deputy, name: deputy.deputy, address: try queries.leaderAddress(deputy.deputy))
        return TimerOutcome(
            reminders: [NewReminder(
                dedupeKey: "escalation|\(original.dedupeKey)|deputy:\(deputy.deputy)", caseNumber: original.caseNumber, unit: original.unit,
                kind: "escalation", milestone: original.milestone, due: original.due, recipient: recipient,
                subject: "【未签收转办】" + original.subject,
                body: "\(original.recipient.name)未在规定时间内签收以下提醒（#\(original.id)），请代理人\(deputy.deputy)跟进：\n\n" + original.body,
                fireAt: now, lateBySeconds: nil)],
            nextFireAt: nil, state: "escalated")
    }

    /// The leader, or the deputy named for an absence covering `day`.
    func route(leader: String, on day: Day, deputies: [DeputyAssignment], queries: any TimerQueries) throws -> Recipient {
        if let absence = deputies.last(where: { $0.leader == leader && $0.isAbsence && $0.covers(day) }) {
            return Recipient(role: .deputy, name: absence.deputy, address: try queries.leaderAddress(absence.deputy))
        }
        return Recipient(role: .leader, name: leader, address: try queries.leaderAddress(leader))
    }
}
