/// What a supervision order (督查督办) is.
public enum SupervisionKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// 督办: the bureau supervises the handling of a case or a unit's work (条例2022 第40条).
    case supervise = "督办"
    /// 催办: a reminder order on a case that is lagging.
    case urge = "催办"
    /// 改进建议: improvement suggestions to a unit, answered in writing.
    case suggestion = "改进建议"
}

/// A supervision order (督办单): it names a case (or a unit alone), the issuing body, and the dates
/// the unit answers for: written feedback (反馈) and often a promised completion (承诺办结期限).
public struct SupervisionOrder: Hashable, Sendable {
    /// The order's number, e.g. 督字〔2025〕12号; unique, used in dedupe keys.
    public var id: String
    /// The case it is about; nil when it names the unit alone.
    public var caseNumber: String?
    /// The unit that answers for it (the case's handling unit, or the unit named): yellow cards count per unit.
    public var unit: String
    public var kind: SupervisionKind
    /// The issuing body, e.g. 县信访局 or 县委督查室.
    public var issuedBy: String
    public var issued: Day
    /// The day written feedback is due by; nil when none was set.
    public var feedbackDue: Day?
    /// The day the unit promised to finish by (承诺办结期限); nil when none.
    public var promisedCompletion: Day?

    public init(id: String, caseNumber: String? = nil, unit: String, kind: SupervisionKind, issuedBy: String, issued: Day,
                feedbackDue: Day? = nil, promisedCompletion: Day? = nil) {
        self.id = id
        self.caseNumber = caseNumber
        self.unit = unit
        self.kind = kind
        self.issuedBy = issuedBy
        self.issued = issued
        self.feedbackDue = feedbackDue
        self.promisedCompletion = promisedCompletion
    }

    /// The dated duties of the order: feedback, then completion, each when set.
    public var obligations: [(obligation: SupervisionObligation, due: Day)] {
        var out: [(obligation: SupervisionObligation, due: Day)] = []
        if let feedbackDue { out.append((.feedback, feedbackDue)) }
        if let promisedCompletion { out.append((.completion, promisedCompletion)) }
        return out
    }

    /// Checks an order: an id, a unit, an issuer, and due days not before the day it was issued.
    public func validate(source: String = "<memory>", line: Int? = nil) -> [InputError] {
        var errors: [InputError] = []
        func fail(_ field: String, _ reason: String) { errors.append(InputError(file: source, line: line, field: field, reason: reason)) }
        if id.isEmpty { fail("id", "an order needs an id") }
        if unit.isEmpty { fail("unit", "an order needs the unit it supervises") }
        if issuedBy.isEmpty { fail("issued_by", "an order needs its issuing body") }
        if let caseNumber, caseNumber.isEmpty { fail("case", "an empty case number") }
        if let feedbackDue, feedbackDue < issued { fail("feedback_due", "\(feedbackDue) is before the order was issued (\(issued))") }
        if let promisedCompletion, promisedCompletion < issued {
            fail("promised_completion", "\(promisedCompletion) is before the order was issued (\(issued))")
        }
        return errors
    }
}

/// A dated duty under an order.
public enum SupervisionObligation: String, CaseIterable, Hashable, Sendable, Codable {
    /// Written feedback by `feedbackDue`; met by the first feedback received (or the order's closing).
    case feedback
    /// Completion by `promisedCompletion` (承诺办结); met by the order's closing.
    case completion

    /// The duty in Chinese.
    public var chineseName: String {
        switch self {
        case .feedback: "书面反馈"
        case .completion: "承诺办结"
        }
    }
}

/// What happened to an order after it was issued.
public enum SupervisionEvent: Hashable, Sendable {
    /// The unit's written feedback came in.
    case feedbackReceived(on: Day)
    /// The matter is done and the order closed (办结销号): every duty ends.
    case closed(on: Day)

    /// The day it happened.
    public var day: Day {
        switch self {
        case .feedbackReceived(let day), .closed(let day): day
        }
    }
}

/// An order and everything that happened to it.
public struct SupervisionRecord: Hashable, Sendable {
    public var order: SupervisionOrder
    public var events: [SupervisionEvent]

    public init(order: SupervisionOrder, events: [SupervisionEvent] = []) {
        self.order = order
        self.events = events
    }

    /// The first day `obligation` was met, counting only events on or before `asOf`: the first
    /// feedback or the closing for feedback, the closing for completion; nil when not (yet) met.
    public func fulfilled(_ obligation: SupervisionObligation, asOf: Day) -> Day? {
        var first: Day?
        for event in events where event.day <= asOf {
            let counts: Bool
            switch (event, obligation) {
            case (.closed, _): counts = true
            case (.feedbackReceived, .feedback): counts = true
            case (.feedbackReceived, .completion): counts = false
            }
            if counts, first.map({ event.day < $0 }) ?? true { first = event.day }
        }
        return first
    }

    /// The day the order was closed, if on or before `asOf`.
    public func closed(asOf: Day) -> Day? {
        events.compactMap { event -> Day? in
            if case .closed(let day) = event, day <= asOf { return day }
            return nil
        }.min()
    }
}
