public import XinfangCore
public import XinfangFiles
public import XinfangPolicy
public import XinfangPorts

/// Records what happens to cases — a new case, an event, an import file — every event checked first
/// against the policy of its case's unit (refused with the rule it breaks, or accepted and marked
/// late), in the same transaction as the write. `xinfangctl`, the demo seed and the benchmarks write
/// through it.
public struct CaseRecorder {
    public let store: any CaseStore
    public let registry: PolicyRegistry
    public let calendar: WorkingCalendar
    /// Who does it, for the audit log.
    public let actor: String

    public init(store: any CaseStore, registry: PolicyRegistry, calendar: WorkingCalendar, actor: String) {
        self.store = store
        self.registry = registry
        self.calendar = calendar
        self.actor = actor
    }

    /// The policy check: `event` against the timeline so far, by the policy of the case's unit.
    public func check(_ timeline: CaseTimeline, _ event: CaseEvent) throws(RefusedEvent) -> EventAcceptance {
        try registry.policy(forUnit: timeline.facts.unit).check(event, against: timeline, calendar: calendar)
    }

    /// Registers a case with its later events (checked in order), all in one transaction.
    @discardableResult
    public func addCase(_ facts: CaseFacts, petitioner: PetitionerContact?, events: [(event: CaseEvent, note: String?)] = []) throws -> [EventAcceptance] {
        if events.isEmpty {
            try store.addCase(facts, petitioner: petitioner, actor: actor)
            return []
        }
        return try store.addCase(facts, petitioner: petitioner, events: events, actor: actor) { timeline, event in try check(timeline, event) }
    }

    /// Appends an event to a stored case.
    public func appendEvent(caseNumber: String, event: CaseEvent, note: String?) throws -> (seq: Int, acceptance: EventAcceptance) {
        try store.appendEvent(caseNumber: caseNumber, event: event, note: note, actor: actor) { timeline, event in try check(timeline, event) }
    }

    /// Imports a file read with `ImportFile.read`, all or nothing; petitioners' contacts are kept
    /// unless `petitioners` is false (the demo and benchmarks store none).
    public func importFile(
        _ batch: ImportBatch, petitioners: Bool = true, states: [ImportedCaseState] = [], progress: ((Int) -> Void)? = nil
    ) throws -> ImportOutcome {
        try importRows(
            file: batch.file,
            cases: batch.cases.map { ImportCase(facts: $0.facts, petitioner: petitioners ? $0.petitioner : nil, line: $0.line) },
            events: batch.events.map { ImportEvent(caseNumber: $0.caseNumber, seq: $0.seq, event: $0.event, note: $0.note, line: $0.line) },
            states: states, progress: progress)
    }

    /// Imports case and event rows, all or nothing (`file` names them in errors and the audit log).
    public func importRows(
        file: String, cases: [ImportCase], events: [ImportEvent], states: [ImportedCaseState] = [], progress: ((Int) -> Void)? = nil
    ) throws -> ImportOutcome {
        try store.importBatch(file: file, cases: cases, events: events, states: states, actor: actor,
                              check: { (timeline, event) throws(RefusedEvent) in try check(timeline, event) }, progress: progress)
    }
}
