/// The time a petitioner has to evaluate the answer (满意度评价), and the evaluation state of a case
/// derived from its events. The window's length and source are policy data (`XinfangPolicy`).
///
/// The window opens when the petitioner receives the written opinion (`opinion_received`); when
/// that receipt is not recorded, on the day the opinion was issued (`opinion_issued`: the national
/// system publishes it and sends the 查询码 then), or on the day of a 不予受理 decision (which may be
/// evaluated too). It lasts `days` calendar days, the opening day not counted, the last day rolled
/// forward off rest days and holidays when `rollForward` (docs/domain.md#counting-days).
public struct EvaluationWindow: Hashable, Sendable {
    /// Calendar days from the opening day.
    public var days: Int
    /// A last day on a rest day or holiday moves to the next working day.
    public var rollForward: Bool
    /// Where the period comes from (document and article), printed with the state.
    public var source: String

    public init(days: Int, rollForward: Bool = true, source: String) {
        self.days = days
        self.rollForward = rollForward
        self.source = source
    }

    /// The day the window opens for this timeline, or nil while there is nothing to evaluate.
    public func opened(_ summary: TimelineSummary) -> Day? {
        if let received = summary.opinionReceived { return received }
        if let issued = summary.opinionIssued { return issued }
        if let decision = summary.decision, !decision.accepted { return decision.on }
        return nil
    }

    /// The last day on which an evaluation is in time, for a window opened on `opened`.
    public func due(opened: Day, calendar: WorkingCalendar) -> Day {
        calendar.addingCalendarDays(days, to: opened, rollForward: rollForward).day
    }

    /// The evaluation state of `timeline` at the end of `asOf` (events after `asOf` are not seen),
    /// or nil when nothing can be evaluated yet.
    public func status(of timeline: CaseTimeline, calendar: WorkingCalendar, asOf: Day) -> EvaluationStatus? {
        let seen = TimelineSummary(timeline.events.filter { $0.on <= asOf })
        guard let opened = opened(seen) else { return nil }
        let due = due(opened: opened, calendar: calendar)
        if let event = timeline.events.first(where: { $0.on <= asOf && $0.kind.isEvaluation }), case .evaluated(let rating) = event.kind {
            return .evaluated(rating, on: event.on, opened: opened, due: due)
        }
        return asOf > due ? .lapsed(opened: opened, due: due) : .pending(opened: opened, due: due)
    }
}

/// Where a case stands in its satisfaction evaluation.
public enum EvaluationStatus: Hashable, Sendable {
    /// 待评价: the window is open; the petitioner may evaluate through `due`.
    case pending(opened: Day, due: Day)
    /// 已评价: evaluated on `on`; late (逾期评价) when `on` is after `due`.
    case evaluated(Rating, on: Day, opened: Day, due: Day)
    /// 超期未评价: the window closed on `due` without an evaluation.
    case lapsed(opened: Day, due: Day)

    /// The Chinese name of the state: 待评价, 已评价, 超期未评价.
    public var chineseName: String {
        switch self {
        case .pending: "待评价"
        case .evaluated: "已评价"
        case .lapsed: "超期未评价"
        }
    }

    /// The machine name: pending, evaluated, lapsed.
    public var name: String {
        switch self {
        case .pending: "pending"
        case .evaluated: "evaluated"
        case .lapsed: "lapsed"
        }
    }

    /// The last day of the window.
    public var due: Day {
        switch self {
        case .pending(_, let due), .evaluated(_, _, _, let due), .lapsed(_, let due): due
        }
    }

    /// Days an evaluation came after the window (nil when in time or not evaluated).
    public var lateByDays: Int? {
        guard case .evaluated(_, let on, _, let due) = self, on > due else { return nil }
        return on - due
    }
}

extension CaseEvent.Kind {
    /// An `evaluated` event (满意度评价).
    public var isEvaluation: Bool {
        if case .evaluated = self { return true }
        return false
    }
}
