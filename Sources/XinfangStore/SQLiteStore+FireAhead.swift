import GRDB
public import XinfangCore
import XinfangPorts

// Reminders written ahead of their time (migration v17). The scheduler writes the milestones of the
// next minute or so before they fall due, each stamped with its own instant, so that a morning's batch
// of tens of thousands is not written at 09:00 but shown at 09:00: its rows wait, invisible, until the
// scheduler announces them by moving `fire_ahead.announced_through` past their instant (one row, in one
// transaction). Until then no reader lists them, the outbox does not deliver them and a change to
// their case withdraws them (`withdrawUnannounced`), as if they had never been written.

extension SQLiteStore {
    /// The condition a reminder `r` is visible under: written at its time, or announced.
    static let visibleReminder = "(r.written_at IS NULL OR r.created_at <= (SELECT announced_through FROM fire_ahead))"

    /// Announces the reminders written ahead whose instant has come (`created_at <= now`): moves
    /// `announced_through` to `now`, which shows them all at once, and returns the range announced
    /// (read its reminders with `announcedReminders`, after the commit: the announcement waits for
    /// nothing but the one row). Nothing to announce writes nothing and returns nil. While one of
    /// them belongs to a case changed and not yet recomputed (which will withdraw it), none is
    /// announced: the scheduler recomputes it first.
    public func announceWrittenAhead(now: Int64) throws -> Announcement? {
        try pool.write { db in
            let through = try Self.announcedThrough(db)
            guard now > through else { return nil }
            let due = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM reminders WHERE written_at IS NOT NULL AND created_at > ? AND created_at <= ?)
                """), arguments: [through, now]) ?? false
            guard due else { return nil }
            let stale = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM cases c WHERE c.dirty = 1 AND EXISTS (
                    SELECT 1 FROM reminders r WHERE r.case_number = c.number AND r.written_at IS NOT NULL AND r.created_at > ? AND r.created_at <= ?))
                """), arguments: [through, now]) ?? false
            if stale { return nil }
            try db.execute(sql: "UPDATE fire_ahead SET announced_through = ?", arguments: [now])
            return Announcement(after: through, through: now)
        }
    }

    /// The reminders an announcement showed, in the order of their instant and id, `limit` at a time
    /// after `cursor` (the last one of the page before), along the index of rows written ahead.
    public func announcedReminders(_ announcement: Announcement, after cursor: Reminder?, limit: Int) throws -> [Reminder] {
        try pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM reminders INDEXED BY reminders_written_ahead
                WHERE written_at IS NOT NULL AND created_at > ? AND created_at <= ? AND (created_at, id) > (?, ?)
                ORDER BY created_at, id LIMIT ?
                """), arguments: [announcement.after, announcement.through, cursor?.createdAt ?? Int64.min, cursor?.id ?? Int64.min, limit])
            .map(Reminder.init(row:))
        }
    }

    /// The instant of the earliest reminder written ahead and not yet announced, if any.
    public func nextAnnouncementAt() throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT MIN(created_at) FROM reminders WHERE written_at IS NOT NULL AND created_at > (SELECT announced_through FROM fire_ahead)
                """))
        }
    }

    /// The earliest `next_fire_at` of the deadlines (without the timers), if any.
    public func nextDeadlineAt() throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT MIN(next_fire_at) FROM deadlines WHERE next_fire_at IS NOT NULL"))
        }
    }

    /// Marks for recomputation every case with reminders written ahead and not yet announced, so that
    /// the recomputation withdraws them and schedules their milestones afresh: at start (they were
    /// written by a process that stopped; what is late must go out as late) and after a change that
    /// alters reminders without changing a case (a deputy, an absence, an address). Returns how many.
    @discardableResult
    public func withdrawWrittenAhead() throws -> Int {
        try pool.write { db in try Self.markWrittenAheadDirty(db) }
    }

    static func markWrittenAheadDirty(_ db: Database) throws -> Int {
        try db.execute(sql: """
            UPDATE cases SET dirty = 1 WHERE dirty = 0 AND number IN (
                SELECT case_number FROM reminders WHERE written_at IS NOT NULL AND created_at > (SELECT announced_through FROM fire_ahead))
            """)
        return db.changesCount
    }

    static func announcedThrough(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT announced_through FROM fire_ahead")) ?? 0
    }

    /// Deletes a case's reminders written ahead and not yet announced, with their deliveries, their
    /// 签收 timers and the overdue records written with them, and returns the milestones they were
    /// for: the recomputation puts each deadline's schedule back on it.
    func withdrawUnannounced(_ db: Database, caseNumber: String) throws -> [WithdrawnMilestone] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, kind, milestone, due, fire_at, created_at FROM reminders
            WHERE case_number = ? AND written_at IS NOT NULL AND created_at > (SELECT announced_through FROM fire_ahead)
            """), arguments: [caseNumber])
        guard !rows.isEmpty else { return [] }
        var withdrawn: [WithdrawnMilestone] = []
        for row in rows {
            let id: Int64 = row[0]
            try db.execute(sql: "DELETE FROM deliveries WHERE reminder_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM timers WHERE kind = '\(TimerKind.acknowledgement.rawValue)' AND key = ?", arguments: [String(id)])
            try db.execute(sql: "DELETE FROM reminders WHERE id = ?", arguments: [id])
            guard let kind = DeadlineKind(rawValue: row[1]) else { continue }
            let milestone: String = row[2]
            if milestone == "overdue" {
                // The record written with it bears its instant.
                try db.execute(sql: "DELETE FROM overdue WHERE case_number = ? AND kind = ? AND due = ? AND recorded_at = ?",
                               arguments: [caseNumber, kind.rawValue, row[3] as Int, row[5] as Int64])
            }
            let entry = WithdrawnMilestone(kind: kind, milestone: milestone, fireAt: row[4])
            if !withdrawn.contains(entry) { withdrawn.append(entry) }
        }
        return withdrawn
    }
}
