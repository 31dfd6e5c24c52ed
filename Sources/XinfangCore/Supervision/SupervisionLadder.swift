/// The escalation ladder of supervision orders: which steps are due, and which units have earned a
/// yellow card. Pure: the answers depend on the rule, the orders, their events and the calendar.
///
/// Each dated duty of an order (feedback, promised completion) climbs the ladder on its own:
/// - a **reminder** `n` working days before the due day, for each `n` of `reminderWorkingDays`,
///   when that day is after the day the order was issued and before the due day;
/// - a **催办 notice** on the `urgeAfterWorkingDays`-th working day after the due day (the next working day);
/// - a **通报 recommendation** on the `bulletinAfterWorkingDays`-th working day after the due day.
/// A step is dropped once the duty is met on or before its day, or the order is closed by then.
/// A duty not met by its due day is a **breach**, dated the first day overdue (due + 1).
public struct SupervisionLadder: Sendable {
    public var rule: LadderRule

    public init(rule: LadderRule = .standard) { self.rule = rule }

    /// Every step the order's duties will reach unless they are met first, in day order: the
    /// plan as of `asOf` (events after it are not known yet).
    public func plan(for record: SupervisionRecord, calendar: WorkingCalendar, asOf: Day) -> [SupervisionStep] {
        let order = record.order
        let closed = record.closed(asOf: asOf)
        var steps: [SupervisionStep] = []
        for (obligation, due) in order.obligations {
            let met = record.fulfilled(obligation, asOf: asOf)
            func add(_ kind: SupervisionStep.Kind, _ answer: CalendarAnswer) {
                let day = answer.day
                if let met, met <= day { return }
                if let closed, closed <= day { return }
                steps.append(SupervisionStep(orderID: order.id, caseNumber: order.caseNumber, unit: order.unit, obligation: obligation,
                                             kind: kind, day: day, due: due, provisional: answer.provisional))
            }
            for n in Set(rule.reminderWorkingDays).sorted(by: >) where n > 0 {
                let answer = calendar.addingWorkingDays(-n, to: due)
                if answer.day > order.issued && answer.day < due { add(.reminder(workingDaysBefore: n), answer) }
            }
            if let n = rule.urgeAfterWorkingDays, n > 0 { add(.urge, calendar.addingWorkingDays(n, to: due)) }
            if let n = rule.bulletinAfterWorkingDays, n > 0 { add(.bulletin, calendar.addingWorkingDays(n, to: due)) }
        }
        return steps.sorted(by: SupervisionStep.inOrder)
    }

    /// The steps due by `asOf`: the plan's steps on or before it. Each carries a stable `key`, so a
    /// caller that records the keys it has acted on sends every step exactly once.
    public func dueSteps(for record: SupervisionRecord, calendar: WorkingCalendar, asOf: Day) -> [SupervisionStep] {
        plan(for: record, calendar: calendar, asOf: asOf).filter { $0.day <= asOf }
    }

    /// The order's breaches known on `asOf`: each duty not met by its due day, once its first
    /// overdue day (due + 1) has come.
    public func breaches(of record: SupervisionRecord, asOf: Day) -> [SupervisionBreach] {
        record.order.obligations.compactMap { obligation, due in
            let overdueFrom = due.adding(days: 1)
            guard overdueFrom <= asOf else { return nil }
            let met = record.fulfilled(obligation, asOf: asOf)
            if let met, met <= due { return nil }
            return SupervisionBreach(orderID: record.order.id, unit: record.order.unit, obligation: obligation, due: due,
                                     day: overdueFrom, metLate: met)
        }
    }

    /// Whether `unit` holds a yellow card (黄牌警告) on `asOf`, from all the orders given (those of
    /// other units are ignored): it does when at least K of its breaches fall within M days
    /// (`yellowCardBreaches`, `yellowCardPeriodDays`) and the last M days still hold at least K.
    /// A card runs from the K-th breach of such a run until M − 1 days after the run's first breach
    /// (overlapping runs join into one card), so `since` dates the card and keys it once.
    public func yellowCard(unit: String, records: [SupervisionRecord], asOf: Day) -> YellowCardStatus {
        let k = max(1, rule.yellowCardBreaches), m = max(1, rule.yellowCardPeriodDays)
        let all = records.filter { $0.order.unit == unit }
            .flatMap { breaches(of: $0, asOf: asOf) }
            .sorted(by: SupervisionBreach.inOrder)
        let windowStart = asOf.adding(days: -(m - 1))
        let recent = all.filter { $0.day >= windowStart }
        // Card spells: [b[i+k-1].day, b[i].day + m - 1] whenever k breaches lie within m days; join overlaps.
        var spells: [ClosedRange<Day>] = []
        if all.count >= k {
            for i in 0...(all.count - k) {
                let start = all[i + k - 1].day, end = all[i].day.adding(days: m - 1)
                guard start <= end else { continue }
                if let last = spells.last, start <= last.upperBound.adding(days: 1) {
                    spells[spells.count - 1] = last.lowerBound...max(last.upperBound, end)
                } else {
                    spells.append(start...end)
                }
            }
        }
        let current = spells.first { $0.contains(asOf) }
        return YellowCardStatus(unit: unit, asOf: asOf, recentBreaches: recent, card: current, rule: rule)
    }

    /// The yellow-card status of every unit that has a breach, by unit name.
    public func yellowCards(records: [SupervisionRecord], asOf: Day) -> [YellowCardStatus] {
        Set(records.map(\.order.unit)).sorted().map { yellowCard(unit: $0, records: records, asOf: asOf) }
            .filter { !$0.recentBreaches.isEmpty || $0.isActive }
    }
}

/// One rung of the ladder for one duty of one order.
public struct SupervisionStep: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A reminder N working days before the due day.
        case reminder(workingDaysBefore: Int)
        /// 催办通知: the due day has passed.
        case urge
        /// 通报建议: still overdue after the set number of working days.
        case bulletin

        var rank: Int {
            switch self {
            case .reminder(let n): -n
            case .urge: 1000
            case .bulletin: 1001
            }
        }

        /// Stable name for keys: `reminder-3wd`, `urge`, `bulletin`.
        public var name: String {
            switch self {
            case .reminder(let n): "reminder-\(n)wd"
            case .urge: "urge"
            case .bulletin: "bulletin"
            }
        }

        /// The step in Chinese.
        public var chineseName: String {
            switch self {
            case .reminder(let n): "到期前\(n)个工作日提醒"
            case .urge: "催办通知"
            case .bulletin: "通报建议"
            }
        }
    }

    public var orderID: String
    public var caseNumber: String?
    public var unit: String
    public var obligation: SupervisionObligation
    public var kind: Kind
    /// The day the step falls on.
    public var day: Day
    /// The due day of the duty it is about.
    public var due: Day
    /// Computed over a year without calendar data: may move when that year's notice is loaded.
    public var provisional: Bool

    public init(orderID: String, caseNumber: String?, unit: String, obligation: SupervisionObligation, kind: Kind, day: Day, due: Day,
                provisional: Bool) {
        self.orderID = orderID
        self.caseNumber = caseNumber
        self.unit = unit
        self.obligation = obligation
        self.kind = kind
        self.day = day
        self.due = due
        self.provisional = provisional
    }

    /// The dedupe key: `supervision:ORDER:feedback|completion:reminder-3wd|urge|bulletin:DUE`. The
    /// due day is part of it, so a changed due date climbs a fresh ladder.
    public var key: String { "supervision:\(orderID):\(obligation.rawValue):\(kind.name):\(due)" }

    /// By day, then feedback before completion, then reminders before 催办 before 通报.
    static func inOrder(_ a: SupervisionStep, _ b: SupervisionStep) -> Bool {
        if a.day != b.day { return a.day < b.day }
        if a.obligation != b.obligation { return a.obligation == .feedback }
        return a.kind.rank < b.kind.rank
    }
}

/// A duty of an order not met by its due day.
public struct SupervisionBreach: Hashable, Sendable {
    public var orderID: String
    public var unit: String
    public var obligation: SupervisionObligation
    public var due: Day
    /// The first day overdue (due + 1): the day the breach counts from.
    public var day: Day
    /// When the duty was met after all, if it was.
    public var metLate: Day?

    // Swift gives a public struct no public memberwise init: written out, like ReceptionRule's (same shape, other fields).
    public init(orderID: String, unit: String, obligation: SupervisionObligation, due: Day, day: Day, metLate: Day? = nil) {
        self.orderID = orderID
        self.unit = unit
        self.obligation = obligation
        self.due = due
        self.day = day
        self.metLate = metLate
    }

    /// By day, then order id, feedback before completion.
    static func inOrder(_ a: SupervisionBreach, _ b: SupervisionBreach) -> Bool {
        if a.day != b.day { return a.day < b.day }
        if a.orderID != b.orderID { return a.orderID < b.orderID }
        return a.obligation == .feedback && b.obligation == .completion
    }
}

/// A unit's yellow-card (黄牌警告) standing on a day.
public struct YellowCardStatus: Hashable, Sendable {
    public var unit: String
    public var asOf: Day
    /// The unit's breaches within the last M days up to `asOf`, oldest first.
    public var recentBreaches: [SupervisionBreach]
    /// The card's spell containing `asOf`, when the unit holds one: from the day it was earned to
    /// the last day it holds unless new breaches extend it.
    public var card: ClosedRange<Day>?
    /// The rule it was judged by.
    public var rule: LadderRule

    public init(unit: String, asOf: Day, recentBreaches: [SupervisionBreach], card: ClosedRange<Day>?, rule: LadderRule) {
        self.unit = unit
        self.asOf = asOf
        self.recentBreaches = recentBreaches
        self.card = card
        self.rule = rule
    }

    /// Whether the unit holds a yellow card on `asOf`.
    public var isActive: Bool { card != nil }
    /// The day the card was earned.
    public var since: Day? { card?.lowerBound }
    /// The dedupe key of the card: `yellow-card:UNIT:SINCE`; nil when there is none.
    public var key: String? { since.map { "yellow-card:\(unit):\($0)" } }
}
