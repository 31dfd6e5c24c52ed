import GRDB
public import XinfangCore

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
}
