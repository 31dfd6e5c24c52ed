public import XinfangCore
public import XinfangEngine
public import XinfangPolicy
public import XinfangPorts

/// The schedule as `due`, `agenda` and `case show` read it: the deadline rows the daemon stored,
/// and for the cases it has not computed yet the rows it will compute, with the same runtime.
public struct ScheduleReader {
    public let store: any ScheduleReaderStore
    public let registry: PolicyRegistry
    public let scheduling: Scheduling

    public init(store: any ScheduleReaderStore, registry: PolicyRegistry, scheduling: Scheduling) {
        self.store = store
        self.registry = registry
        self.scheduling = scheduling
    }

    /// The rows the daemon would compute at `now` for cases it has not computed yet, marked dirty.
    public func computedRows(_ cases: [StoredCase], now: Int64) -> [CaseDeadline] {
        cases.flatMap { stored in
            let facts = stored.timeline.facts
            return scheduling.rows(for: stored.timeline, policy: registry.policy(forUnit: facts.unit), existing: stored.deadlines, now: now)
                .map { CaseDeadline(caseNumber: facts.number, unit: facts.unit, leader: facts.leader, caseDirty: true, deadline: $0) }
        }
    }

    /// The deadlines offices still owe, due through `through` (of one unit, when given).
    public func owedDeadlines(dueThrough through: Day, unit: String?, now: Int64) throws -> [CaseDeadline] {
        let stored = try store.owedDeadlines(dueThrough: through, unit: unit).filter { !$0.caseDirty }
        let computed = computedRows(try store.dirtyCases(unit: unit), now: now).filter { Self.owed($0.deadline) && $0.deadline.due! <= through }
        return stored + computed
    }

    /// The scheduled deadlines firing before `end`, and those of cases not computed yet as the daemon
    /// would schedule them at `computedAt`.
    public func scheduledDeadlines(firingBefore end: Int64, computedAt: Int64) throws -> [CaseDeadline] {
        try store.scheduledDeadlines(firingBefore: end).filter { !$0.caseDirty } + computedRows(try store.dirtyCases(), now: computedAt)
    }

    /// A deadline's milestones as the daemon fires them (its lead times scale with the stored period,
    /// doubled inside an escalation-risk period); nil without a start or a due day.
    public func milestones(_ d: StoredDeadline) -> [Milestone]? {
        guard let start = d.start, let due = d.due else { return nil }
        return scheduling.reminders.milestones(kind: d.kind, start: start, due: due, periodDays: d.periodDays ?? (due - start), calendar: scheduling.calendar)
    }

    /// Whether an office still owes the deadline: open, or missed and not done; not a petitioner's window.
    public static func owed(_ d: StoredDeadline) -> Bool {
        d.due != nil && d.kind.party != .petitioner && (d.status == .open || (d.status == .missed && d.fulfilled == nil))
    }
}
