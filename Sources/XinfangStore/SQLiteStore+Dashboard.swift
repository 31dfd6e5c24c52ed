import GRDB
import XinfangCore
public import XinfangPorts

// The dashboard's (工作台) queries: open cases by their nearest owed deadline, `cases.next_due`
// (v8, kept by the daemon in the transaction that stores the case's deadline rows). Counts are
// index range counts; pages are LIMITed walks of an index in (next_due, number) order — of a unit
// (`cases_unit_next`, v14), of a leader (`cases_leader_next`, v8) or of every case (`cases_next`,
// v8) — resumed after the last row of the page before (keyset), so page 1,000 costs what page 1 does.

extension SQLiteStore: DashboardReads {
    public func dashboardCounts(_ selection: DashboardSelection, windows: LightWindows) throws -> DashboardCounts {
        guard let scope = Self.dashboardScope(selection) else { return DashboardCounts(open: 0, dueSoon: 0, overdue: 0) }
        // Every unit's cases (of a category or all): sums of the counts the triggers keep (v14).
        let everyUnit = selection.scope == .all && selection.unit == nil && selection.leader == nil
        return try pool.read { db in
            func count(_ condition: String, _ extra: StatementArguments) throws -> Int {
                if everyUnit {
                    let category = selection.category.map { _ in " AND c.category = ?" } ?? ""
                    let sql = "SELECT coalesce(SUM(c.n), 0) FROM open_case_counts c WHERE 1\(category)\(condition)"
                    return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: StatementArguments(selection.category.map { [$0.rawValue] } ?? []) + extra) ?? 0
                }
                return try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM cases c WHERE \(scope.sql)\(condition)"),
                                        arguments: scope.arguments + extra) ?? 0
            }
            let yellow = Self.yellowThrough(windows)
            return DashboardCounts(
                open: try count("", []),
                dueSoon: try count(" AND c.next_due >= ? AND c.next_due <= \(yellow.sql)", [windows.today.number] + yellow.arguments),
                overdue: try count(" AND c.next_due < ?", [windows.today.number]))
        }
    }

    public func dashboardCases(_ selection: DashboardSelection, filter: DashboardListFilter, windows: LightWindows, after: DashboardCursor?,
                               limit: Int) throws -> [DashboardCase] {
        guard limit > 0, var scope = Self.dashboardScope(selection) else { return [] }
        let today = windows.today.number
        let yellow = Self.yellowThrough(windows)
        var owingNothing = true
        switch filter.light {
        case .red?:
            scope.sql += " AND c.next_due < ?"; scope.arguments += [today]; owingNothing = false
        case .yellow?:
            scope.sql += " AND c.next_due >= ? AND c.next_due <= \(yellow.sql)"; scope.arguments += [today] + yellow.arguments; owingNothing = false
        case .green?:
            scope.sql += " AND (c.next_due IS NULL OR c.next_due > \(yellow.sql))"; scope.arguments += yellow.arguments
        case nil: break
        }
        if let dueThrough = filter.dueThrough {
            scope.sql += " AND c.next_due <= ?"; scope.arguments += [dueThrough.number]; owingNothing = false
        }
        return try pool.read { db in
            var rows: [DashboardCase] = []
            if after == nil || after?.nextDue != nil {
                var condition = scope.sql + " AND c.next_due IS NOT NULL"
                var arguments = scope.arguments
                if let after, let due = after.nextDue { condition += " AND (c.next_due, c.number) > (?, ?)"; arguments += [due.number, after.caseNumber] }
                rows = try Self.dashboardRows(db, where: condition, order: "c.next_due, c.number", arguments: arguments + [limit])
            }
            if owingNothing && rows.count < limit {
                var condition = scope.sql + " AND c.next_due IS NULL"
                var arguments = scope.arguments
                if let after, after.nextDue == nil { condition += " AND c.number > ?"; arguments += [after.caseNumber] }
                rows += try Self.dashboardRows(db, where: condition, order: "c.number", arguments: arguments + [limit - rows.count])
            }
            return rows
        }
    }

    /// The SQL condition of the selection's open cases; nil when it selects nothing.
    static func dashboardScope(_ selection: DashboardSelection) -> (sql: String, arguments: StatementArguments)? {
        var sql = "c.closed IS NULL"
        var arguments: StatementArguments = []
        switch selection.scope {
        case .none: return nil
        case .all: break
        case .units(let units):
            guard !units.isEmpty else { return nil }
            if units.count == 1 {
                sql += " AND c.unit = ?"
            } else {
                sql += " AND c.unit IN (\(Array(repeating: "?", count: units.count).joined(separator: ", ")))"
            }
            arguments += StatementArguments(units)
        case .leader(let leader):
            sql += " AND c.leader = ?"; arguments += [leader]
        }
        if let unit = selection.unit { sql += " AND c.unit = ?"; arguments += [unit] }
        if let leader = selection.leader { sql += " AND c.leader = ?"; arguments += [leader] }
        if let category = selection.category { sql += " AND c.category = ?"; arguments += [category.rawValue] }
        return (sql, arguments)
    }

    /// The last due day that lights a case 黄, as SQL: one day, or by the case's unit when some units'
    /// policies set their own window.
    static func yellowThrough(_ windows: LightWindows) -> (sql: String, arguments: StatementArguments) {
        guard !windows.byUnit.isEmpty else { return ("?", [windows.standard.yellowThrough.number]) }
        var sql = "CASE c.unit"
        var arguments: StatementArguments = []
        for (unit, window) in windows.byUnit.sorted(by: { $0.key < $1.key }) {
            sql += " WHEN ? THEN ?"; arguments += [unit, window.yellowThrough.number]
        }
        sql += " ELSE ? END"
        arguments += [windows.standard.yellowThrough.number]
        return (sql, arguments)
    }

    /// Dashboard rows of the open cases matching `condition` in `order`, LIMITed (the last
    /// argument); each row's nearest owed deadline read by the case's own deadline rows.
    private static func dashboardRows(_ db: Database, where condition: String, order: String, arguments: StatementArguments) throws -> [DashboardCase] {
        let next = "FROM deadlines d WHERE d.case_number = c.number AND d.due = c.next_due AND \(owedByOffice) ORDER BY d.kind LIMIT 1"
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.number, c.title, c.unit, c.leader, c.category, c.next_due, c.dirty,
                   (SELECT d.kind \(next)) AS next_kind, (SELECT d.provisional \(next)) AS next_provisional
            FROM cases c WHERE \(condition) ORDER BY \(order) LIMIT ?
            """), arguments: arguments).map { row in
            let nextDue = (row["next_due"] as Int?).map(Day.init(number:))
            return DashboardCase(
                number: row["number"], title: row["title"], unit: row["unit"], leader: row["leader"],
                category: PetitionCategory(rawValue: row["category"]) ?? .claim,
                nextKind: nextDue == nil ? nil : (row["next_kind"] as String?).flatMap(DeadlineKind.init(rawValue:)),
                nextDue: nextDue, provisional: (row["next_provisional"] as Bool?) ?? false, dirty: row["dirty"])
        }
    }
}

extension SQLiteStore {
    /// For benchmarks only: registers units `单位000`… and leaders `领导0000`…, and gives case k (by
    /// rowid) unit k mod `units`, leader k mod `leaders` (also its ownership rows) and a 事项摘要.
    public func benchmarkSpread(units: Int, leaders: Int) throws {
        try pool.write { db in
            let now = Self.now()
            try db.execute(sql: "PRAGMA cache_size = -262144")
            try db.execute(sql: """
                WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
                INSERT OR IGNORE INTO units (name, address, created_at) SELECT printf('单位%03d', i), NULL, ? FROM k
                """, arguments: [units, now])
            try db.execute(sql: """
                WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
                INSERT OR IGNORE INTO leaders (name, title, unit, address, created_at) SELECT printf('领导%04d', i), NULL, NULL, NULL, ? FROM k
                """, arguments: [leaders, now])
            try db.execute(sql: """
                UPDATE cases SET unit = printf('单位%03d', rowid % ?1), leader = printf('领导%04d', rowid % ?2),
                    title = printf('关于%s第%d号事项的诉求', printf('单位%03d', rowid % ?1), rowid)
                """, arguments: [units, leaders])
            try db.execute(sql: "UPDATE ownership SET leader = (SELECT c.leader FROM cases c WHERE c.number = ownership.case_number)")
            try db.execute(sql: "PRAGMA cache_size = -2000")
        }
    }
}
