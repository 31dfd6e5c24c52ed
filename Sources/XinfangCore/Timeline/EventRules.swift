/// An event the rules do not allow, with the rule it breaks.
public struct RefusedEvent: Error, Equatable, Sendable, CustomStringConvertible {
    /// The citation or house rule broken, e.g. "条例2022 第34条".
    public var rule: String
    /// What is wrong, naming the case by number only.
    public var reason: String

    public init(rule: String, reason: String) {
        self.rule = rule
        self.reason = reason
    }

    public var description: String { "\(reason) (\(rule))" }
}

/// What accepting an event means beyond "recorded".
public struct EventAcceptance: Equatable, Sendable {
    /// For a 复查/复核 request after its window: calendar days late. Such a request is recorded but
    /// marked late, never silently accepted as on time.
    public var lateByDays: Int?

    public init(lateByDays: Int? = nil) { self.lateByDays = lateByDays }
}

extension DeadlineEngine {
    /// Appends `event` to the timeline when the rules allow it; otherwise throws the rule it breaks
    /// and leaves the timeline unchanged.
    @discardableResult
    public func append(_ event: CaseEvent, to timeline: inout CaseTimeline) throws(RefusedEvent) -> EventAcceptance {
        let acceptance = try check(event, against: timeline)
        timeline = timeline.appending(checked: event)
        return acceptance
    }

    /// Whether `event` may follow the timeline's events: the sequence rules of 条例2022 第22–36条
    /// and the house rules (date order, nothing after 办结).
    public func check(_ event: CaseEvent, against timeline: CaseTimeline) throws(RefusedEvent) -> EventAcceptance {
        let s = timeline.summary
        let number = timeline.facts.number
        let day = event.on
        let cite = articles
        func refuse(_ rule: String, _ reason: String) -> RefusedEvent {
            RefusedEvent(rule: rule, reason: "\(number): \(event.kind.name) on \(day) refused: \(reason)")
        }

        if let closed = s.closed { throw refuse("办结后不再接收事件", "the case was closed on \(closed)") }
        if let last = s.lastEventDay, day < last {
            throw refuse("事件按日期顺序记录", "it is dated before the previous event (\(last))")
        }
        if let final = s.recheckAnswered {
            switch event.kind {
            case .reviewRequested, .recheckRequested, .hearingStarted:
                throw refuse(cite.recheck, "the 复核 opinion of \(final) is final; no further review on the same facts")
            default: break
            }
        }

        switch event.kind {
        case .received:
            throw refuse("每件信访事项只收到一次", "the case was already received on \(s.received.map(String.init(describing:)) ?? "?")")
        case .forwarded, .assigned:
            if let decision = s.decision {
                throw refuse(cite.notice, "the case was already \(decision.accepted ? "accepted" : "refused") on \(decision.on)")
            }
        case .objected:
            guard let handOff = s.lastHandOff else { throw refuse(cite.notice, "nothing was forwarded or assigned to object to") }
            if let decision = s.decision, decision.on >= handOff {
                throw refuse(cite.notice, "the receiving organ already decided on acceptance on \(decision.on)")
            }
            if s.objected != nil { throw refuse(cite.notice, "an objection to this forward was already recorded") }
        case .accepted, .notAccepted:
            if let decision = s.decision {
                throw refuse(cite.notice, "acceptance was already decided on \(decision.on)")
            }
        case .extensionGranted(let days, _, _):
            try checkExtension(days: days, on: day, timeline: timeline, s, refuse)
        case .opinionIssued:
            guard s.decision?.accepted == true else { throw refuse(cite.handling, "the case has not been accepted (受理)") }
            if let issued = s.opinionIssued { throw refuse(cite.handling, "the opinion was already issued on \(issued)") }
        case .opinionReceived:
            guard s.opinionIssued != nil else { throw refuse(cite.review, "no opinion was issued yet") }
            if s.opinionReceived != nil { throw refuse(cite.review, "receipt of the opinion was already recorded") }
        case .resultReported:
            guard s.assignment != nil || s.lastHandOff != nil else { throw refuse(cite.registration, "the case was not assigned (交办)") }
            if s.resultReported != nil { throw refuse(cite.registration, "the result was already reported") }
        case .reviewRequested:
            guard s.opinionIssued != nil else { throw refuse(cite.review, "a 复查 request needs a written opinion (处理意见书) first") }
            if let requested = s.reviewRequested { throw refuse(cite.review, "复查 was already requested on \(requested)") }
            return EventAcceptance(lateByDays: lateness(.reviewWindow, start: s.opinionReceived, request: day, timeline))
        case .reviewAnswered:
            guard s.reviewRequested != nil else { throw refuse(cite.review, "an answer before its request: no 复查 was requested") }
            if s.reviewAnswered != nil { throw refuse(cite.review, "the 复查 was already answered") }
        case .recheckRequested:
            guard s.reviewAnswered != nil else { throw refuse(cite.recheck, "a 复核 request needs a 复查 opinion first") }
            if let requested = s.recheckRequested { throw refuse(cite.recheck, "复核 was already requested on \(requested)") }
            return EventAcceptance(lateByDays: lateness(.recheckWindow, start: s.reviewAnswered, request: day, timeline))
        case .hearingStarted:
            guard s.recheckRequested != nil else { throw refuse(cite.recheck, "a hearing (听证) belongs to a 复核 and none was requested") }
            if s.hearingInProgress { throw refuse(cite.recheck, "a hearing is already in progress") }
        case .hearingEnded:
            guard s.hearingInProgress else { throw refuse(cite.recheck, "an end before its start: no hearing is in progress") }
        case .recheckAnswered:
            guard s.recheckRequested != nil else { throw refuse(cite.recheck, "an answer before its request: no 复核 was requested") }
            if s.hearingInProgress { throw refuse(cite.recheck, "the hearing must end before the 复核 is answered") }
            if s.recheckAnswered != nil { throw refuse(cite.recheck, "the 复核 was already answered") }
        case .closed:
            break
        case .evaluated:
            guard s.opinionIssued != nil || s.decision?.accepted == false else {
                throw refuse(cite.handling, "there is no answer to evaluate yet")
            }
            if s.evaluated != nil { throw refuse(cite.handling, "the answer was already evaluated") }
        }
        return EventAcceptance(lateByDays: nil)
    }

    private func checkExtension(
        days: Int, on day: Day, timeline: CaseTimeline, _ s: TimelineSummary,
        _ refuse: (String, String) -> RefusedEvent
    ) throws(RefusedEvent) {
        let cite = articles
        guard let ext = rules.handlingExtension else { throw refuse(cite.handling, "\(rules.policyID) allows no extension") }
        guard let decision = s.decision, decision.accepted else {
            throw refuse(ext.article, "there is no handling period to extend: the case has not been accepted (受理)")
        }
        guard let rule = rules.rule(.handling, for: timeline.facts.category), let (original, _) = due(of: rule, from: decision.on) else {
            throw refuse(ext.article, "\(timeline.facts.category.rawValue)类 has no statutory handling period to extend")
        }
        if let previous = s.extension_ {
            throw refuse(ext.article, "the handling period may be extended once, and was extended on \(previous.on)")
        }
        if days < 1 || days > ext.maxDays {
            throw refuse(ext.article, "an extension is 1 to \(ext.maxDays) days, not \(days)")
        }
        if s.opinionIssued != nil { throw refuse(ext.article, "the opinion was already issued") }
        if day > original.day {
            throw refuse(ext.article, "an extension must be granted by the due day \(original.day); it is \(day - original.day) day(s) late")
        }
    }

    /// Days after the window's due day, or nil when in time or the window's start is unknown.
    private func lateness(_ kind: DeadlineKind, start: Day?, request: Day, _ timeline: CaseTimeline) -> Int? {
        guard let start, let rule = rules.rule(kind, for: timeline.facts.category),
              let (answer, _) = due(of: rule, from: start), request > answer.day else { return nil }
        return request - answer.day
    }

    /// The articles to cite, taken from the policy's own rules so a refusal names the policy in force.
    private var articles: (registration: String, notice: String, handling: String, review: String, recheck: String) {
        func article(_ kind: DeadlineKind) -> String {
            rules.rules[kind]?.first?.article ?? rules.policyID
        }
        return (article(.registration), article(.forwardNotice), article(.handling), article(.reviewAnswer), article(.recheckAnswer))
    }
}
