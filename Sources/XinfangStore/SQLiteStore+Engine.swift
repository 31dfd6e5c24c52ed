import Foundation
import GRDB
public import XinfangCore
public import XinfangPorts

extension SQLiteStore: EngineStore {
    public func recomputeDirty(limit: Int, settleUntil: Int64?,
                               rescheduling compute: (CaseTimeline, [StoredDeadline], [WithdrawnMilestone]) -> [StoredDeadline]) throws -> Int {
        try pool.write { db in
            // Prepared once per connection: every scheduler step asks, mostly to find nothing.
            let cases = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM cases WHERE dirty = 1 LIMIT ?"), arguments: [limit])
            for row in cases {
                let number: String = row["number"]
                let stored = try loadCase(db, row: row)
                // What was written ahead for the case is of its state before the change: it goes.
                let withdrawn = try withdrawUnannounced(db, caseNumber: number)
                let rows = compute(stored.timeline, stored.deadlines, withdrawn)
                try replaceDeadlines(db, caseNumber: number, rows: rows)
                try withdrawOverdue(db, caseNumber: number, rows: rows)
                try db.execute(sql: """
                    UPDATE cases SET dirty = 0, edited = 0, next_due = ?,
                        settle_until = CASE WHEN edited = 1 THEN ? ELSE settle_until END
                    WHERE number = ? AND version = ?
                    """, arguments: [Self.nextDue(rows)?.number, settleUntil, number, stored.version])
            }
            return cases.count
        }
    }

    /// The case's next deadline as briefings count it: the earliest due day of its open or missed
    /// deadlines not fulfilled, the records' D8 and D10 aside (as `briefingCases` works it out).
    static func nextDue(_ rows: [StoredDeadline]) -> Day? {
        rows.filter { ($0.status == .open || $0.status == .missed) && $0.fulfilled == nil && $0.kind.rawValue != "D8" && $0.kind.rawValue != "D10" }
            .compactMap(\.due).min()
    }

    /// Withdraws the overdue records of a case that its current derivation no longer bears out (a
    /// later event shows the deadline was met, or it moved): they stop counting (risk scores,
    /// escalation) and the withdrawal is kept in the audit log.
    func withdrawOverdue(_ db: Database, caseNumber: String, rows: [StoredDeadline]) throws {
        let records = try Row.fetchAll(db.cachedStatement(sql: "SELECT kind, due FROM overdue WHERE case_number = ?"), arguments: [caseNumber])
        for record in records {
            let kindName: String = record["kind"]
            guard let kind = DeadlineKind(rawValue: kindName) else { continue }  // not a deadline (e.g. a daily report)
            let due = Day(number: record["due"])
            let current = rows.first { $0.kind == kind }
            if let current, current.due == due, current.status == .missed || current.status == .open { continue }
            let now: String
            if let current, let due = current.due {
                now = "\(current.status.rawValue)\(current.fulfilled.map { " on \($0)" } ?? "") (due \(due))"
            } else {
                now = current.map { $0.status.rawValue } ?? "no longer owed"
            }
            try db.execute(sql: "DELETE FROM overdue WHERE case_number = ? AND kind = ? AND due = ?",
                           arguments: [caseNumber, kindName, due.number])
            // Its overdue reminders not yet delivered are not sent, and not escalated to a deputy.
            let reminders = "SELECT id FROM reminders WHERE case_number = ? AND kind = ? AND due = ? AND milestone = 'overdue'"
            try db.execute(sql: "UPDATE deliveries SET state = 'withdrawn', next_attempt_at = NULL WHERE state = 'pending' AND reminder_id IN (\(reminders))",
                           arguments: [caseNumber, kindName, due.number])
            try db.execute(sql: """
                UPDATE timers SET next_fire_at = NULL, state = 'withdrawn' WHERE kind = '\(TimerKind.acknowledgement.rawValue)' AND key IN (SELECT CAST(id AS TEXT) FROM (\(reminders)))
                """, arguments: [caseNumber, kindName, due.number])
            try AuditChain.append(db, actor: "xinfangd", action: "overdue.withdraw", subject: caseNumber,
                                  detail: "\(kindName) due \(due): now \(now)")
        }
    }

    func replaceDeadlines(_ db: Database, caseNumber: String, rows: [StoredDeadline]) throws {
        try db.execute(sql: "DELETE FROM deadlines WHERE case_number = ?", arguments: [caseNumber])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO deadlines (case_number, kind, status, start, due, fulfilled, provisional, article, policy, period_days,
                                   next_milestone, next_fire_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for d in rows {
            try insert.execute(arguments: [
                caseNumber, d.kind.rawValue, d.status.rawValue, d.start?.number, d.due?.number, d.fulfilled?.number, d.provisional,
                d.article, d.policy, d.periodDays, d.nextMilestone, d.nextFireAt,
            ])
        }
    }

    public func fireDue(now: Int64, limit: Int, channels: [String], escalateAfter: Int64?, writtenAhead: Int64?,
                        fire: (DueItem) -> FireOutcome) throws -> (fired: Int, created: [Reminder]) {
        try pool.write { db in
            // The columns are named once, here, and read by position below (a lookup by name
            // searches the row's columns each time: a tenth of a reminder's cost in a catch-up).
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT d.case_number, d.kind, d.status, d.start, d.due, d.fulfilled, d.provisional, d.article, d.policy,
                       d.period_days, d.next_milestone, d.next_fire_at,
                       c.unit, c.leader, c.settle_until, u.address, l.address
                FROM deadlines d JOIN cases c ON c.number = d.case_number
                LEFT JOIN units u ON u.name = c.unit LEFT JOIN leaders l ON l.name = c.leader
                WHERE d.next_fire_at IS NOT NULL AND d.next_fire_at <= ?
                ORDER BY d.next_fire_at LIMIT ?
                """), arguments: [now, limit])
            let advance = try db.cachedStatement(sql: """
                UPDATE deadlines SET next_milestone = ?, next_fire_at = ? WHERE case_number = ? AND kind = ?
                """)
            let overdue = try db.cachedStatement(sql: """
                INSERT INTO overdue (case_number, kind, due, recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            var reminders: [NewReminder] = []
            // A batch's items mostly share a few leaders: their deputies are read once per batch.
            var deputies: [String: [DeputyAssignment]] = [:]
            func deputiesOf(_ leader: String) throws -> [DeputyAssignment] {
                if let known = deputies[leader] { return known }
                let list = try Self.deputies(db, leader: leader)
                deputies[leader] = list
                return list
            }
            for row in rows {
                let leader: String? = row[13]
                let deadline = StoredDeadline(
                    kind: DeadlineKind(rawValue: row[1]) ?? .handling, status: DeadlineStatus(rawValue: row[2]) ?? .open,
                    start: (row[3] as Int?).map(Day.init(number:)), due: (row[4] as Int?).map(Day.init(number:)),
                    fulfilled: (row[5] as Int?).map(Day.init(number:)), provisional: row[6], article: row[7], policy: row[8],
                    periodDays: row[9], nextMilestone: row[10], nextFireAt: row[11])
                let item = DueItem(
                    caseNumber: row[0], unit: row[12], unitAddress: row[15], leader: leader,
                    leaderAddress: row[16], leaderDeputies: try leader.map(deputiesOf) ?? [],
                    deadline: deadline, settleUntil: row[14])
                let outcome = fire(item)
                reminders += outcome.reminders
                if outcome.recordOverdue, let due = item.deadline.due {
                    try overdue.execute(arguments: [item.caseNumber, item.deadline.kind.rawValue, due.number, now])
                }
                try advance.execute(arguments: [outcome.nextMilestone, outcome.nextFireAt, item.caseNumber, item.deadline.kind.rawValue])
            }
            // The batch's reminders in one go: written row by row, they were most of its cost.
            return (rows.count, try insert(db, reminders, now: now, channels: channels, escalateAfter: escalateAfter, writtenAhead: writtenAhead))
        }
    }

    public func nextFireAt() throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT MIN(t) FROM (SELECT MIN(next_fire_at) AS t FROM deadlines WHERE next_fire_at IS NOT NULL
                                    UNION ALL SELECT MIN(next_fire_at) FROM timers WHERE next_fire_at IS NOT NULL)
                """))
        }
    }

    public func dirtyCaseCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE dirty = 1") ?? 0 }
    }


    public func pendingDeliveries(channel: String?, now: Int64, limit: Int) throws -> [PendingDelivery] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.*, d.channel AS channel, d.attempts AS attempts FROM deliveries d JOIN reminders r ON r.id = d.reminder_id
                WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND (? IS NULL OR d.channel = ?)
                  AND d.digest_id IS NULL AND r.late_by IS NULL AND \(Self.visibleReminder)
                ORDER BY d.next_attempt_at, r.id LIMIT ?
                """, arguments: [now, channel, channel, limit])
            .map { PendingDelivery(reminder: Reminder(row: $0), channel: $0["channel"], attempts: $0["attempts"]) }
        }
    }

    public func recordDelivery(reminderIDs: [Int64], channel: String, at: Int64, error: String?, retryAt: Int64?) throws {
        try pool.write { db in
            let statement: Statement
            if let error {
                statement = try db.cachedStatement(sql: """
                    UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                        state = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END
                    WHERE reminder_id = ? AND channel = ?
                    """)
                for id in reminderIDs { try statement.execute(arguments: [error, retryAt, retryAt, id, channel]) }
            } else {
                statement = try db.cachedStatement(sql: """
                    UPDATE deliveries SET attempts = attempts + 1, state = 'sent', delivered_at = ?, last_error = NULL
                    WHERE reminder_id = ? AND channel = ?
                    """)
                for id in reminderIDs { try statement.execute(arguments: [at, id, channel]) }
            }
        }
    }

    public func nextDeliveryAt(channel: String?) throws -> Int64? {
        try pool.read { db in
            // Walks the pending deliveries in time order (CROSS JOIN keeps deliveries first) to the
            // first whose reminder is visible: one written ahead waits for its announcement, which
            // wakes the outbox; counting it here would wake it at its time to find nothing.
            try Int64.fetchOne(db, sql: """
                SELECT d.next_attempt_at FROM deliveries d CROSS JOIN reminders r ON r.id = d.reminder_id
                WHERE d.state = 'pending' AND d.next_attempt_at IS NOT NULL AND (? IS NULL OR d.channel = ?) AND \(Self.visibleReminder)
                ORDER BY d.next_attempt_at LIMIT 1
                """, arguments: [channel, channel])
        }
    }

    public func summary(today: Day, soonDays: Int) throws -> StoreSummary {
        try pool.read { db in
            let open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE closed IS NULL") ?? 0
            let soon = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadlines WHERE status = 'open' AND due BETWEEN ? AND ?",
                                        arguments: [today.number, today.number + soonDays]) ?? 0
            let overdue = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadlines WHERE status = 'open' AND due < ?",
                                           arguments: [today.number]) ?? 0
            let missed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadlines WHERE status = 'missed' AND fulfilled IS NULL") ?? 0
            let next = try Int64.fetchOne(db, sql: "SELECT MIN(next_fire_at) FROM deadlines WHERE next_fire_at IS NOT NULL")
            let pending = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM deliveries WHERE state = 'pending' AND reminder_id NOT IN (
                    SELECT id FROM reminders WHERE written_at IS NOT NULL AND created_at > (SELECT announced_through FROM fire_ahead))
                """) ?? 0
            return StoreSummary(openCases: open, dueSoon: soon, overdue: overdue + missed, nextFireAt: next, pendingDeliveries: pending)
        }
    }

    public func audit(actor: String, action: String, subject: String, detail: String) throws {
        try pool.write { db in try AuditChain.append(db, actor: actor, action: action, subject: subject, detail: detail) }
    }
}

extension SQLiteStore {
    /// Marks every open case for recomputation (after a reload changed policies or calendars).
    public func markOpenCasesDirty() throws -> Int {
        try pool.write { db in
            try db.execute(sql: "UPDATE cases SET dirty = 1 WHERE closed IS NULL AND dirty = 0")
            return db.changesCount
        }
    }
}

extension SQLiteStore {
    /// For benchmarks only: puts every open deadline of `kind` at milestone `milestone`, due `at`.
    public func benchmarkReschedule(kind: String, milestone: Int, at: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE deadlines SET next_milestone = ?, next_fire_at = ? WHERE kind = ? AND status = 'open'",
                           arguments: [milestone, at, kind])
        }
    }

    /// For benchmarks only: deadlines and timers due at `now`.
    public func benchmarkDueCount(now: Int64) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM deadlines WHERE next_fire_at IS NOT NULL AND next_fire_at <= ?)
                     + (SELECT COUNT(*) FROM timers WHERE next_fire_at IS NOT NULL AND next_fire_at <= ?)
                """, arguments: [now, now]) ?? 0
        }
    }

    /// For benchmarks only: how many reminders exist.
    public func benchmarkReminderCount() throws -> Int { try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminders") ?? 0 } }

    /// For benchmarks only: a consistent copy of the store at `path`.
    public func benchmarkBackup(to path: String) throws {
        try pool.backup(to: try DatabaseQueue(path: path))
    }
}
