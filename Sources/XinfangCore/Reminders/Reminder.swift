/// Who a reminder is for.
public struct Recipient: Hashable, Sendable, Codable {
    public enum Role: String, Sendable, Codable {
        /// The handling unit (承办单位).
        case unit
        /// The owning leader (包案领导).
        case leader
        /// A leader's deputy (代理人), when the leader is absent or has not acknowledged.
        case deputy
    }

    public var role: Role
    /// The unit's or leader's name, as registered.
    public var name: String
    /// Where channels reach them (a mail address for Maildir), when known.
    public var address: String?

    public init(role: Role, name: String, address: String? = nil) {
        self.role = role
        self.name = name
        self.address = address
    }
}

/// A reminder created by the scheduler: one milestone of one deadline, for one recipient.
/// Identified by its dedupe key, so that it exists once whatever happens to the process.
/// Its texts are in Simplified Chinese and carry case numbers only, never petitioners' data.
public struct Reminder: Hashable, Sendable, Codable {
    /// The store's row id.
    public var id: Int64
    /// `case|kind|milestone|due|role:recipient`: the same reminder always has the same key.
    public var dedupeKey: String
    /// The label of what the reminder is about, as stored: a case number, or for the other kinds
    /// a place, `日报 <day>`, a duty's name, `周报 <day>` (typed: `about`).
    public var caseNumber: String
    public var unit: String
    /// What it is about, as stored: a deadline kind (`D6`), or `reception`, `digest`, `escalation` …
    /// (typed: `reminderKind`).
    public var kind: String
    /// The milestone's name, e.g. `before-10wd`, `due`, `overdue`.
    public var milestone: String
    public var due: Day
    public var recipient: Recipient
    /// One line, e.g. 【办理期限提醒】XF-2026-000123 应于2026-12-10前办结.
    public var subject: String
    /// The full text.
    public var body: String
    /// When it was meant to fire (Unix seconds).
    public var fireAt: Int64
    /// When it was created (Unix seconds).
    public var createdAt: Int64
    /// How late it was created, in seconds, when the daemon was down at `fireAt`; nil when on time.
    public var lateBySeconds: Int64?

    public init(
        id: Int64, dedupeKey: String, caseNumber: String, unit: String, kind: String, milestone: String, due: Day,
        recipient: Recipient, subject: String, body: String, fireAt: Int64, createdAt: Int64, lateBySeconds: Int64?
    ) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.caseNumber = caseNumber
        self.unit = unit
        self.kind = kind
        self.milestone = milestone
        self.due = due
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.fireAt = fireAt
        self.createdAt = createdAt
        self.lateBySeconds = lateBySeconds
    }
}

extension Reminder {
    /// A deadline reminder.
    public init(
        id: Int64, dedupeKey: String, caseNumber: String, unit: String, deadlineKind: DeadlineKind, milestone: String, due: Day,
        recipient: Recipient, subject: String, body: String, fireAt: Int64, createdAt: Int64, lateBySeconds: Int64?
    ) {
        self.init(id: id, dedupeKey: dedupeKey, caseNumber: caseNumber, unit: unit, kind: deadlineKind.rawValue, milestone: milestone, due: due,
                  recipient: recipient, subject: subject, body: body, fireAt: fireAt, createdAt: createdAt, lateBySeconds: lateBySeconds)
    }

    /// The deadline it is about, when it is a deadline reminder.
    public var deadlineKind: DeadlineKind? { DeadlineKind(rawValue: kind) }

    /// Its kind; nil for a kind this version does not know.
    public var reminderKind: ReminderKind? { ReminderKind(rawValue: kind) }

    /// What it is about.
    public var about: ReminderSubject { ReminderSubject(kind: reminderKind, label: caseNumber) }
}

/// One message for a channel: a single reminder, or a digest folding several late reminders to
/// the same recipient into one (after downtime).
public struct OutgoingMessage: Hashable, Sendable, Codable {
    public var recipient: Recipient
    public var subject: String
    public var body: String
    /// Stable across retries: channels may drop repeats by it. A single reminder's dedupe key, or
    /// `digest:` followed by a hash of the folded keys.
    public var dedupeKey: String
    /// The reminders it carries (one, or several for a digest).
    public var reminders: [Reminder]

    public init(recipient: Recipient, subject: String, body: String, dedupeKey: String, reminders: [Reminder]) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.dedupeKey = dedupeKey
        self.reminders = reminders
    }

    /// True when it folds several reminders.
    public var isDigest: Bool { reminders.count > 1 }
}
