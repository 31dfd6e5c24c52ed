/// Applies a policy's rule book to case timelines with a working-day calendar.
///
/// Every answer is a pure function of (timeline, rules, calendar, as-of day): nothing is stored,
/// nothing read from outside. The as-of day only decides between `open` and `missed` and how far
/// a hearing still in progress has paused the 复核 clock.
public struct DeadlineEngine: Sendable {
    public let rules: RuleBook
    public let calendar: WorkingCalendar

    public init(rules: RuleBook, calendar: WorkingCalendar) {
        self.rules = rules
        self.calendar = calendar
    }

    /// The due day of a period started on `start`, lengthened by `extraDays` (an extension) and
    /// `pauseDays` (hearing days) before the roll-forward, which applies to the final day only.
    /// Nil for a date set by the assigning body.
    public func due(of rule: DeadlineRule, from start: Day, extraDays: Int = 0, pauseDays: Int = 0)
        -> (answer: CalendarAnswer, nominalEnd: Day)?
    {
        switch rule.period {
        case .calendarDays(let n):
            let nominal = start.adding(days: n + extraDays + pauseDays)
            return (calendar.addingCalendarDays(0, to: nominal, rollForward: rule.rollForward), nominal)
        case .workingDays(let n):
            let answer = calendar.addingWorkingDays(n + extraDays, to: start.adding(days: pauseDays))
            return (answer, answer.day)
        case .setByAssigningBody:
            return nil
        }
    }

    /// Every deadline the timeline has started, in D1…D11 order, with status as of `asOf`.
    public func deadlines(for timeline: CaseTimeline, asOf: Day) -> [Deadline] {
        let s = timeline.summary
        let facts = timeline.facts
        var out: [Deadline] = []

        func add(_ kind: DeadlineKind, from start: Day, startEvent: String, fulfilledOn: Day?,
                 extension_: Derivation.Extension? = nil, pauseDays: Int = 0, settled: Day? = nil)
        {
            guard let rule = rules.rule(kind, for: facts.category) else {
                // A kind the policy does not know at all is simply not tracked; a kind it limits
                // for other categories only is shown as not applicable, with the reason.
                guard rules.rules[kind]?.isEmpty == false else { return }
                out.append(Deadline(
                    kind: kind, status: .notApplicable, start: start, due: nil, fulfilledOn: fulfilledOn, provisional: false,
                    derivation: Derivation(policyID: rules.policyID, article: noLimitArticle, startEvent: startEvent,
                                           note: "\(rules.policyID) sets no time limit for \(facts.category.rawValue)类 (\(kind.rawValue))")))
                return
            }
            guard let (answer, nominal) = due(of: rule, from: start, extraDays: extension_?.days ?? 0, pauseDays: pauseDays) else { return }
            let skipped: [Derivation.HolidayRun]
            switch rule.period {
            case .workingDays: skipped = runs(from: start.adding(days: 1), through: answer.day)
            default: skipped = runs(from: nominal, through: answer.day)
            }
            let (status, note) = self.status(kind, due: answer.day, fulfilledOn: fulfilledOn, settled: settled,
                                             closed: s.closed, asOf: asOf)
            out.append(Deadline(
                kind: kind, status: status, start: start, due: answer.day, fulfilledOn: fulfilledOn,
                provisional: answer.provisional,
                derivation: Derivation(
                    policyID: rules.policyID, article: rule.article, startEvent: startEvent, period: rule.period,
                    rollForward: rule.rollForward, nominalEnd: nominal, holidays: skipped, pauseDays: pauseDays,
                    extension_: extension_, note: note)))
        }

        // D1 / D2: the first office to receive the petition.
        if let received = s.received {
            switch facts.intake {
            case .bureau:
                add(.registration, from: received, startEvent: EventType.received.key, fulfilledOn: min(s.firstHandOff, s.decision?.on))
            case .organ where facts.contactKnown:
                add(.intakeNotice, from: received, startEvent: EventType.received.key, fulfilledOn: s.decision?.on)
            case .organ:
                out.append(Deadline(
                    kind: .intakeNotice, status: .notApplicable, start: received, due: nil, fulfilledOn: nil, provisional: false,
                    derivation: Derivation(policyID: rules.policyID, article: rules.rule(.intakeNotice, for: facts.category)?.article ?? noLimitArticle,
                                           startEvent: EventType.received.key, note: "name or address unclear: no written notice owed")))
            }
        }
        // D3 / D4: the organ that received the latest forward or assignment.
        if let handOff = s.lastHandOff {
            let decided = s.decision.flatMap { $0.on >= handOff ? $0.on : nil }
            add(.forwardNotice, from: handOff, startEvent: EventType.forwarded.key, fulfilledOn: decided)
            add(.remitObjection, from: handOff, startEvent: EventType.forwarded.key, fulfilledOn: s.objected, settled: decided)
        }
        // D5: the report date the assigning body set.
        if let assignment = s.assignment, let rule = rules.rule(.assignedReport, for: facts.category) {
            let reported = s.resultReported.flatMap { $0 >= assignment.on ? $0 : nil }
            let (status, note) = self.status(.assignedReport, due: assignment.reportDue, fulfilledOn: reported, settled: nil,
                                             closed: s.closed, asOf: asOf)
            out.append(Deadline(
                kind: .assignedReport, status: status, start: assignment.on, due: assignment.reportDue, fulfilledOn: reported,
                provisional: false,
                derivation: Derivation(policyID: rules.policyID, article: rule.article, startEvent: EventType.assigned.key,
                                       period: .setByAssigningBody, note: note)))
        }
        // D6 (+D7): handling, from acceptance.
        if let decision = s.decision, decision.accepted {
            let ext = s.extension_.map {
                Derivation.Extension(days: $0.days, grantedOn: $0.on, approver: $0.approver, reason: $0.reason,
                                     article: rules.handlingExtension?.article ?? "")
            }
            add(.handling, from: decision.on, startEvent: EventType.accepted.key, fulfilledOn: s.opinionIssued, extension_: ext)
        }
        // D8–D11: 复查 and 复核.
        if let received = s.opinionReceived {
            add(.reviewWindow, from: received, startEvent: EventType.opinionReceived.key, fulfilledOn: s.reviewRequested)
        }
        if let requested = s.reviewRequested {
            add(.reviewAnswer, from: requested, startEvent: EventType.reviewRequested.key, fulfilledOn: s.reviewAnswered)
        }
        if let answered = s.reviewAnswered {
            add(.recheckWindow, from: answered, startEvent: EventType.reviewAnswered.key, fulfilledOn: s.recheckRequested)
        }
        if let requested = s.recheckRequested {
            let excludes = rules.rule(.recheckAnswer, for: facts.category)?.excludesHearingDays ?? false
            let pause = excludes ? hearingDays(s.hearings, asOf: asOf) : 0
            add(.recheckAnswer, from: requested, startEvent: EventType.recheckRequested.key, fulfilledOn: s.recheckAnswered, pauseDays: pause)
        }
        return out
    }

    /// Hearing days so far, first and last day included; a hearing in progress counts through `asOf`.
    func hearingDays(_ hearings: [TimelineSummary.Hearing], asOf: Day) -> Int {
        hearings.reduce(0) { total, h in
            let end = h.end ?? asOf
            return total + max(0, end - h.start + 1)
        }
    }

    private var noLimitArticle: String { rules.noLimitArticle }

    private func runs(from: Day, through to: Day) -> [Derivation.HolidayRun] {
        calendar.holidays(from: from, through: to).map { Derivation.HolidayRun(name: $0.name, from: $0.from, to: $0.to) }
    }

    /// The status of one deadline, and a note when the status needs one.
    /// - settled: a day after which an option no longer matters (D4 after a decision on acceptance).
    private func status(_ kind: DeadlineKind, due: Day, fulfilledOn: Day?, settled: Day?, closed: Day?, asOf: Day)
        -> (DeadlineStatus, String?)
    {
        if let done = fulfilledOn {
            if done <= due { return (.met, nil) }
            let late = done - due
            return kind.party == .petitioner
                ? (.missed, "request \(late) day(s) after the window closed: recorded, marked late")
                : (.missed, "done \(late) day(s) late")
        }
        if let settled, settled <= due { return (.notApplicable, "decided on acceptance on \(settled) without objection") }
        if let closed, closed <= due { return (.notApplicable, "case closed on \(closed) before the due day") }
        if asOf <= due { return (.open, nil) }
        switch kind.party {
        case .office: return (.missed, nil)
        case .officeOption: return (.notApplicable, "no objection within the period: the option lapsed")
        case .petitioner: return (.notApplicable, "window closed without a request")
        }
    }
}

private func min(_ a: Day?, _ b: Day?) -> Day? {
    switch (a, b) {
    case let (a?, b?): Swift.min(a, b)
    case let (a?, nil): a
    case let (nil, b?): b
    case (nil, nil): nil
    }
}
