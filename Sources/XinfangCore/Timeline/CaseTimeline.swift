/// A case: its facts and its events in date order, starting with `received`.
///
/// A timeline only grows through `DeadlineEngine.append(_:to:)`, which refuses events that break
/// the rules; deadlines are a pure function of it (see `DeadlineEngine.deadlines(for:asOf:)`).
public struct CaseTimeline: Equatable, Sendable {
    public var facts: CaseFacts
    /// Events in the order they were accepted; `events[0]` is `received` on `facts.received`.
    public private(set) var events: [CaseEvent]

    /// A new case with its `received` event.
    public init(facts: CaseFacts) {
        self.facts = facts
        self.events = [CaseEvent(.received, on: facts.received)]
    }

    /// This timeline with `event` appended, unchecked. Call it only with an event a policy's
    /// `check` accepted; `DeadlineEngine.append(_:to:)` does both.
    public func appending(checked event: CaseEvent) -> CaseTimeline {
        var copy = self
        copy.events.append(event)
        return copy
    }

    /// What the events say, gathered in one pass.
    public var summary: TimelineSummary { TimelineSummary(events) }
}

/// The facts a timeline's events establish, gathered in one pass for the rules and the deadlines.
public struct TimelineSummary: Sendable {
    public struct Hearing: Equatable, Sendable {
        public var start: Day
        public var end: Day?
    }

    public struct Extension: Equatable, Sendable {
        public var on: Day
        public var days: Int
        public var approver: String
        public var reason: String
    }

    public var received: Day?
    /// The first forward or assignment (it fulfils D1).
    public var firstHandOff: Day?
    /// The latest forward or assignment (it starts D3 and D4).
    public var lastHandOff: Day?
    /// An objection after the latest hand-off.
    public var objected: Day?
    /// The latest assignment with a report date set by the assigning body.
    public var assignment: (on: Day, reportDue: Day)?
    public var resultReported: Day?
    /// The decision on acceptance and whether it was 受理.
    public var decision: (on: Day, accepted: Bool)?
    public var extension_: Extension?
    public var opinionIssued: Day?
    public var opinionReceived: Day?
    public var reviewRequested: Day?
    public var reviewAnswered: Day?
    public var recheckRequested: Day?
    public var recheckAnswered: Day?
    public var hearings: [Hearing] = []
    public var evaluated: Day?
    public var closed: Day?
    public var lastEventDay: Day?

    public init(_ events: [CaseEvent]) {
        for event in events { record(event) }
    }

    /// Folds one more event in.
    public mutating func record(_ event: CaseEvent) {
        let day = event.on
        lastEventDay = day
        switch event.kind {
        case .received: received = received ?? day
        case .forwarded, .assigned:
            firstHandOff = firstHandOff ?? day
            lastHandOff = day
            objected = nil
            if case .assigned(_, let due?) = event.kind { assignment = (day, due) }
        case .objected: objected = day
        case .accepted: decision = decision ?? (day, true)
        case .notAccepted: decision = decision ?? (day, false)
        case .extensionGranted(let days, let approver, let reason):
            extension_ = extension_ ?? Extension(on: day, days: days, approver: approver, reason: reason)
        case .opinionIssued: opinionIssued = opinionIssued ?? day
        case .opinionReceived: opinionReceived = opinionReceived ?? day
        case .resultReported: resultReported = resultReported ?? day
        case .reviewRequested: reviewRequested = reviewRequested ?? day
        case .reviewAnswered: reviewAnswered = reviewAnswered ?? day
        case .recheckRequested: recheckRequested = recheckRequested ?? day
        case .hearingStarted: hearings.append(Hearing(start: day, end: nil))
        case .hearingEnded: if !hearings.isEmpty { hearings[hearings.count - 1].end = day }
        case .recheckAnswered: recheckAnswered = recheckAnswered ?? day
        case .closed: closed = closed ?? day
        case .evaluated: evaluated = evaluated ?? day
        }
    }

    /// A hearing that started and has not ended.
    public var hearingInProgress: Bool { hearings.last.map { $0.end == nil } ?? false }

}
