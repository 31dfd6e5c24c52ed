import Synchronization
import XinfangPorts

/// What a page derives from the store (an encoded due list, the 工作台's table), kept until the
/// cases it shows can have changed. Every request first asks `StoreChanges` for SQLite's
/// `data_version` (one pragma): while nothing was committed since the page was last checked, it is
/// served as kept. After a commit — by the scheduler, a web or API write, or `xinfangctl` in another
/// process — the page is checked against the schedule version of its scope (a unit, a leader, or
/// all cases; migration v16), which moves only when a case of that scope is added, moved, changed or
/// recomputed: the scheduler's firing commits keep every page, an event on one unit's case remakes
/// that unit's pages only. At most `budget` (by `cost`) is kept; beyond, it starts afresh. Without
/// `changes`, nothing is kept.
final class KeptPages<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Page {
        /// The scope's version it was made at, and the last `data_version` at which that was checked.
        var version: Int64
        var checkedAt: Int64
        var value: Value
        var cost: Int
    }

    private struct State {
        var pages: [Key: Page] = [:]
        var cost = 0
    }

    private let changes: (any StoreChanges)?
    private let state = Mutex(State())
    private let cost: @Sendable (Value) -> Int
    let budget: Int

    init(changes: (any StoreChanges)?, budget: Int, cost: @escaping @Sendable (Value) -> Int) {
        self.changes = changes
        self.budget = budget
        self.cost = cost
    }

    /// The kept value for `key`, or `make()`'s (kept when it says so).
    func value(for key: Key, scope: ScheduleScope, make: () throws -> (Value, keep: Bool)) throws -> Value {
        guard let changes else { return try make().0 }
        let commits = try changes.changeCount()
        let kept = state.withLock { $0.pages[key] }
        if let kept, kept.checkedAt == commits { return kept.value }
        // Read before the page is made: a change committed meanwhile leaves the page an older
        // version than the store's, and the next request makes it again.
        let version = try changes.scheduleVersion(scope)
        if let kept, kept.version == version {
            state.withLock { s in
                guard var page = s.pages[key], page.version == version else { return }
                page.checkedAt = max(commits, page.checkedAt)
                s.pages[key] = page
            }
            return kept.value
        }
        let (value, keep) = try make()
        guard keep else { return value }
        let size = cost(value)
        state.withLock { s in
            if let old = s.pages[key] { s.cost -= old.cost }
            if s.cost + size > budget { s = State() }
            s.pages[key] = Page(version: version, checkedAt: commits, value: value, cost: size)
            s.cost += size
        }
        return value
    }
}
