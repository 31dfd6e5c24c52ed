import GRDB
public import XinfangPorts

/// `StoreChanges` by SQLite's `PRAGMA data_version` on a connection of its own that never writes:
/// its value changes exactly when another connection — the store's pool in this process, or
/// another process — has committed since the pragma last ran. One point read of the WAL index; no
/// table is touched. `scheduleVersion` reads one row of `change_versions`.
public final class StoreChangeWatch: StoreChanges {
    private let queue: DatabaseQueue

    /// A read-only connection to the store file at `path`.
    public init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        queue = try DatabaseQueue(path: path, configuration: config)
    }

    public func changeCount() throws -> Int64 {
        try queue.inDatabase { db in try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0 }
    }

    /// The version kept by the v16 triggers (`change_versions`: 'unit:…', 'leader:…', '' for all).
    public func scheduleVersion(_ scope: ScheduleScope) throws -> Int64 {
        let key = switch scope {
        case .unit(let unit): "unit:" + unit
        case .leader(let leader): "leader:" + leader
        case .all: ""
        }
        return try queue.inDatabase { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM change_versions WHERE scope = ?"), arguments: [key]) ?? 0
        }
    }
}
