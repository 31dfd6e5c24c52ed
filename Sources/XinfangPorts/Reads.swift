public import XinfangCore

// What the application layer's read models (`XinfangApp/Reads`, `LeaderCalendars`) read from a
// store, and the plain records they read. Every read is one read transaction of the store, so what
// a command prints is a consistent snapshot; none reads petitioners' data.

/// One stored event as recorded: its place in the case, the decoded event, the note, when it was written.
public struct RecordedEvent: Sendable {
    public var seq: Int
    /// The machine name stored in `events.type`.
    public var type: String
    public var day: Day
    /// The decoded event; nil only for a type this build does not know.
    public var event: CaseEvent?
    public var note: String?
    /// Unix seconds.
    public var recordedAt: Int64

    public init(seq: Int, type: String, day: Day, event: CaseEvent?, note: String?, recordedAt: Int64) {
        self.seq = seq
        self.type = type
        self.day = day
        self.event = event
        self.note = note
        self.recordedAt = recordedAt
    }
}

/// One period of a leader's ownership (包案) of a case.
public struct OwnershipPeriod: Equatable, Sendable {
    public var leader: String
    /// Unix seconds.
    public var since: Int64
    /// Unix seconds; nil while the leader still owns the case.
    public var until: Int64?

    public init(leader: String, since: Int64, until: Int64?) {
        self.leader = leader
        self.since = since
        self.until = until
    }
}

/// Where a reminder stands on one outbox channel.
public struct DeliveryState: Equatable, Sendable {
    public var channel: String
    /// `pending`, `sent` or `failed`.
    public var state: String
    public var attempts: Int
    /// Unix seconds of the next try while pending.
    public var nextAttemptAt: Int64?
    public var lastError: String?
    /// Unix seconds.
    public var deliveredAt: Int64?

    public init(channel: String, state: String, attempts: Int, nextAttemptAt: Int64?, lastError: String?, deliveredAt: Int64?) {
        self.channel = channel
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }
}

/// A reminder with its delivery on each channel and its acknowledgement (签收).
public struct ReminderState: Sendable {
    public var reminder: Reminder
    /// Unix seconds; nil until acknowledged.
    public var ackedAt: Int64?
    public var deliveries: [DeliveryState]

    public init(reminder: Reminder, ackedAt: Int64?, deliveries: [DeliveryState]) {
        self.reminder = reminder
        self.ackedAt = ackedAt
        self.deliveries = deliveries
    }
}

/// Everything stored about one case except its petitioner's data.
public struct CaseRecord: Sendable {
    /// Timeline, version and stored deadline rows.
    public var stored: StoredCase
    /// The daemon has not yet computed the current version's deadlines.
    public var dirty: Bool
    /// The day of the `closed` event, if any.
    public var closed: Day?
    /// Unix seconds.
    public var createdAt: Int64
    /// Every stored event, seq 0 (`received`) first.
    public var events: [RecordedEvent]
    public var ownership: [OwnershipPeriod]
    /// Newest first.
    public var reminders: [ReminderState]

    public init(stored: StoredCase, dirty: Bool, closed: Day?, createdAt: Int64, events: [RecordedEvent], ownership: [OwnershipPeriod],
                reminders: [ReminderState]) {
        self.stored = stored
        self.dirty = dirty
        self.closed = closed
        self.createdAt = createdAt
        self.events = events
        self.ownership = ownership
        self.reminders = reminders
    }
}

/// A stored deadline row with the case facts a listing needs.
public struct CaseDeadline: Sendable {
    public var caseNumber: String
    public var unit: String
    public var leader: String?
    /// The case waits for the daemon: this row may be stale.
    public var caseDirty: Bool
    public var deadline: StoredDeadline

    public init(caseNumber: String, unit: String, leader: String?, caseDirty: Bool, deadline: StoredDeadline) {
        self.caseNumber = caseNumber
        self.unit = unit
        self.leader = leader
        self.caseDirty = caseDirty
        self.deadline = deadline
    }
}

/// The counts `xinfangctl status` prints. Deadline counts are of stored rows of offices' duties
/// (petitioners' windows, D8 and D10, are not counted): cases waiting for the daemon are counted
/// apart, in `dirtyCases`.
public struct StoreStatus: Equatable, Sendable {
    public var openCases: Int
    /// Open deadlines due from today through today + soonDays.
    public var dueSoon: Int
    /// Open deadlines due before today, and missed ones not yet done.
    public var overdue: Int
    public var reminders: Int
    /// Reminders with a delivery pending on some channel.
    public var remindersPending: Int
    /// Reminders with a delivery failed for good on some channel.
    public var remindersFailed: Int
    public var remindersUnacked: Int
    public var dirtyCases: Int
    /// The earliest scheduled firing (Unix seconds) and what it is for.
    public var nextFire: (at: Int64, caseNumber: String, kind: DeadlineKind)?
    /// Unix seconds of the newest audit row.
    public var lastAuditAt: Int64?
    public var auditRows: Int

    public init(openCases: Int, dueSoon: Int, overdue: Int, reminders: Int, remindersPending: Int, remindersFailed: Int, remindersUnacked: Int,
                dirtyCases: Int, nextFire: (at: Int64, caseNumber: String, kind: DeadlineKind)?, lastAuditAt: Int64?, auditRows: Int) {
        self.openCases = openCases
        self.dueSoon = dueSoon
        self.overdue = overdue
        self.reminders = reminders
        self.remindersPending = remindersPending
        self.remindersFailed = remindersFailed
        self.remindersUnacked = remindersUnacked
        self.dirtyCases = dirtyCases
        self.nextFire = nextFire
        self.lastAuditAt = lastAuditAt
        self.auditRows = auditRows
    }

    public static func == (a: StoreStatus, b: StoreStatus) -> Bool {
        a.openCases == b.openCases && a.dueSoon == b.dueSoon && a.overdue == b.overdue && a.reminders == b.reminders
            && a.remindersPending == b.remindersPending && a.remindersFailed == b.remindersFailed
            && a.remindersUnacked == b.remindersUnacked && a.dirtyCases == b.dirtyCases && a.nextFire?.at == b.nextFire?.at
            && a.nextFire?.caseNumber == b.nextFire?.caseNumber && a.nextFire?.kind == b.nextFire?.kind
            && a.lastAuditAt == b.lastAuditAt && a.auditRows == b.auditRows
    }
}

/// A registered unit or leader.
public struct Party: Equatable, Sendable, Codable {
    public var name: String
    public var title: String?
    public var unit: String?
    public var address: String?

    public init(name: String, title: String? = nil, unit: String? = nil, address: String? = nil) {
        self.name = name
        self.title = title
        self.unit = unit
        self.address = address
    }
}

/// The schedule as the daemon stored it (`due`, `agenda`): deadline rows with their cases' facts,
/// and the cases still waiting for the daemon to compute them.
public protocol ScheduleReads: Sendable {
    /// Deadline rows still owed by an office (open, or missed and not done; not petitioners'
    /// windows) due on or before `dueThrough` (all when nil), of one unit's cases when `unit` is
    /// given; by due day, then case. Rows of cases waiting for the daemon are included and flagged
    /// (`caseDirty`).
    func owedDeadlines(dueThrough: Day?, unit: String?) throws -> [CaseDeadline]
    /// Deadline rows whose next firing is before `firingBefore` (Unix seconds), by firing time then
    /// case; rows of cases waiting for the daemon included and flagged.
    func scheduledDeadlines(firingBefore: Int64) throws -> [CaseDeadline]
    /// The cases waiting for the daemon (timeline and stored rows), of one unit when given, by number.
    func dirtyCases(unit: String?) throws -> [StoredCase]
}

extension ScheduleReads {
    /// Every case waiting for the daemon.
    public func dirtyCases() throws -> [StoredCase] { try dirtyCases(unit: nil) }
}

/// One case as `case show` reads it.
public protocol CaseReads: Sendable {
    /// The case with its events, ownership history, stored deadlines and reminders; nil when unknown.
    func caseRecord(number: String) throws -> CaseRecord?
    /// A case's imported state (信访件状态 of an export): the source's word, the event types without
    /// a day, the file it came from; nil when none is stored.
    func importedState(number: String) throws -> (state: String, undated: [String], source: String)?
    /// The repeats (重件) linked to `first`, by day received then number.
    func repeats(of first: String) throws -> [(number: String, received: Day)]
    /// The overdue records of one case that stand (withdrawn ones are gone), as `D1|2026-10-13`.
    func overdueRecords(caseNumber: String) throws -> Set<String>
}

/// Who and where (`agenda`, leaders' calendars): registered units and leaders, reception days, and
/// the open cases of a leader or a place.
public protocol DirectoryReads: Sendable {
    func units() throws -> [Party]
    func leaders() throws -> [Party]
    func receptionRules() throws -> [ReceptionRule]
    func receptionExceptions() throws -> [ReceptionException]
    /// Open cases (of a place, of a leader, or all), earliest next deadline first; at most `limit`
    /// when given.
    func briefingCases(place: String?, leader: String?, limit: Int?) throws -> [BriefingCase]
    /// A version per leader (by name) of what their open cases show — facts and deadlines — which
    /// moves when a case of theirs is added, changed, recomputed or reassigned, and not when a
    /// reminder fires. A leader never concerned has none.
    func leaderScheduleVersions() throws -> [String: Int64]
}

extension DirectoryReads {
    /// A leader's open cases, earliest next deadline first; at most `limit` when given.
    public func briefingCases(leader: String, limit: Int? = nil) throws -> [BriefingCase] {
        try briefingCases(place: nil, leader: leader, limit: limit)
    }
}

/// The store at a glance (`status`).
public protocol StatusReads: Sendable {
    /// Where the store is, as `status` shows it: for a file store, its path as opened (a relative
    /// one is shown resolved against the working directory).
    var location: String { get }
    /// The counts as of `today`; `soonDays` is how far "due soon" reaches.
    func status(today: Day, soonDays: Int) throws -> StoreStatus
}

/// Everything the schedule's read models (`ScheduleReader` and the views built on it) read.
public typealias ScheduleReaderStore = ScheduleReads & CaseReads & DirectoryReads
