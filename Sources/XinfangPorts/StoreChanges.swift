/// Tells whether anything was committed to the store since the last look — by this process or any
/// other (`xinfangctl`, the scheduler) — so that a reader may keep what it derived from the store
/// until then (the API's due lists).
public protocol StoreChanges: Sendable {
    /// A number that differs from the last one returned whenever a transaction was committed to the
    /// store in the meantime.
    func changeCount() throws -> Int64
    /// A number that moves whenever what the cases of `scope` show — their facts, their deadlines
    /// — may have changed: a case added, removed, moved, given another leader, changed or
    /// recomputed. Firing reminders does not move it.
    func scheduleVersion(_ scope: ScheduleScope) throws -> Int64
}

/// Whose cases a kept page shows: one unit's, one leader's, or any case.
public enum ScheduleScope: Hashable, Sendable {
    case unit(String)
    case leader(String)
    case all
}
