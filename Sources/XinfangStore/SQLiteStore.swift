import Foundation
import GRDB
import XinfangCore
import XinfangClock

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
    public init(path: String, beforeMigrating: () -> Void = {}) throws {
        self.path = path
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        if try pool.read({ try !Schema.migrator.hasCompletedMigrations($0) }) { beforeMigrating() }
        try Schema.migrator.migrate(pool)
    }

    /// The migrations that have run, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Schema.migrator.appliedMigrations(db) }
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
            title: row["title"])
    }
}
