public import XinfangCore

/// A case row of an import file.
public struct ImportCase: Sendable {
    public var facts: CaseFacts
    public var petitioner: PetitionerContact?
    public var line: Int
    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(facts: CaseFacts, petitioner: PetitionerContact?, line: Int) {
        self.facts = facts
        self.petitioner = petitioner
        self.line = line
    }
}

/// An event row of an import file: `seq` is its 1-based place in its case's events.
public struct ImportEvent: Sendable {
    public var caseNumber: String
    public var seq: Int
    public var event: CaseEvent
    public var note: String?
    public var line: Int
    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(caseNumber: String, seq: Int, event: CaseEvent, note: String?, line: Int) {
        self.caseNumber = caseNumber
        self.seq = seq
        self.event = event
        self.note = note
        self.line = line
    }
}

/// What an import did.
/// A case's 信访件状态 as an export gave it, with the event types it implies that the export gives no
/// day for (empty: every implied event is dated, and a stored state is removed).
public struct ImportedCaseState: Equatable, Sendable {
    public var number: String
    public var state: String
    public var undated: [String]

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(number: String, state: String, undated: [String]) {
        self.number = number
        self.state = state
        self.undated = undated
    }
}

public struct ImportOutcome: Equatable, Sendable, Codable {
    public var casesAdded = 0
    public var casesUnchanged = 0
    public var eventsAdded = 0
    public var eventsUnchanged = 0
    public var lateRequests = 0
    /// Imported states (信访件状态 without the days of their events) written or removed.
    public var statesChanged = 0

    public init() {}
}

/// What recording cases needs from a store (`XinfangApp.CaseRecorder`). Each write is one
/// transaction; `check` is the policy's verdict on each event against the timeline so far, asked
/// inside it: a refusal writes nothing.
public protocol CaseStore: Sendable {
    /// Registers a case without events.
    func addCase(_ facts: CaseFacts, petitioner: PetitionerContact?, actor: String) throws
    /// Registers a case with its later events, in order.
    func addCase(
        _ facts: CaseFacts, petitioner: PetitionerContact?, events: [(event: CaseEvent, note: String?)], actor: String,
        check: (CaseTimeline, CaseEvent) throws -> EventAcceptance
    ) throws -> [EventAcceptance]
    /// Appends an event to a stored case.
    func appendEvent(
        caseNumber: String, event: CaseEvent, note: String?, actor: String,
        check: (CaseTimeline, CaseEvent) throws -> EventAcceptance
    ) throws -> (seq: Int, acceptance: EventAcceptance)
    /// Imports case and event rows, and the imported states of an export's cases, all or nothing in
    /// one transaction; re-importing the same rows changes nothing.
    func importBatch(
        file: String, cases: [ImportCase], events: [ImportEvent], states: [ImportedCaseState], actor: String,
        check: (CaseTimeline, CaseEvent) throws(RefusedEvent) -> EventAcceptance,
        progress: ((Int) -> Void)?
    ) throws -> ImportOutcome
}
