import Foundation
import GRDB
import XinfangCore
import XinfangClock
import XinfangPorts

/// The embedded store: GRDB on one SQLite file in WAL mode, shared by `xinfangd` and `xinfangctl`.
///
/// Writers are serialized by SQLite; every write is one transaction, so a crash leaves either all of
/// it or none. Readers never block the writer (WAL).
public final class SQLiteStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when missing) the store at `path` and runs pending migrations;
    /// `beforeMigrating` is called first when there are any (xinfangd extends its start timeout).
    ///
    /// A new store file is created mode 0640 whatever the umask allows more (it holds petitioners'
    /// personal data; SQLite gives its `-wal` and `-shm` files the same mode). Opening and migrating
    /// happen under an exclusive lock on the store's directory, so that of several processes opening
    /// a new store at once one migrates and the others wait and find the schema done.
    ///
    /// With `readOnly`, the file must exist; nothing is created or migrated, and every write fails.
    public init(path: String, readOnly: Bool = false, beforeMigrating: () -> Void = {}) throws {
        self.path = path
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var config = Configuration()
        config.busyMode = .timeout(30)
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else { throw StoreError("no store at \(path)") }
            config.readonly = true
            let lock = DirectoryLock(dir, exclusive: false)
            defer { lock.release() }
            pool = try SQLiteStore.openReadOnly(path: path, configuration: config)
            guard try pool.read({ try Schema.migrator.hasCompletedMigrations($0) }) else {
                throw StoreError("the store \(path) has migrations pending and cannot be migrated read-only: open it once for writing (start xinfangd)")
            }
            return
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // The test-only limit (XINFANG_TEST_FAULTS=1): a store that cannot grow past this many
        // pages, so that writes fail with SQLITE_FULL as on a full disk.
        let environment = ProcessInfo.processInfo.environment
        let maxPages = environment["XINFANG_TEST_FAULTS"] == "1" ? environment["XINFANG_TEST_MAX_PAGE_COUNT"].flatMap(Int.init) : nil
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // The one writer (the scheduler's firing, imports) keeps 64 MiB of pages: with SQLite's
            // 2 MiB default, a morning's firing on 1,000,000 cases spent a fifth of its time
            // re-reading index pages from the OS (pread). Readers keep the default.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -65536") }
            if let maxPages { try db.execute(sql: "PRAGMA max_page_count = \(maxPages)") }
        }
        let lock = DirectoryLock(dir, exclusive: true)
        defer { lock.release() }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o640)
        if fd >= 0 { close(fd) }
        pool = try DatabasePool(path: path, configuration: config)
        if try pool.read({ try !Schema.migrator.hasCompletedMigrations($0) }) { beforeMigrating() }
        try Schema.migrator.migrate(pool)
        // A value added to a Core enum since the store was last opened: its guard follows.
        if try pool.read({ try !VocabularyGuards.current($0) }) { try pool.write { try VocabularyGuards.refresh($0) } }
    }

    /// Whether `error` is SQLite's "database or disk is full" (the transaction was rolled back).
    public static func isFull(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.resultCode.primaryResultCode == .SQLITE_FULL
    }

    /// The migrations that have run, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// A read-only pool. A WAL store needs its `-shm` file even to be read; where that cannot be made
    /// (a backup copy on read-only media, a directory the reader may not write) and there is no
    /// `-wal` file whose pages would be missed, the file is opened as immutable instead.
    private static func openReadOnly(path: String, configuration: Configuration) throws -> DatabasePool {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return pool
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode.primaryResultCode) {
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            guard wal == 0, let encoded = URL(fileURLWithPath: path).standardizedFileURL.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else { throw error }
            return try DatabasePool(path: "file:\(encoded)?immutable=1", configuration: configuration)
        }
    }

    /// An advisory lock (flock(2)) on a directory, held until `release()` or the process ends. Not a
    /// lock on the database file: closing any descriptor of that file would drop SQLite's own locks.
    /// Without a readable directory there is no lock, and SQLite's busy timeout is all there is.
    private struct DirectoryLock {
        let fd: Int32
        init(_ directory: String, exclusive: Bool) {
            fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if fd >= 0 { while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 && errno == EINTR {} }
        }
        func release() { if fd >= 0 { close(fd) } }
    }

    /// Unix seconds now (for `recorded_at` columns).
    static func now() -> Int64 { WallClock.now() }
}

// MARK: - Row mapping

extension StoredDeadline {
    init(row: Row) {
        self.init(
            kind: DeadlineKind(rawValue: row["kind"]) ?? .handling,
            status: DeadlineStatus(rawValue: row["status"]) ?? .open,
            start: (row["start"] as Int?).map(Day.init(number:)),
            due: (row["due"] as Int?).map(Day.init(number:)),
            fulfilled: (row["fulfilled"] as Int?).map(Day.init(number:)),
            provisional: row["provisional"],
            article: row["article"],
            policy: row["policy"],
            periodDays: row["period_days"],
            nextMilestone: row["next_milestone"],
            nextFireAt: row["next_fire_at"])
    }
}

extension Reminder {
    init(row: Row) {
        self.init(
            id: row["id"], dedupeKey: row["dedupe_key"], caseNumber: row["case_number"], unit: row["unit"],
            kind: row["kind"], milestone: row["milestone"],
            due: Day(number: row["due"]),
            recipient: Recipient(role: Recipient.Role(rawValue: row["recipient_role"]) ?? .unit, name: row["recipient"],
                                 address: row["address"]),
            subject: row["subject"], body: row["body"], fireAt: row["fire_at"], createdAt: row["created_at"],
            lateBySeconds: row["late_by"])
    }
}

extension CaseFacts {
    init(row: Row) {
        self.init(
            number: row["number"], received: Day(number: row["received"]),
            channel: PetitionChannel(rawValue: row["channel"]) ?? .other,
            category: PetitionCategory(rawValue: row["category"]) ?? .claim, unit: row["unit"], persons: row["persons"],
            repeated: row["repeated"], skipLevel: row["skip_level"], leader: row["leader"],
            intake: Intake(rawValue: row["intake"]) ?? .bureau, contactKnown: row["contact_known"], place: row["place"],
            title: row["title"], repeatOf: row["repeat_of"])
    }
}
