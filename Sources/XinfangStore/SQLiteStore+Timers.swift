import Foundation
import GRDB
public import XinfangCore
public import XinfangPorts

struct DatabaseTimerQueries: TimerQueries {
    let db: Database
    func receptionRules() throws -> [ReceptionRule] { try Row.fetchAll(db, sql: "SELECT * FROM reception_rules ORDER BY id").map(SQLiteStore.rule) }
    func receptionExceptions() throws -> [ReceptionException] { try SQLiteStore.exceptions(db) }
    func deputies() throws -> [DeputyAssignment] { try SQLiteStore.deputies(db) }
    func briefing(place: String?, leader: String?, today: Day, limit: Int) throws -> Briefing {
        try SQLiteStore.briefing(db, place: place, leader: leader, today: today, limit: limit)
    }
    func leaderAddress(_ name: String) throws -> String? { try String.fetchOne(db, sql: "SELECT address FROM leaders WHERE name = ?", arguments: [name]) }
    func leaderExists(_ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM leaders WHERE name = ?)", arguments: [name]) ?? false
    }
    func unitExists(_ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM units WHERE name = ?)", arguments: [name]) ?? false
    }
    func reminder(id: Int64) throws -> (reminder: Reminder, acked: Bool)? {
        try Row.fetchOne(db, sql: "SELECT * FROM reminders WHERE id = ?", arguments: [id]).map { (Reminder(row: $0), ($0["acked_at"] as Int64?) != nil) }
    }
}

extension SQLiteStore {
    /// Fires up to `limit` due timers, earliest first, each in the same transaction as its reminders
    /// and its next time. A reminder to a leader also arms an acknowledgement timer `escalateAfter`
    /// seconds later (when given).
    public func fireTimers(
        now: Int64, limit: Int, channels: [String], escalateAfter: Int64?,
        fire: (TimerItem, any TimerQueries) throws -> TimerOutcome
    ) throws -> (fired: Int, created: [Reminder]) {
        try pool.write { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM timers WHERE next_fire_at IS NOT NULL AND next_fire_at <= ? ORDER BY next_fire_at LIMIT ?
                """), arguments: [now, limit])
            let queries = DatabaseTimerQueries(db: db)
            var created: [Reminder] = []
            for row in rows {
                let item = TimerItem(kind: row["kind"], key: row["key"], nextFireAt: row["next_fire_at"], state: row["state"])
                let outcome = try fire(item, queries)
                created += try insert(db, outcome.reminders, now: now, channels: channels, escalateAfter: escalateAfter)
                try db.execute(sql: "UPDATE timers SET next_fire_at = ?, state = ? WHERE kind = ? AND key = ?",
                               arguments: [outcome.nextFireAt, outcome.state, item.kind, item.key])
            }
            return (rows.count, created)
        }
    }

    /// Inserts reminders (skipping dedupe keys already present) with their deliveries, and arms an
    /// acknowledgement timer for each one to a leader. Returns the inserted ones, in input order.
    ///
    /// The rows go in statements of up to ``remindersPerInsert`` rows, and the deliveries and timers
    /// in one statement each, for every reminder whose rowid is above the largest before: executing
    /// a statement per row, four per reminder, was most of a catch-up's cost.
    ///
    /// `writtenAhead` (the real instant, before `now`) writes them ahead of their time: stamped `now`
    /// and invisible until the scheduler announces them (`announceWrittenAhead`).
    func insert(_ db: Database, _ reminders: [NewReminder], now: Int64, channels: [String], escalateAfter: Int64?,
                writtenAhead: Int64? = nil) throws -> [Reminder] {
        guard !reminders.isEmpty else { return [] }
        let before = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(id), 0) FROM reminders")) ?? 0
        var ids: [String: Int64] = [:]
        ids.reserveCapacity(reminders.count)
        var first = reminders.startIndex
        while first < reminders.endIndex {
            let rows = reminders[first..<min(first + Self.remindersPerInsert, reminders.endIndex)]
            first = rows.endIndex
            let statement = try db.cachedStatement(sql: Self.insertRemindersSQL(rows: rows.count))
            var values: [DatabaseValue] = []
            values.reserveCapacity(rows.count * 15)
            for r in rows {
                values.append(r.dedupeKey.databaseValue)
                values.append(r.caseNumber.databaseValue)
                values.append(r.unit.databaseValue)
                values.append(r.kind.rawValue.databaseValue)
                values.append(r.milestone.databaseValue)
                values.append(r.due.number.databaseValue)
                values.append(r.recipient.role.rawValue.databaseValue)
                values.append(r.recipient.name.databaseValue)
                values.append(r.recipient.address.databaseValue)
                values.append(r.subject.databaseValue)
                values.append(r.body.databaseValue)
                values.append(r.fireAt.databaseValue)
                values.append(now.databaseValue)
                values.append(r.lateBySeconds.databaseValue)
                values.append(writtenAhead.databaseValue)
            }
            statement.setUncheckedArguments(StatementArguments(values))
            let inserted = try Row.fetchCursor(statement)
            while let row = try inserted.next() { ids[row[1]] = row[0] }
        }
        guard !ids.isEmpty else { return [] }
        let deliveries = try db.cachedStatement(sql: """
            INSERT INTO deliveries (reminder_id, channel, state, next_attempt_at) SELECT id, ?, 'pending', ? FROM reminders WHERE id > ?
            """)
        for channel in channels { try deliveries.execute(arguments: [channel, now, before]) }
        if let escalateAfter {
            try db.cachedStatement(sql: """
                INSERT INTO timers (kind, key, next_fire_at)
                SELECT '\(TimerKind.acknowledgement.rawValue)', CAST(id AS TEXT), ? FROM reminders
                WHERE id > ? AND recipient_role = '\(Recipient.Role.leader.rawValue)' ON CONFLICT DO NOTHING
                """).execute(arguments: [now + escalateAfter, before])
        }
        var created: [Reminder] = []
        created.reserveCapacity(ids.count)
        for r in reminders {
            guard let id = ids.removeValue(forKey: r.dedupeKey) else { continue }  // present before, or twice in the batch
            if r.kind == .supervision {
                try AuditChain.append(db, actor: "xinfangd", action: "supervision.step", subject: r.caseNumber,
                                      detail: "\(r.milestone) due \(r.due) → \(r.recipient.name)")
            }
            if r.kind == .dailyReport && r.milestone == "overdue" {
                try db.execute(sql: "INSERT INTO overdue (case_number, kind, due, recorded_at) VALUES (?, '\(ReminderKind.dailyReport.rawValue)', ?, ?) ON CONFLICT DO NOTHING",
                               arguments: [r.unit, r.due.number, now])
            }
            created.append(Reminder(
                id: id, dedupeKey: r.dedupeKey, caseNumber: r.caseNumber, unit: r.unit, kind: r.kind.rawValue, milestone: r.milestone,
                due: r.due, recipient: r.recipient, subject: r.subject, body: r.body, fireAt: r.fireAt, createdAt: now,
                lateBySeconds: r.lateBySeconds))
        }
        return created
    }

    /// Rows per reminders INSERT: 64 × 15 parameters, well inside SQLite's limit of 32,766.
    static let remindersPerInsert = 64

    static func insertRemindersSQL(rows: Int) -> String {
        multiRowSQL("""
            INSERT INTO reminders (dedupe_key, case_number, unit, kind, milestone, due, recipient_role, recipient, address,
                                   subject, body, fire_at, created_at, late_by, written_at)
            """, row: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows, tail: "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key")
    }

    /// Makes sure the timers the configuration implies exist: a digest timer per leader, a
    /// daily-report timer per unit (with escalation-risk periods), one per recurring duty. Run once
    /// per configuration; leaders and units added later arm their own (`addLeader`, `addUnit`).
    public func ensureTimers(dailyReports: Bool, duties: [String]) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO timers (kind, key, next_fire_at) SELECT '\(TimerKind.digest.rawValue)', name, 0 FROM leaders WHERE true
                ON CONFLICT (kind, key) DO NOTHING
                """)
            if dailyReports {
                try db.execute(sql: """
                    INSERT INTO timers (kind, key, next_fire_at) SELECT '\(TimerKind.dailyReport.rawValue)', name, 0 FROM units WHERE true
                    ON CONFLICT (kind, key) DO NOTHING
                    """)
            }
            for duty in duties {
                try db.execute(sql: "INSERT INTO timers (kind, key, next_fire_at) VALUES ('\(TimerKind.duty.rawValue)', ?, 0) ON CONFLICT DO NOTHING", arguments: [duty])
            }
        }
    }

    /// The earliest timer, if any.
    public func nextTimerAt() throws -> Int64? {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MIN(next_fire_at) FROM timers WHERE next_fire_at IS NOT NULL") }
    }
}
