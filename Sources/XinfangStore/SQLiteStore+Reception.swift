import Foundation
import GRDB
public import XinfangCore
public import XinfangPorts

extension SQLiteStore {
    // MARK: Rules and exceptions

    /// Registers a reception rule; refuses an unknown leader, a taken id, or an invalid rule.
    public func addReceptionRule(_ rule: ReceptionRule, actor: String) throws {
        let problems = rule.problems
        guard problems.isEmpty else { throw StoreError("reception rule \(rule.id): " + problems.joined(separator: "; ")) }
        try pool.write { db in
            guard try exists(db, leader: rule.leader) else { throw StoreError("unknown leader \(rule.leader); add it first with `xinfangctl leader add`") }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reception_rules WHERE id = ?)", arguments: [rule.id]) == true {
                throw StoreError("reception rule \(rule.id) already exists")
            }
            var days: String?
            var weekday: Int?
            switch rule.recurrence {
            case .monthly(let list): days = list.map(String.init).joined(separator: ",")
            case .weekly(let w): weekday = w
            }
            try db.execute(sql: """
                INSERT INTO reception_rules (id, leader, place, monthly_days, weekday, valid_from, valid_until, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [rule.id, rule.leader, rule.place, days, weekday, rule.validFrom.number, rule.validUntil?.number, Self.now()])
            try touchTimer(db, kind: .reception, key: rule.id)
            try AuditChain.append(db, actor: actor, action: "reception.rule", subject: rule.id, detail: "\(rule.leader) \(rule.place) \(rule.recurrence)")
        }
    }

    public func receptionRules() throws -> [ReceptionRule] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM reception_rules ORDER BY id").map(Self.rule) }
    }

    static func rule(_ row: Row) -> ReceptionRule {
        let days: String? = row["monthly_days"]
        let recurrence: ReceptionRule.Recurrence = days.map { .monthly(days: $0.split(separator: ",").compactMap { Int($0) }) }
            ?? .weekly(weekday: row["weekday"] ?? 1)
        return ReceptionRule(id: row["id"], leader: row["leader"], place: row["place"], recurrence: recurrence,
                             validFrom: Day(number: row["valid_from"]), validUntil: (row["valid_until"] as Int?).map(Day.init(number:)))
    }

    /// Records an exception the caller validated; the rules it names are rescheduled.
    public func addReceptionException(_ exception: ReceptionException, actor: String) throws {
        try pool.write { db in
            switch exception {
            case .cancel(let rule, let day):
                try db.execute(sql: "INSERT INTO reception_exceptions (kind, rule_id, day, created_at) VALUES ('cancel', ?, ?, ?)",
                               arguments: [rule, day.number, Self.now()])
            case .move(let rule, let day, let to):
                try db.execute(sql: "INSERT INTO reception_exceptions (kind, rule_id, day, to_day, created_at) VALUES ('move', ?, ?, ?, ?)",
                               arguments: [rule, day.number, to.number, Self.now()])
            case .swap(let rule, let day, let other, let otherDay):
                try db.execute(sql: """
                    INSERT INTO reception_exceptions (kind, rule_id, day, other_rule_id, other_day, created_at) VALUES ('swap', ?, ?, ?, ?, ?)
                    """, arguments: [rule, day.number, other, otherDay.number, Self.now()])
            }
            for key in exception.occurrences { try touchTimer(db, kind: .reception, key: key.ruleID) }
            try AuditChain.append(db, actor: actor, action: "reception.exception", subject: exception.occurrences.first?.ruleID ?? "", detail: exception.description)
        }
    }

    public func receptionExceptions() throws -> [ReceptionException] {
        try pool.read { db in try Self.exceptions(db) }
    }

    static func exceptions(_ db: Database) throws -> [ReceptionException] {
        try Row.fetchAll(db, sql: "SELECT * FROM reception_exceptions ORDER BY id").compactMap { row in
            let rule: String = row["rule_id"], day = Day(number: row["day"])
            switch row["kind"] as String {
            case "cancel": return .cancel(ruleID: rule, day: day)
            case "move": return (row["to_day"] as Int?).map { .move(ruleID: rule, day: day, to: Day(number: $0)) }
            case "swap":
                guard let other: String = row["other_rule_id"], let otherDay: Int = row["other_day"] else { return nil }
                return .swap(ruleID: rule, day: day, otherRuleID: other, otherDay: Day(number: otherDay))
            default: return nil
            }
        }
    }

    // MARK: Deputies

    /// Names a deputy for a leader: standing (no dates) or for an absence from…until.
    public func setDeputy(_ assignment: DeputyAssignment, actor: String) throws {
        try pool.write { db in
            for name in [assignment.leader, assignment.deputy] where try !exists(db, leader: name) {
                throw StoreError("unknown leader \(name); add it first with `xinfangctl leader add`")
            }
            guard assignment.leader != assignment.deputy else { throw StoreError("a leader cannot be their own deputy") }
            if !assignment.isAbsence {
                try db.execute(sql: "DELETE FROM deputies WHERE leader = ? AND from_day IS NULL AND until_day IS NULL", arguments: [assignment.leader])
            }
            try db.execute(sql: "INSERT INTO deputies (leader, deputy, from_day, until_day, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [assignment.leader, assignment.deputy, assignment.from?.number, assignment.until?.number, Self.now()])
            try AuditChain.append(db, actor: actor, action: "leader.deputy", subject: assignment.leader,
                                  detail: "\(assignment.deputy) \(assignment.from.map(String.init(describing:)) ?? "")…\(assignment.until.map(String.init(describing:)) ?? "")")
            // Reminders written ahead were routed by the deputies before: written again.
            _ = try Self.markWrittenAheadDirty(db)
        }
    }

    public func deputies() throws -> [DeputyAssignment] {
        try pool.read { db in try Self.deputies(db) }
    }

    static func deputies(_ db: Database, leader: String? = nil) throws -> [DeputyAssignment] {
        let sql = "SELECT d.*, l.address AS address FROM deputies d LEFT JOIN leaders l ON l.name = d.deputy"
            + (leader == nil ? "" : " WHERE d.leader = ?") + " ORDER BY d.rowid"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: leader.map { [$0] } ?? []).map {
            DeputyAssignment(leader: $0["leader"], deputy: $0["deputy"], from: ($0["from_day"] as Int?).map(Day.init(number:)),
                             until: ($0["until_day"] as Int?).map(Day.init(number:)), deputyAddress: $0["address"])
        }
    }

    // MARK: Briefings

    /// Open cases at a place, or owned by a leader, with their next open deadline.
    /// Open cases (of a place, of a leader), earliest next deadline first; at most `limit` when given.
    public func briefingCases(place: String? = nil, leader: String? = nil, limit: Int? = nil) throws -> [BriefingCase] {
        try pool.read { db in try Self.briefingCases(db, place: place, leader: leader, limit: limit) }
    }

    /// The leaders' rows of `change_versions` (migration v16).
    public func leaderScheduleVersions() throws -> [String: Int64] {
        try pool.read { db in
            var versions: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT substr(scope, 8), version FROM change_versions WHERE scope >= 'leader:' AND scope < 'leader;'")
            while let row = try rows.next() { versions[row[0]] = row[1] }
            return versions
        }
    }

    /// Each open case's next deadline is looked up by the case's own rows (the primary key), never by
    /// a scan of every deadline in due order (the unary `+` keeps SQLite off `deadlines_due`, which
    /// made this quadratic in a leader's cases).
    static func briefingCases(_ db: Database, place: String?, leader: String?, limit: Int? = nil) throws -> [BriefingCase] {
        var sql = """
            SELECT c.number, c.category, c.title, c.unit, c.place, c.leader,
                   (SELECT d.kind FROM deadlines d WHERE d.case_number = c.number AND +d.status IN ('open', 'missed') AND d.fulfilled IS NULL
                      AND d.kind NOT IN ('D8', 'D10') ORDER BY +d.due LIMIT 1) AS next_kind,
                   (SELECT MIN(+d.due) FROM deadlines d WHERE d.case_number = c.number AND +d.status IN ('open', 'missed') AND d.fulfilled IS NULL
                      AND d.kind NOT IN ('D8', 'D10')) AS next_due,
                   (SELECT d.start FROM deadlines d WHERE d.case_number = c.number AND +d.status IN ('open', 'missed') AND d.fulfilled IS NULL
                      AND d.kind NOT IN ('D8', 'D10') ORDER BY +d.due LIMIT 1) AS next_start,
                   (SELECT d.period_days FROM deadlines d WHERE d.case_number = c.number AND +d.status IN ('open', 'missed') AND d.fulfilled IS NULL
                      AND d.kind NOT IN ('D8', 'D10') ORDER BY +d.due LIMIT 1) AS next_period_days
            FROM cases c WHERE c.closed IS NULL
            """
        var arguments: StatementArguments = []
        if let place { sql += " AND c.place = ?"; arguments += [place] }
        if let leader { sql += " AND c.leader = ?"; arguments += [leader] }
        sql += " ORDER BY next_due IS NULL, next_due, c.number"
        if let limit { sql += " LIMIT ?"; arguments += [limit] }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
            BriefingCase(number: $0["number"], category: $0["category"], title: $0["title"], unit: $0["unit"], place: $0["place"],
                         leader: $0["leader"], nextKind: $0["next_kind"], nextDue: ($0["next_due"] as Int?).map(Day.init(number:)),
                         nextStart: ($0["next_start"] as Int?).map(Day.init(number:)), nextPeriodDays: $0["next_period_days"])
        }
    }

    public func briefing(place: String? = nil, leader: String? = nil, today: Day, limit: Int) throws -> Briefing {
        try pool.read { db in try Self.briefing(db, place: place, leader: leader, today: today, limit: limit) }
    }

    /// The briefing on the open cases of a place, of a leader, or all of them, on `today`; each
    /// listing holds at most `limit` cases. Counts are index range counts and listings LIMITed
    /// index walks on `next_due`, so it costs the same for a leader with 10 cases or 1,000,000.
    static func briefing(_ db: Database, place: String?, leader: String?, today: Day, limit: Int) throws -> Briefing {
        var scope = "c.closed IS NULL"
        var arguments: StatementArguments = []
        if let place { scope += " AND c.place = ?"; arguments += [place] }
        if let leader { scope += " AND c.leader = ?"; arguments += [leader] }
        func count(_ condition: String, _ extra: StatementArguments) throws -> Int {
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM cases c WHERE \(scope)\(condition)"), arguments: arguments + extra) ?? 0
        }
        func list(_ condition: String, _ extra: StatementArguments, order: String = "c.next_due, c.number", limit: Int) throws -> [BriefingCase] {
            guard limit > 0 else { return [] }
            return try briefingRows(db, where: scope + condition, order: order, arguments: arguments + extra + [limit])
        }
        let soonThrough = today.adding(days: 7)
        var b = Briefing()
        b.openCount = try count("", [])
        b.overdueCount = try count(" AND c.next_due < ?", [today.number])
        b.dueSoonCount = try count(" AND c.next_due BETWEEN ? AND ?", [today.number, soonThrough.number])
        b.cases = try list(" AND c.next_due IS NOT NULL", [], limit: limit)
        b.cases += try list(" AND c.next_due IS NULL", [], order: "c.number", limit: limit - b.cases.count)
        b.overdue = try list(" AND c.next_due < ?", [today.number], limit: limit)
        b.dueSoon = try list(" AND c.next_due BETWEEN ? AND ?", [today.number, soonThrough.number], limit: limit)
        if place == nil && leader == nil { b.oldest = try list("", [], order: "c.number", limit: limit) }
        return b
    }

    /// Briefing rows of the cases matching `condition` in `order`, LIMITed (the last argument); each
    /// row's next deadline read by the case's own deadline rows.
    private static func briefingRows(_ db: Database, where condition: String, order: String, arguments: StatementArguments) throws -> [BriefingCase] {
        let next = "FROM deadlines d WHERE d.case_number = c.number AND d.due = c.next_due AND +d.status IN ('open', 'missed') AND d.fulfilled IS NULL AND d.kind NOT IN ('D8', 'D10') ORDER BY d.kind LIMIT 1"
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.number, c.category, c.title, c.unit, c.place, c.leader, c.next_due,
                   (SELECT d.kind \(next)) AS next_kind, (SELECT d.start \(next)) AS next_start, (SELECT d.period_days \(next)) AS next_period_days
            FROM cases c WHERE \(condition) ORDER BY \(order) LIMIT ?
            """), arguments: arguments).map {
            BriefingCase(number: $0["number"], category: $0["category"], title: $0["title"], unit: $0["unit"], place: $0["place"],
                         leader: $0["leader"], nextKind: $0["next_kind"], nextDue: ($0["next_due"] as Int?).map(Day.init(number:)),
                         nextStart: ($0["next_start"] as Int?).map(Day.init(number:)), nextPeriodDays: $0["next_period_days"])
        }
    }

    // MARK: Timers

    /// Asks the daemon to reconsider a timer now (a rule changed, a leader was added).
    func touchTimer(_ db: Database, kind: TimerKind, key: String) throws {
        try db.execute(sql: """
            INSERT INTO timers (kind, key, next_fire_at) VALUES (?, ?, 0)
            ON CONFLICT (kind, key) DO UPDATE SET next_fire_at = 0
            """, arguments: [kind.rawValue, key])
    }
}
