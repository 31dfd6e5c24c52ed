import Foundation
import GRDB
import Synchronization

/// Copies the store's write-ahead log back into the store file on a connection and a queue of its
/// own (`PRAGMA wal_checkpoint(PASSIVE)`, which never waits for the writer or a reader), so that the
/// writer's commits seldom do it themselves. SQLite's automatic checkpoint runs inside the commit
/// that crosses 1,000 pages of log: in a catch-up on 1,000,000 cases, whose commits touch pages all
/// over the store, that was a fifth of the time and the longest scheduler steps. The automatic one
/// stays as the backstop (another process writing, a checkpoint not woken), but while a
/// checkpointer runs, the store's writer connection starts it only past ``backstopPages`` pages of
/// log: at SQLite's 1,000, a catch-up's log stayed above the mark, so that nearly every commit of
/// the writer still ran a checkpoint of its own (copying the pages of its own commit and syncing
/// the store file: a tenth of a catch-up's time on 1,000,000 cases, 2026-12-02).
///
/// `wake()` after a write asks for one checkpoint; wakes while one is queued are folded into it, and
/// nothing runs while nobody writes.
public final class StoreCheckpointer: Sendable {
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "xinfang.checkpoint")
    private let queued = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private let failed: @Sendable (any Error) -> Void
    private let store: SQLiteStore

    /// The writer's automatic checkpoint while a checkpointer runs: 10,000 pages (40 MB of log) at
    /// most before the commit that crosses it copies the log itself. SQLite's default is 1,000.
    public static let backstopPages = 10_000
    /// SQLite's own `wal_autocheckpoint`, the writer's again once the checkpointer stops.
    static let sqliteDefaultPages = 1000

    /// `failed` hears of a checkpoint that could not run (not of one that found the writer busy).
    public init(store: SQLiteStore, failed: @escaping @Sendable (any Error) -> Void) throws {
        var configuration = Configuration()
        configuration.label = "checkpoint"
        connection = try DatabaseQueue(path: store.path, configuration: configuration)
        self.failed = failed
        self.store = store
        try store.setWriterAutoCheckpoint(pages: Self.backstopPages)
    }

    /// Asks for a checkpoint soon; returns at once.
    public func wake() {
        guard !stopped.load(ordering: .acquiring), !queued.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async { [self] in
            queued.store(false, ordering: .releasing)
            guard !stopped.load(ordering: .acquiring) else { return }
            do { try checkpoint() } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                // Another checkpoint (the writer's automatic one) is under way: it does the same work.
            } catch {
                failed(error)
            }
        }
    }

    /// Copies what it can of the log now; returns the pages in the log and those copied so far.
    @discardableResult
    public func checkpoint() throws -> (log: Int, copied: Int) {
        try connection.writeWithoutTransaction { db in
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
            return (row?[1] ?? 0, row?[2] ?? 0)
        }
    }

    /// Runs no more checkpoints; returns once the one under way, if any, is done. The writer's
    /// automatic checkpoint is SQLite's again.
    public func stop() {
        stopped.store(true, ordering: .releasing)
        queue.sync {}
        try? store.setWriterAutoCheckpoint(pages: Self.sqliteDefaultPages)
    }
}

extension SQLiteStore {
    /// How many pages of log the writer connection lets a commit leave before that commit copies
    /// the log itself (`PRAGMA wal_autocheckpoint`; the connection keeps it).
    func setWriterAutoCheckpoint(pages: Int) throws {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)") }
    }

    /// The writer connection's `wal_autocheckpoint`, for tests.
    public func writerAutoCheckpoint() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 0 }
    }
}
