public import XinfangCore

// The records of the ports spell out their public memberwise initialisers (a deliberate
// repetition): Swift synthesises only internal ones, and the adapters that build them live in
// other modules.

/// Why the store refused a write; the write changed nothing.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(_ description: String) { self.description = description }
}

/// A deadline row as the schedule keeps it: the derived deadline plus its next milestone.
public struct StoredDeadline: Equatable, Sendable {
    public var kind: DeadlineKind
    public var status: DeadlineStatus
    public var start: Day?
    public var due: Day?
    public var fulfilled: Day?
    public var provisional: Bool
    public var article: String
    public var policy: String
    /// The statutory period in calendar days (working days × 7/5), without extensions: what
    /// reminder lead times scale with.
    public var periodDays: Int?
    /// Index into the deadline's milestone list of the next one to fire.
    public var nextMilestone: Int?
    /// When it fires (Unix seconds); nil when nothing more is scheduled.
    public var nextFireAt: Int64?

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(kind: DeadlineKind, status: DeadlineStatus, start: Day?, due: Day?, fulfilled: Day?, provisional: Bool,
                article: String, policy: String, periodDays: Int?, nextMilestone: Int?, nextFireAt: Int64?) {
        self.kind = kind
        self.status = status
        self.start = start
        self.due = due
        self.fulfilled = fulfilled
        self.provisional = provisional
        self.article = article
        self.policy = policy
        self.periodDays = periodDays
        self.nextMilestone = nextMilestone
        self.nextFireAt = nextFireAt
    }
}

/// A stored case: its timeline and the version it was read at.
public struct StoredCase: Sendable {
    public var timeline: CaseTimeline
    public var version: Int64
    /// The stored deadline rows (empty until the daemon computed them).
    public var deadlines: [StoredDeadline]

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(timeline: CaseTimeline, version: Int64, deadlines: [StoredDeadline]) {
        self.timeline = timeline
        self.version = version
        self.deadlines = deadlines
    }
}

/// A deadline whose milestone is due, with what a reminder needs to know about its case.
public struct DueItem: Sendable {
    public var caseNumber: String
    public var unit: String
    public var unitAddress: String?
    public var leader: String?
    public var leaderAddress: String?
    /// The owning leader's deputies (absences route the leader's reminders to them).
    public var leaderDeputies: [DeputyAssignment] = []
    public var deadline: StoredDeadline
    /// The case was changed by hand recently: overdue-type milestones wait until this instant.
    public var settleUntil: Int64?

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(caseNumber: String, unit: String, unitAddress: String?, leader: String?, leaderAddress: String?,
                leaderDeputies: [DeputyAssignment] = [], deadline: StoredDeadline, settleUntil: Int64?) {
        self.caseNumber = caseNumber
        self.unit = unit
        self.unitAddress = unitAddress
        self.leader = leader
        self.leaderAddress = leaderAddress
        self.leaderDeputies = leaderDeputies
        self.deadline = deadline
        self.settleUntil = settleUntil
    }
}

/// A reminder to create (the store assigns its id; a dedupe key already present is skipped).
public struct NewReminder: Sendable {
    public var dedupeKey: String
    /// What it is about; stored as its label in `case_number`.
    public var about: ReminderSubject
    public var unit: String
    /// A deadline (`D6`) or `reception`, `digest`, `escalation` …; stored as its raw value.
    public var kind: ReminderKind
    public var milestone: String
    public var due: Day
    public var recipient: Recipient
    public var subject: String
    public var body: String
    public var fireAt: Int64
    public var lateBySeconds: Int64?

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(dedupeKey: String, about: ReminderSubject, unit: String, kind: ReminderKind, milestone: String, due: Day,
                recipient: Recipient, subject: String, body: String, fireAt: Int64, lateBySeconds: Int64?) {
        self.dedupeKey = dedupeKey
        self.about = about
        self.unit = unit
        self.kind = kind
        self.milestone = milestone
        self.due = due
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.fireAt = fireAt
        self.lateBySeconds = lateBySeconds
    }

    /// The label of what it is about, as the store keeps it.
    public var caseNumber: String { about.label }
}

/// What firing one due item does: the reminders to create, an overdue event to record, and where
/// the schedule goes next. Written in the same transaction as the schedule's advance.
public struct FireOutcome: Sendable {
    public var reminders: [NewReminder]
    public var recordOverdue: Bool
    public var nextMilestone: Int?
    public var nextFireAt: Int64?

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(reminders: [NewReminder], recordOverdue: Bool, nextMilestone: Int?, nextFireAt: Int64?) {
        self.reminders = reminders
        self.recordOverdue = recordOverdue
        self.nextMilestone = nextMilestone
        self.nextFireAt = nextFireAt
    }
}

/// A milestone whose reminders were written ahead of their time and withdrawn before they were
/// announced (their case changed): the recomputation puts the deadline's schedule back on it.
public struct WithdrawnMilestone: Equatable, Sendable {
    public var kind: DeadlineKind
    /// The milestone's name (`before-3wd`, `due`, `overdue`).
    public var milestone: String
    /// When it was to fire.
    public var fireAt: Int64

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(kind: DeadlineKind, milestone: String, fireAt: Int64) {
        self.kind = kind
        self.milestone = milestone
        self.fireAt = fireAt
    }
}

/// What an announcement showed: the reminders written ahead with an instant in (`after`, `through`].
public struct Announcement: Equatable, Sendable {
    public var after: Int64
    public var through: Int64

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(after: Int64, through: Int64) {
        self.after = after
        self.through = through
    }
}

/// A delivery waiting in the outbox.
public struct PendingDelivery: Sendable {
    public var reminder: Reminder
    public var channel: String
    public var attempts: Int

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(reminder: Reminder, channel: String, attempts: Int) {
        self.reminder = reminder
        self.channel = channel
        self.attempts = attempts
    }
}

/// The one-line health summary (STATUS=).
public struct StoreSummary: Equatable, Sendable {
    public var openCases: Int
    public var dueSoon: Int
    public var overdue: Int
    public var nextFireAt: Int64?
    public var pendingDeliveries: Int

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(openCases: Int, dueSoon: Int, overdue: Int, nextFireAt: Int64?, pendingDeliveries: Int) {
        self.openCases = openCases
        self.dueSoon = dueSoon
        self.overdue = overdue
        self.nextFireAt = nextFireAt
        self.pendingDeliveries = pendingDeliveries
    }
}

/// What the daemon's engine needs from a store. The SQLite store implements it; a PostgreSQL one
/// can follow without touching the engine. Every method that takes a closure runs it inside one
/// write transaction: what the closure decides is written whole, or not at all.
public protocol EngineStore: Sendable {
    /// Recomputes up to `limit` cases marked dirty: `compute` gets each timeline and its stored
    /// deadline rows and returns the new rows. A case changed meanwhile stays dirty. A case changed
    /// by hand settles until `settleUntil` (see `DueItem.settleUntil`); overdue records the new rows
    /// no longer bear out are withdrawn. Reminders of the case written ahead and not yet announced
    /// are withdrawn first; `compute` gets their milestones too. Returns the count.
    func recomputeDirty(limit: Int, settleUntil: Int64?,
                        rescheduling compute: (CaseTimeline, [StoredDeadline], [WithdrawnMilestone]) -> [StoredDeadline]) throws -> Int
    /// Fires up to `limit` items whose `next_fire_at <= now`, earliest first; returns the count and
    /// the reminders created (those whose dedupe key already existed are not returned). With
    /// `writtenAhead` (the real instant, before `now`) the reminders are written ahead of their time:
    /// stamped `now`, invisible until announced (`announceWrittenAhead`).
    func fireDue(now: Int64, limit: Int, channels: [String], escalateAfter: Int64?, writtenAhead: Int64?,
                 fire: (DueItem) -> FireOutcome) throws -> (fired: Int, created: [Reminder])
    /// Announces the reminders written ahead whose instant has come, and returns the range announced.
    func announceWrittenAhead(now: Int64) throws -> Announcement?
    /// The reminders of an announcement, `limit` at a time after `cursor` (the last one read).
    func announcedReminders(_ announcement: Announcement, after cursor: Reminder?, limit: Int) throws -> [Reminder]
    /// The instant of the earliest reminder written ahead and not yet announced, if any.
    func nextAnnouncementAt() throws -> Int64?
    /// The earliest `next_fire_at` of the deadlines, and of the timers.
    func nextDeadlineAt() throws -> Int64?
    func nextTimerAt() throws -> Int64?
    /// Marks for recomputation the cases with reminders written ahead and not yet announced (which
    /// withdraws them); returns how many.
    @discardableResult
    func withdrawWrittenAhead() throws -> Int
    /// Fires up to `limit` due timers (receptions, digests, escalations); see `SQLiteStore.fireTimers`.
    func fireTimers(now: Int64, limit: Int, channels: [String], escalateAfter: Int64?,
                    fire: (TimerItem, any TimerQueries) throws -> TimerOutcome) throws -> (fired: Int, created: [Reminder])
    /// Makes sure the timers a configuration implies exist (digests, daily reports, duties).
    func ensureTimers(dailyReports: Bool, duties: [String]) throws
    /// The earliest `next_fire_at` of deadlines and timers, if any.
    func nextFireAt() throws -> Int64?
    /// Marks every open case for recomputation (after a reload changed policies or calendars).
    func markOpenCasesDirty() throws -> Int
    /// Deliveries of on-time reminders due for an attempt (on `channel`, or on all when nil). Late
    /// reminders go out only in folded messages (`foldLateDeliveries`, `pendingDigests`).
    func pendingDeliveries(channel: String?, now: Int64, limit: Int) throws -> [PendingDelivery]
    /// Binds the pending late deliveries of a channel to stored messages; see `SQLiteStore.foldLateDeliveries`.
    func foldLateDeliveries(channel: String, now: Int64, holdUpTo: Int64, listLimit: Int,
                            render: (LateGroup) -> (dedupeKey: String, subject: String, body: String)) throws -> (folded: Int, held: Bool)
    /// Folded messages of a channel due for an attempt, each with all its reminders.
    func pendingDigests(channel: String, now: Int64, limit: Int) throws -> [PendingDigest]
    /// Records an attempt's result for some reminders on one channel.
    func recordDelivery(reminderIDs: [Int64], channel: String, at: Int64, error: String?, retryAt: Int64?) throws
    /// The earliest retry time of a pending delivery (on `channel`, or on all when nil), if any.
    func nextDeliveryAt(channel: String?) throws -> Int64?
    /// Counts for the status line, as of `today`.
    func summary(today: Day, soonDays: Int) throws -> StoreSummary
    /// Appends to the audit chain.
    func audit(actor: String, action: String, subject: String, detail: String) throws
}

extension EngineStore {
    /// Recomputes dirty cases with a `compute` that needs no withdrawn milestones (tools, benchmarks).
    public func recomputeDirty(limit: Int, settleUntil: Int64?, compute: (CaseTimeline, [StoredDeadline]) -> [StoredDeadline]) throws -> Int {
        try recomputeDirty(limit: limit, settleUntil: settleUntil, rescheduling: { timeline, existing, _ in compute(timeline, existing) })
    }
    /// Fires the items due at `now`, at their time.
    public func fireDue(now: Int64, limit: Int, channels: [String], escalateAfter: Int64?,
                        fire: (DueItem) -> FireOutcome) throws -> (fired: Int, created: [Reminder]) {
        try fireDue(now: now, limit: limit, channels: channels, escalateAfter: escalateAfter, writtenAhead: nil, fire: fire)
    }
    /// Deliveries of on-time reminders due for an attempt, on every channel.
    public func pendingDeliveries(now: Int64, limit: Int) throws -> [PendingDelivery] { try pendingDeliveries(channel: nil, now: now, limit: limit) }
    /// The earliest retry time of a pending delivery on any channel, if any.
    public func nextDeliveryAt() throws -> Int64? { try nextDeliveryAt(channel: nil) }
}
