import GRDB
import XinfangCore
import XinfangPorts

/// Keeps the store's vocabulary columns to the values of the Core enums: `events.type`
/// (`EventType`), `cases.category` (`PetitionCategory`), `deadlines.kind` and `overdue.kind`
/// (`DeadlineKind`; an overdue daily report is `daily-report`), `deadlines.status`
/// (`DeadlineStatus`), `reminders.kind` (`ReminderKind`) and `timers.kind` (`TimerKind`).
///
/// BEFORE INSERT/UPDATE triggers that RAISE(ABORT) when the value is not in the `vocabulary` table,
/// not CHECK constraints: SQLite cannot add a CHECK to an existing table, and rebuilding the tables
/// of a 1,000,000-case store is slow (measured: `events` alone, 2,000,000 rows, 17.6 s; `cases` and
/// `deadlines` with their indexes as much again or more), while v9 with triggers takes 6.3 s there
/// (1.3 s at 100,000 cases), nearly all of it the scan refusing rows already outside the
/// vocabulary. The lookup is also the cheaper guard per row: measured with sqlite3 on 1,000,000
/// inserts into an `events`-like table, 1.0 s CPU unguarded, 2.0 s with this trigger, 4.6 s with
/// `CHECK (type IN (…18 values…))` (an IN list is evaluated per row). And a CHECK frozen into a
/// table would need another rebuild for every new event type, while the `vocabulary` rows are
/// rewritten from the enums whenever they differ (`refresh`, on open), so adding a value stays one
/// edit in Core.
enum VocabularyGuards {
    struct Guard {
        var table: String
        var column: String
        var values: [String]

        /// `events.type`: the column's name in the `vocabulary` table and in messages.
        var name: String { "\(table).\(column)" }
        var triggerName: String { "vocabulary_\(table)_\(column)" }

        /// The values as an SQL list.
        var list: String { "(" + values.map { "'\($0)'" }.joined(separator: ", ") + ")" }

        /// The two triggers (insert, update of the column), as `sqlite_master` keeps them.
        var triggers: [(name: String, sql: String)] {
            let check = """
                WHEN NOT EXISTS (SELECT 1 FROM vocabulary WHERE col = '\(name)' AND value = NEW.\(column)) \
                BEGIN SELECT RAISE(ABORT, '\(name): not a known value'); END
                """
            return [
                ("\(triggerName)_insert", "CREATE TRIGGER \(triggerName)_insert BEFORE INSERT ON \(table) \(check)"),
                ("\(triggerName)_update", "CREATE TRIGGER \(triggerName)_update BEFORE UPDATE OF \(column) ON \(table) \(check)"),
            ]
        }
    }

    static let guards: [Guard] = [
        Guard(table: "events", column: "type", values: EventType.allCases.map(\.key)),
        Guard(table: "cases", column: "category", values: PetitionCategory.allCases.map(\.rawValue)),
        Guard(table: "deadlines", column: "kind", values: DeadlineKind.allCases.map(\.rawValue)),
        Guard(table: "deadlines", column: "status", values: DeadlineStatus.allCases.map(\.rawValue)),
        Guard(table: "overdue", column: "kind", values: DeadlineKind.allCases.map(\.rawValue) + [ReminderKind.dailyReport.rawValue]),
        Guard(table: "reminders", column: "kind", values: ReminderKind.allCases.map(\.rawValue)),
        Guard(table: "timers", column: "kind", values: TimerKind.allCases.map(\.rawValue)),
    ]

    /// v9: refuses a store holding a value outside the vocabulary (naming the column and the value),
    /// then creates the `vocabulary` table and the triggers.
    static func install(_ db: Database) throws {
        for g in guards {
            if let value = try String.fetchOne(db, sql: "SELECT \(g.column) FROM \(g.table) WHERE \(g.column) NOT IN \(g.list) LIMIT 1") {
                throw StoreError("\(g.name) holds \"\(value)\", which is not one of \(g.values.joined(separator: ", ")): correct the row before upgrading")
            }
        }
        try db.execute(sql: """
            -- The values each guarded column may hold, written from the Core enums (VocabularyGuards).
            CREATE TABLE vocabulary (col TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (col, value)) WITHOUT ROWID
            """)
        try refresh(db)
    }

    /// Rewrites the vocabulary and re-creates the triggers where they differ from the enums (a value
    /// added in Core); nothing is written when they match.
    static func refresh(_ db: Database) throws {
        if try storedValues(db) != expectedValues {
            try db.execute(sql: "DELETE FROM vocabulary")
            let insert = try db.makeStatement(sql: "INSERT INTO vocabulary (col, value) VALUES (?, ?)")
            for g in guards { for value in g.values { try insert.execute(arguments: [g.name, value]) } }
        }
        let stored = try storedTriggers(db)
        for g in guards {
            for trigger in g.triggers where stored[trigger.name] != trigger.sql {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger.name)")
                try db.execute(sql: trigger.sql)
            }
        }
    }

    /// Whether the vocabulary and the triggers match the enums.
    static func current(_ db: Database) throws -> Bool {
        let stored = try storedTriggers(db)
        return try storedValues(db) == expectedValues && guards.allSatisfy { $0.triggers.allSatisfy { stored[$0.name] == $0.sql } }
    }

    private static var expectedValues: Set<String> { Set(guards.flatMap { g in g.values.map { "\(g.name)=\($0)" } }) }

    private static func storedValues(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT col || '=' || value FROM vocabulary"))
    }

    /// The vocabulary triggers in the store, by name.
    private static func storedTriggers(_ db: Database) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'vocabulary_%'") {
            out[row["name"]] = row["sql"]
        }
        return out
    }
}
