import Foundation
import GRDB
public import XinfangCore
public import XinfangPorts

extension SQLiteStore {
    /// The stored timelines of the cases among `numbers`, read in one transaction (for syncing an
    /// export with the store: which rows are new, which add events).
    public func timelines(numbers: [String]) throws -> [String: CaseTimeline] {
        try pool.read { db in
            var out: [String: CaseTimeline] = [:]
            let find = try db.cachedStatement(sql: "SELECT * FROM cases WHERE number = ?")
            for number in numbers {
                if let row = try Row.fetchOne(find, arguments: [number]) { out[number] = try loadCase(db, row: row).timeline }
            }
            return out
        }
    }

    /// Every case (optionally of one unit; `open`: true open only, false closed only, nil all), in
    /// number order, read with a cursor inside one read transaction: `body` must not call the store.
    public func forEachCase(unit: String?, open: Bool?, _ body: (StoredCase) throws -> Void) throws {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let unit {
            conditions.append("unit = ?")
            arguments.append(unit)
        }
        if let open { conditions.append(open ? "closed IS NULL" : "closed IS NOT NULL") }
        let sql = "SELECT * FROM cases" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " ORDER BY number"
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() { try body(try loadCase(db, row: row)) }
        }
    }

    /// Records each case's imported state (信访件状态 with the event types the export gives no day
    /// for), or removes it when `undated` is empty (the export now dates every event it implies),
    /// inside an import's transaction. Returns how many rows changed: the same file twice changes
    /// nothing the second time.
    func writeImportedStates(_ db: Database, _ states: [ImportedCaseState], source: String, actor: String) throws -> Int {
        do {
            let now = Self.now()
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO imported_states (case_number, state, undated, source, imported_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(case_number) DO UPDATE SET state = excluded.state, undated = excluded.undated, source = excluded.source,
                    imported_at = excluded.imported_at
                WHERE state != excluded.state OR undated != excluded.undated
                """)
            let remove = try db.cachedStatement(sql: "DELETE FROM imported_states WHERE case_number = ?")
            var changed = 0
            for s in states {
                if s.undated.isEmpty {
                    try remove.execute(arguments: [s.number])
                } else {
                    try upsert.execute(arguments: [s.number, s.state, s.undated.joined(separator: ","), source, now])
                }
                changed += db.changesCount
            }
            if changed > 0 {
                try AuditChain.append(db, actor: actor, action: "import-states", subject: source, detail: "imported states changed \(changed)")
            }
            return changed
        }
    }

    /// A case's imported state: the source's word, the event types without a day, the file it came from.
    public func importedState(number: String) throws -> (state: String, undated: [String], source: String)? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT state, undated, source FROM imported_states WHERE case_number = ?", arguments: [number])
            else { return nil }
            let undated: String = row["undated"]
            return (row["state"], undated.split(separator: ",").map(String.init), row["source"])
        }
    }
}
