public import XinfangCore

/// What a principal's scope is judged on: the unit a case belongs to and its owning leader (包案领导).
public struct CaseScope: Equatable, Sendable {
    /// The handling unit (承办单位).
    public var unit: String
    /// The owning leader (包案领导), if any.
    public var leader: String?

    public init(unit: String, leader: String?) {
        self.unit = unit
        self.leader = leader
    }
}

/// The scope of a stored case, for the access rules (`Principal.canSee` …).
public protocol CaseScopes: Sendable {
    /// The unit and owning leader of the case, nil when unknown.
    func caseScope(number: String) throws -> CaseScope?
}

/// Petitioners' personal data, opened only on an explicit request that is audited.
public protocol PersonalDataStore: Sendable {
    /// The petitioner's contact kept with the case (nil: none kept), read in one transaction with an
    /// audit row `case.personal.view` naming `actor` and the case number only (no personal data).
    /// Throws for an unknown case, writing nothing.
    func openPetitioner(caseNumber: String, actor: String) throws -> PetitionerContact?
}

/// The supervision orders (督办单) a store keeps, and their feedback and closure.
public protocol SupervisionStore: Sendable {
    /// Records a validated order; refuses an unknown unit or case and a taken id (writing nothing).
    func addSupervisionOrder(_ order: SupervisionOrder, actor: String) throws
    /// Records feedback or closure of an order; refuses an unknown order.
    func addSupervisionEvent(orderID: String, _ event: SupervisionEvent, actor: String) throws
    /// Every order with its events, by issue day and id.
    func supervisionRecords() throws -> [SupervisionRecord]
}

/// A response kept under an idempotency key: its HTTP status and JSON body, returned as is to a replay.
public struct StoredResponse: Equatable, Sendable {
    /// The HTTP status, e.g. 201, or 422 for a refusal by the rules.
    public var status: Int
    /// The JSON body, as sent.
    public var body: String

    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}

/// An `Idempotency-Key` as a store keeps it: per actor, with the SHA-256 (hex) of the request body.
public struct IdempotencyKey: Equatable, Sendable {
    /// Whose key it is (`Principal.actor`): keys of different principals never meet.
    public var actor: String
    /// The `Idempotency-Key` header's value.
    public var key: String
    /// The SHA-256 of the request body, lowercase hex.
    public var bodySHA256: String

    public init(actor: String, key: String, bodySHA256: String) {
        self.actor = actor
        self.key = key
        self.bodySHA256 = bodySHA256
    }
}

/// What the policy check made of an event: recorded (its seq and acceptance), or refused.
public enum AppendOutcome: Equatable, Sendable {
    /// Appended as `seq` (late or not, as `acceptance` says).
    case recorded(seq: Int, acceptance: EventAcceptance)
    /// Refused by the rule it breaks; nothing appended.
    case refused(RefusedEvent)
}

/// What an idempotent write did.
public enum IdempotentWrite: Equatable, Sendable {
    /// This request ran: its event (if the check accepted it) and its response were stored together.
    case written(StoredResponse)
    /// The key's first response, returned as it was; nothing written.
    case replayed(StoredResponse)
    /// The key was used before with another request body; nothing written.
    case keyReused
}

/// Events appended once per idempotency key (`POST /api/v1/cases/{n}/events`).
public protocol IdempotentEventStore: Sendable {
    /// In one transaction: answers the key's stored response when it has one (or `keyReused` when
    /// its body differs); otherwise appends the event when `check` accepts it (a `RefusedEvent`
    /// thrown by `check` is a refusal, which writes no event) and stores `respond(outcome)` under the
    /// key, created at `now`. Keys created more than 24 hours before `now` are purged first. Any
    /// other error writes nothing.
    func appendEvent(
        caseNumber: String, event: CaseEvent, note: String?, actor: String, key: IdempotencyKey, now: Int64,
        check: (CaseTimeline, CaseEvent) throws -> EventAcceptance,
        respond: (AppendOutcome) throws -> StoredResponse
    ) throws -> IdempotentWrite
}

/// The open cases, walked one by one (supervision proposals).
public protocol OpenCaseReads: Sendable {
    /// Every open case (optionally of one unit), inside one read transaction: `body` must not call the store.
    func forEachOpenCase(unit: String?, _ body: (StoredCase) throws -> Void) throws
}

/// What a leader's (or a clerk's) 我的 page reads besides the dashboard and the directory.
public protocol MyPageReads: Sendable {
    /// Reminders not yet acknowledged (未签收) whose recipient is one of `recipients` (a leader, a
    /// deputy, a unit: by name), newest first, at most `limit`.
    func unackedReminders(recipients: [String], limit: Int) throws -> [ReminderState]
    /// The open cases at a place or of a leader, with counts (a reception day's briefing).
    func briefing(place: String?, leader: String?, today: Day, limit: Int) throws -> Briefing
    /// Every deputy assignment (standing, and absences with their days).
    func deputies() throws -> [DeputyAssignment]
}
