import GRDB
import XinfangCore
public import XinfangPorts

extension SQLiteStore {
    /// Binds every pending late delivery of `channel` to a stored message, one per recipient, in one
    /// transaction: `render` gives each group's dedupe key, subject and body. While the schedule still
    /// has items due (a catch-up in progress) the late ones are held, so that a recipient gets one
    /// message for the whole catch-up — but never longer than `holdUpTo` seconds after the oldest of
    /// them was queued. Returns how many messages were written and whether late reminders are held.
    public func foldLateDeliveries(
        channel: String, now: Int64, holdUpTo: Int64, listLimit: Int,
        render: (LateGroup) -> (dedupeKey: String, subject: String, body: String)
    ) throws -> (folded: Int, held: Bool) {
        try pool.write { db in
            let unbound = "d.channel = ? AND d.state = 'pending' AND d.digest_id IS NULL AND r.late_by IS NOT NULL"
            guard let oldest = try Int64.fetchOne(db, sql: """
                SELECT MIN(d.next_attempt_at) FROM deliveries d JOIN reminders r ON r.id = d.reminder_id WHERE \(unbound)
                """, arguments: [channel]) else { return (0, false) }
            let catchingUp = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM deadlines WHERE next_fire_at IS NOT NULL AND next_fire_at <= ?)
                    OR EXISTS (SELECT 1 FROM timers WHERE next_fire_at IS NOT NULL AND next_fire_at <= ?)
                """, arguments: [now, now]) ?? false
            if catchingUp && now - oldest < holdUpTo { return (0, true) }
            let groups = try Row.fetchAll(db, sql: """
                SELECT r.recipient_role AS role, r.recipient AS name, r.address AS address, COUNT(*) AS n,
                       COUNT(DISTINCT r.case_number) AS cases, MIN(r.id) AS first_id, MAX(r.id) AS last_id
                FROM deliveries d JOIN reminders r ON r.id = d.reminder_id WHERE \(unbound)
                GROUP BY r.recipient_role, r.recipient, r.address ORDER BY MIN(r.id)
                """, arguments: [channel])
            let bind = try db.cachedStatement(sql: """
                UPDATE deliveries SET digest_id = ? WHERE channel = ? AND state = 'pending' AND digest_id IS NULL
                AND reminder_id IN (SELECT id FROM reminders WHERE late_by IS NOT NULL AND recipient_role = ? AND recipient = ? AND address IS ?)
                """)
            for row in groups {
                let role: String = row["role"], name: String = row["name"], address: String? = row["address"]
                let listed = try Row.fetchAll(db, sql: """
                    SELECT r.* FROM deliveries d JOIN reminders r ON r.id = d.reminder_id
                    WHERE \(unbound) AND r.recipient_role = ? AND r.recipient = ? AND r.address IS ?
                    ORDER BY r.fire_at, r.case_number, r.id LIMIT ?
                    """, arguments: [channel, role, name, address, listLimit]).map(Reminder.init(row:))
                let group = LateGroup(
                    channel: channel, recipient: Recipient(role: Recipient.Role(rawValue: role) ?? .unit, name: name, address: address),
                    count: row["n"], cases: row["cases"], firstID: row["first_id"], lastID: row["last_id"], listed: listed)
                let text = render(group)
                try db.execute(sql: """
                    INSERT INTO digests (channel, dedupe_key, recipient_role, recipient, address, subject, body, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [channel, text.dedupeKey, role, name, address, text.subject, text.body, now])
                try bind.execute(arguments: [db.lastInsertedRowID, channel, role, name, address])
            }
            return (groups.count, false)
        }
    }

    /// Folded messages of `channel` due for an attempt, oldest first, each with all its reminders.
    public func pendingDigests(channel: String, now: Int64, limit: Int) throws -> [PendingDigest] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT g.*, MAX(d.attempts) AS attempts FROM digests g JOIN deliveries d ON d.digest_id = g.id
                WHERE g.channel = ? AND d.state = 'pending' AND d.next_attempt_at <= ?
                GROUP BY g.id ORDER BY g.id LIMIT ?
                """, arguments: [channel, now, limit]).map { row in
                let id: Int64 = row["id"]
                let reminders = try Row.fetchAll(db, sql: """
                    SELECT r.* FROM deliveries d JOIN reminders r ON r.id = d.reminder_id WHERE d.digest_id = ?
                    ORDER BY r.fire_at, r.case_number, r.id
                    """, arguments: [id]).map(Reminder.init(row:))
                let recipient = Recipient(role: Recipient.Role(rawValue: row["recipient_role"]) ?? .unit, name: row["recipient"], address: row["address"])
                return PendingDigest(
                    id: id,
                    message: OutgoingMessage(recipient: recipient, subject: row["subject"], body: row["body"], dedupeKey: row["dedupe_key"], reminders: reminders),
                    attempts: row["attempts"])
            }
        }
    }
}
