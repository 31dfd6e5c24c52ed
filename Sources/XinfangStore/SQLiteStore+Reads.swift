import Foundation
import GRDB
public import XinfangCore
public import XinfangPorts

// The queries behind `xinfangctl`'s read commands (`case show`, `due`, `reminders`, `status`,
// `agenda`), and the one write among them, acknowledging a reminder (签收). Every read is one read
// transaction, so what a command prints is a consistent snapshot. None of them reads the
// `petitioners` table. The records they return, and the read ports
// this store implements, are in XinfangPorts (`Reads.swift`).

/// Which reminders `reminders(_:caseNumber:limit:)` lists.
public enum ReminderFilter: String, Sendable {
    case all
    /// With a delivery still pending on some channel.
    case pending
    /// With a delivery that failed for good on some channel.
    case failed
    /// Not yet acknowledged.
    case unacked
}

extension SQLiteStore: ScheduleReads, CaseReads, DirectoryReads, StatusReads {
    /// The database file's path, as opened.
    public var location: String { path }
}

extension SQLiteStore {
    /// The SQL condition of a deadline row still owed by an office: open, or missed and not yet
    /// done; petitioners' windows excluded.
    static let owedByOffice: String = {
        let windows = DeadlineKind.allCases.filter { $0.party == .petitioner }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "(d.status = 'open' OR (d.status = 'missed' AND d.fulfilled IS NULL)) AND d.due IS NOT NULL AND d.kind NOT IN (\(windows))"
    }()

    /// Whether a case with this number is stored.
    public func caseExists(number: String) throws -> Bool {
        try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE number = ?)", arguments: [number]) ?? false
        }
    }

    /// Whether a unit with this name is registered.
    public func unitExists(name: String) throws -> Bool {
        try pool.read { db in try exists(db, unit: name) }
    }

    /// The case with its events, ownership history, stored deadlines and reminders; nil when unknown.
    public func caseRecord(number: String) throws -> CaseRecord? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE number = ?", arguments: [number]) else { return nil }
            let stored = try loadCase(db, row: row)
            let events = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE case_number = ? ORDER BY seq", arguments: [number]).map { e in
                RecordedEvent(
                    seq: e["seq"], type: e["type"], day: Day(number: e["day"]),
                    event: EventCoding.decode(type: e["type"], data: e["data"]).map { CaseEvent($0, on: Day(number: e["day"])) },
                    note: e["note"], recordedAt: e["recorded_at"])
            }
            let ownership = try Row.fetchAll(db, sql: "SELECT * FROM ownership WHERE case_number = ? ORDER BY rowid", arguments: [number])
                .map { OwnershipPeriod(leader: $0["leader"], since: $0["since"], until: $0["until"]) }
            let reminders = try reminderStates(db, where: "r.case_number = ?", arguments: [number], limit: nil)
            return CaseRecord(
                stored: stored, dirty: row["dirty"], closed: (row["closed"] as Int?).map(Day.init(number:)), createdAt: row["created_at"],
                events: events, ownership: ownership, reminders: reminders)
        }
    }

    /// Stored deadline rows still owed by an office (open, or missed and not done; not petitioners'
    /// windows) due on or before `dueThrough` (all when nil), of one unit's cases when `unit` is
    /// given; by due day, then case and kind. Rows of cases waiting for the daemon are included and
    /// flagged (`caseDirty`).
    public func owedDeadlines(dueThrough: Day?, unit: String?) throws -> [CaseDeadline] {
        try pool.read { db in
            var sql = """
                SELECT \(Self.owedColumns)
                FROM deadlines d JOIN cases c ON c.number = d.case_number
                WHERE \(Self.owedByOffice)
                """
            var arguments: StatementArguments = []
            if let unit {
                // One unit's: its cases by their next deadline (`cases_unit_next`), then their own rows —
                // a case owes a deadline due by then exactly when its next_due is by then.
                sql = """
                    SELECT \(Self.owedColumns)
                    FROM cases c CROSS JOIN deadlines d ON d.case_number = c.number
                    WHERE c.unit = ? AND c.next_due <= ? AND \(Self.owedByOffice)
                    """
                arguments = [unit, (dueThrough ?? Day(number: Int(Int32.max))).number]
            }
            if let dueThrough { sql += " AND d.due <= ?"; arguments += [dueThrough.number] }
            sql += " ORDER BY d.due, d.case_number"
            // Decoded by position: by column name it cost ~23 µs a row (the due list of a unit of 2,000 cases).
            return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(Self.owedDeadline(row:))
        }
    }

    /// The columns `owedDeadlines` selects, in the order `owedDeadline(row:)` reads them.
    static let owedColumns = """
        d.case_number, d.kind, d.status, d.start, d.due, d.fulfilled, d.provisional, d.article, d.policy, d.period_days,
        d.next_milestone, d.next_fire_at, c.unit, c.leader, c.dirty
        """

    /// A row of `owedColumns`, read by position.
    static func owedDeadline(row: Row) -> CaseDeadline {
        let deadline = StoredDeadline(
            kind: DeadlineKind(rawValue: row[1]) ?? .handling, status: DeadlineStatus(rawValue: row[2]) ?? .open,
            start: (row[3] as Int?).map(Day.init(number:)), due: (row[4] as Int?).map(Day.init(number:)),
            fulfilled: (row[5] as Int?).map(Day.init(number:)), provisional: row[6], article: row[7], policy: row[8], periodDays: row[9],
            nextMilestone: row[10], nextFireAt: row[11])
        return CaseDeadline(caseNumber: row[0], unit: row[12], leader: row[13], caseDirty: row[14], deadline: deadline)
    }

    /// Stored deadline rows with a schedule whose next firing is before `firingBefore` (Unix
    /// seconds): every milestone after the next one fires later, so these are all that can fire
    /// before it. Rows of cases waiting for the daemon are included and flagged (`caseDirty`).
    public func scheduledDeadlines(firingBefore: Int64) throws -> [CaseDeadline] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.*, c.unit AS unit, c.leader AS leader, c.dirty AS case_dirty
                FROM deadlines d JOIN cases c ON c.number = d.case_number
                WHERE d.next_milestone IS NOT NULL AND d.next_fire_at IS NOT NULL AND d.next_fire_at < ?
                ORDER BY d.next_fire_at, d.case_number
                """, arguments: [firingBefore]).map(Self.caseDeadline(row:))
        }
    }

    /// The cases waiting for the daemon to compute their deadlines (timeline and stored rows), of
    /// one unit when `unit` is given.
    public func dirtyCases(unit: String? = nil) throws -> [StoredCase] {
        try pool.read { db in
            let rows = if let unit {
                try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE dirty = 1 AND unit = ? ORDER BY number", arguments: [unit])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE dirty = 1 ORDER BY number")
            }
            return try rows.map { try loadCase(db, row: $0) }
        }
    }

    /// Reminders, newest first, with their deliveries: all, or only those `filter` selects, of one
    /// case when `caseNumber` is given; at most `limit`.
    public func reminders(_ filter: ReminderFilter, caseNumber: String?, limit: Int) throws -> [ReminderState] {
        try pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            switch filter {
            case .all: break
            case .pending: conditions.append("EXISTS (SELECT 1 FROM deliveries x WHERE x.reminder_id = r.id AND x.state = 'pending')")
            case .failed: conditions.append("EXISTS (SELECT 1 FROM deliveries x WHERE x.reminder_id = r.id AND x.state = 'failed')")
            case .unacked: conditions.append("r.acked_at IS NULL")
            }
            if let caseNumber { conditions.append("r.case_number = ?"); arguments += [caseNumber] }
            return try reminderStates(db, where: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments: arguments,
                                      limit: limit)
        }
    }

    func reminderStates(_ db: Database, where condition: String, arguments: StatementArguments, limit: Int?) throws -> [ReminderState] {
        var sql = "SELECT r.* FROM reminders r WHERE (\(condition)) AND \(Self.visibleReminder) ORDER BY r.id DESC"
        var arguments = arguments
        if let limit { sql += " LIMIT ?"; arguments += [limit] }
        let deliveries = try db.cachedStatement(sql: "SELECT * FROM deliveries WHERE reminder_id = ? ORDER BY channel")
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let id: Int64 = row["id"]
            let states = try Row.fetchAll(deliveries, arguments: [id]).map { d in
                DeliveryState(channel: d["channel"], state: d["state"], attempts: d["attempts"], nextAttemptAt: d["next_attempt_at"],
                              lastError: d["last_error"], deliveredAt: d["delivered_at"])
            }
            return ReminderState(reminder: Reminder(row: row), ackedAt: row["acked_at"], deliveries: states)
        }
    }

    /// One reminder with its deliveries, or nil when unknown.
    public func reminder(id: Int64) throws -> ReminderState? {
        try pool.read { db in try reminderStates(db, where: "r.id = ?", arguments: [id], limit: 1).first }
    }

    /// Acknowledges (签收) a reminder: sets its `acked_at` to now and appends an audit row, in one
    /// transaction. Refuses an unknown id and a reminder already acknowledged (changing nothing).
    /// Returns the reminder as acknowledged.
    @discardableResult
    public func ack(reminderID: Int64, actor: String) throws -> ReminderState {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT r.* FROM reminders r WHERE r.id = ? AND \(Self.visibleReminder)", arguments: [reminderID]) else {
                throw StoreError("unknown reminder \(reminderID)")
            }
            if (row["acked_at"] as Int64?) != nil { throw StoreError("reminder \(reminderID) was already acknowledged (签收)") }
            let now = Self.now()
            try db.execute(sql: "UPDATE reminders SET acked_at = ? WHERE id = ?", arguments: [now, reminderID])
            let reminder = Reminder(row: row)
            try AuditChain.append(
                db, actor: actor, action: "reminder.ack", subject: reminder.caseNumber,
                detail: "\(reminderID) \(reminder.kind) \(reminder.milestone) \(reminder.recipient.role.rawValue):\(reminder.recipient.name)")
            return try reminderStates(db, where: "r.id = ?", arguments: [reminderID], limit: 1)[0]
        }
    }

    /// The counts of `xinfangctl status` as of `today`.
    public func status(today: Day, soonDays: Int) throws -> StoreStatus {
        try pool.read { db in
            func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
                try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
            }
            let owed = "SELECT COUNT(*) FROM deadlines d WHERE \(Self.owedByOffice)"
            // Reminders written ahead and not yet announced are not counted (found by their own index).
            let unannounced = "SELECT id FROM reminders WHERE written_at IS NOT NULL AND created_at > (SELECT announced_through FROM fire_ahead)"
            func delivered(_ state: String) -> String {
                "SELECT COUNT(DISTINCT reminder_id) FROM deliveries WHERE state = '\(state)' AND reminder_id NOT IN (\(unannounced))"
            }
            let waiting = try count("SELECT COUNT(*) FROM (\(unannounced))")
            let next = try Row.fetchOne(db, sql: """
                SELECT next_fire_at, case_number, kind FROM deadlines WHERE next_fire_at IS NOT NULL ORDER BY next_fire_at LIMIT 1
                """)
            let lastAudit = try Row.fetchOne(db, sql: "SELECT at FROM audit ORDER BY seq DESC LIMIT 1")
            return StoreStatus(
                openCases: try count("SELECT COUNT(*) FROM cases WHERE closed IS NULL"),
                dueSoon: try count(owed + " AND d.due BETWEEN ? AND ?", [today.number, today.number + soonDays]),
                overdue: try count(owed + " AND d.due < ?", [today.number]),
                reminders: try count("SELECT COUNT(*) FROM reminders") - waiting,
                remindersPending: try count(delivered("pending")),
                remindersFailed: try count(delivered("failed")),
                remindersUnacked: try count("SELECT COUNT(*) FROM reminders WHERE acked_at IS NULL") - waiting,
                dirtyCases: try count("SELECT COUNT(*) FROM cases WHERE dirty = 1"),
                nextFire: next.map { ($0["next_fire_at"], $0["case_number"], DeadlineKind(rawValue: $0["kind"]) ?? .handling) },
                lastAuditAt: lastAudit?["at"],
                auditRows: try count("SELECT COUNT(*) FROM audit"))
        }
    }

    static func caseDeadline(row: Row) -> CaseDeadline {
        CaseDeadline(caseNumber: row["case_number"], unit: row["unit"], leader: row["leader"], caseDirty: row["case_dirty"],
                     deadline: StoredDeadline(row: row))
    }
}
