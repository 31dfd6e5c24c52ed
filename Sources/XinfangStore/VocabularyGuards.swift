import GRDB
import XinfangCore

/// Keeps the store's vocabulary columns to the values of the Core enums: `events.type`
/// (`EventType`), `cases.category` (`PetitionCategory`), `deadlines.kind` and `overdue.kind`
/// (`DeadlineKind`; an overdue daily report is `daily-report`), `deadlines.status`
/// (`DeadlineStatus`), `reminders.kind` (`ReminderKind`) and `timers.kind` (`TimerKind`).
///
/// BEFORE INSERT/UPDATE triggers that RAISE(ABORT), not CHECK constraints: SQLite cannot add a
/// CHECK to an existing table, and rebuilding `events`, `cases` and `deadlines` of a
/// 1,000,000-case store (millions of rows, their indexes) would hold the daemon for minutes at the
/// upgrade; triggers are created in milliseconds. And a CHECK frozen into a table would need another
/// rebuild for every new event type, while the triggers are rebuilt from the enums whenever they
/// differ (`refresh`), so adding a value stays one edit in Core.
enum VocabularyGuards {
    struct Guard {
        var table: String
        var column: String
        var values: [String]

        var name: String { "vocabulary_\(table)_\(column)" }

        /// The values as an SQL list.
        var list: String { "(" + values.map { "'\($0)'" }.joined(separator: ", ") + ")" }

        /// The two triggers (insert, update of the column), as `sqlite_master` keeps them.
        var triggers: [(name: String, sql: String)] {
            let check = "WHEN NEW.\(column) NOT IN \(list) BEGIN SELECT RAISE(ABORT, '\(table).\(column): not a known value'); END"
            return [
                ("\(name)_insert", "CREATE TRIGGER \(name)_insert BEFORE INSERT ON \(table) \(check)"),
                ("\(name)_update", "CREATE TRIGGER \(name)_update BEFORE UPDATE OF \(column) ON \(table) \(check)"),
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
    /// then creates the triggers.
    static func install(_ db: Database) throws {
        for g in guards {
            if let value = try String.fetchOne(db, sql: "SELECT \(g.column) FROM \(g.table) WHERE \(g.column) NOT IN \(g.list) LIMIT 1") {
                throw StoreError("\(g.table).\(g.column) holds \"\(value)\", which is not one of \(g.values.joined(separator: ", ")): correct the row before upgrading")
            }
        }
        try refresh(db)
    }

    /// Re-creates the triggers that differ from the enums (a value added in Core); nothing is
    /// written when they match.
    static func refresh(_ db: Database) throws {
        let stored = try storedTriggers(db)
        for g in guards {
            for trigger in g.triggers where stored[trigger.name] != trigger.sql {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger.name)")
                try db.execute(sql: trigger.sql)
            }
        }
    }

    /// Whether the triggers match the enums.
    static func current(_ db: Database) throws -> Bool {
        let stored = try storedTriggers(db)
        return guards.allSatisfy { $0.triggers.allSatisfy { stored[$0.name] == $0.sql } }
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
