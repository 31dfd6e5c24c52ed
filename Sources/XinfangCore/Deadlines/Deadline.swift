/// Where a deadline stands.
public enum DeadlineStatus: String, CaseIterable, Codable, Sendable {
    /// Running: not yet done, not yet due.
    case open
    /// Done by the due day.
    case met
    /// Not done by the due day (or done late).
    case missed
    /// Not owed: no statutory limit for the category, an option that lapsed, a case closed early…
    case notApplicable = "not_applicable"
}

/// A deadline computed from a case's timeline, with the reasoning that produced it.
public struct Deadline: Equatable, Sendable {
    public var kind: DeadlineKind
    public var status: DeadlineStatus
    /// The day the clock started (the start day itself is not counted).
    public var start: Day?
    /// The last day on which the duty can be done in time.
    public var due: Day?
    /// When the duty was done (or the window used).
    public var fulfilledOn: Day?
    /// Depends on a day without calendar data; may move when that year's notice is loaded.
    public var provisional: Bool
    public var derivation: Derivation

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(
        kind: DeadlineKind, status: DeadlineStatus, start: Day?, due: Day?, fulfilledOn: Day?,
        provisional: Bool, derivation: Derivation
    ) {
        self.kind = kind
        self.status = status
        self.start = start
        self.due = due
        self.fulfilledOn = fulfilledOn
        self.provisional = provisional
        self.derivation = derivation
    }

    /// Calendar days past due on `day` (0 when not past).
    public func daysOverdue(on day: Day) -> Int {
        guard let due, status != .met, status != .notApplicable else { return 0 }
        return max(0, (fulfilledOn ?? day) - due)
    }
}

/// Why a deadline falls where it does: enough for a user to check it by hand.
public struct Derivation: Equatable, Sendable {
    /// A holiday run that the period crossed or rolled over.
    public struct HolidayRun: Equatable, Sendable {
        public var name: String
        public var from: Day
        public var to: Day
    }

    /// An extension granted (D7).
    public struct Extension: Equatable, Sendable {
        public var days: Int
        public var grantedOn: Day
        public var approver: String
        public var reason: String
        public var article: String
    }

    /// The policy, e.g. cn-2022.
    public var policyID: String
    /// The citation, e.g. 条例2022 第34条.
    public var article: String
    /// The event that started the clock (machine name), if any.
    public var startEvent: String?
    /// The period as the rule states it.
    public var period: Period?
    /// Whether a due day on a rest day moves to the next working day.
    public var rollForward: Bool
    /// The end before rolling forward: start + period + extension + pause days.
    public var nominalEnd: Day?
    /// Holidays inside the counted span or rolled over at its end.
    public var holidays: [HolidayRun]
    /// Days the clock stood still (hearing days, first and last included).
    public var pauseDays: Int
    public var extension_: Extension?
    /// A sentence for what the numbers do not say (why not applicable, why late…).
    public var note: String?

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(
        policyID: String, article: String, startEvent: String? = nil, period: Period? = nil, rollForward: Bool = false,
        nominalEnd: Day? = nil, holidays: [HolidayRun] = [], pauseDays: Int = 0, extension_: Extension? = nil,
        note: String? = nil
    ) {
        self.policyID = policyID
        self.article = article
        self.startEvent = startEvent
        self.period = period
        self.rollForward = rollForward
        self.nominalEnd = nominalEnd
        self.holidays = holidays
        self.pauseDays = pauseDays
        self.extension_ = extension_
        self.note = note
    }
}
