public import Logging
import Synchronization
public import XinfangCore
public import XinfangPolicy
public import XinfangPorts

/// The scheduler's work, one step at a time: recompute what changed, fire what is due, say when to
/// wake next. It never sleeps itself: the daemon's loop (or a test with a simulated clock) calls
/// `step()` and sleeps until the answer. Safe to call from one thread at a time; `reload` from any.
public final class Engine: Sendable {
    /// What the configuration decides; swapped whole on reload.
    public struct Settings: Sendable {
        public var registry: PolicyRegistry
        public var scheduling: Scheduling
        /// Leaders' reception reminders, digests and escalations.
        public var leaders: LeaderScheduling
        /// Outbox channels every reminder is queued for (besides the journal, which logs at creation).
        public var channels: [String]
        /// How far ahead (seconds) the milestones of deadlines are written, to be announced at their
        /// time: a morning's batch is then shown at its instant, not written from it (0: at their time).
        public var fireAheadSeconds: Int64

        public init(registry: PolicyRegistry, scheduling: Scheduling, leaders: LeaderScheduling? = nil, channels: [String],
                    fireAheadSeconds: Int64 = 0) {
            self.registry = registry
            self.scheduling = scheduling
            self.fireAheadSeconds = max(0, fireAheadSeconds)
            self.leaders = leaders ?? LeaderScheduling(
                reception: StandardReceptionPolicy(), time: scheduling.time, calendar: scheduling.calendar,
                lateAfterSeconds: scheduling.lateAfterSeconds)
            self.channels = channels
        }
    }

    /// What one step did.
    public struct StepResult: Sendable {
        public var recomputed = 0
        public var fired = 0
        /// Milestones fired ahead of their time, their reminders written to be announced at it.
        public var firedAhead = 0
        /// How many reminders were created (announced ones included: they are shown from this step on).
        public var createdCount = 0
        /// How many of them were written ahead and announced now; the latest one's delay (seconds
        /// after its time, as the engine's clock shows it) when there were any.
        public var announced = 0
        public var announcedLateBySeconds: Int64?
        /// The first reminders created (at most `collectLimit`), for logs and tests.
        public var created: [Reminder] = []
        /// When something is next due (Unix seconds), or nil when nothing is scheduled.
        public var nextWake: Int64?
        /// Dirty cases remain: call `step()` again soon (after handling signals and nudges).
        public var moreWork = false
        /// Whether the step wrote to the store (cases recomputed, items fired, reminders announced).
        public var wrote: Bool { recomputed + fired + firedAhead + announced > 0 }
    }

    let store: any EngineStore
    let clock: any EngineClock
    let logger: Logger
    private let settings: Mutex<Settings>
    /// Whether the timers the current settings imply were created (once per configuration).
    private let timersEnsured = Mutex(false)
    /// Whether the reminders an earlier process wrote ahead and did not announce were withdrawn (once).
    private let startedUp = Mutex(false)
    /// The largest batch (cases recomputed or items fired in one transaction).
    public let batchSize: Int
    /// How long an item took in recent batches, to size the next batch to what is left of a step's budget.
    private let pace = Mutex(Pace())

    public init(store: any EngineStore, settings: Settings, clock: any EngineClock, logger: Logger, batchSize: Int = 1000) {
        self.store = store
        self.settings = Mutex(settings)
        self.clock = clock
        self.logger = logger
        self.batchSize = batchSize
    }

    /// Replaces the settings; the next step uses them. Marks nothing dirty by itself: the caller
    /// decides what a change affects (`recomputeAll`).
    public func reload(_ new: Settings) {
        settings.withLock { $0 = new }
        timersEnsured.withLock { $0 = false }
    }

    public var currentSettings: Settings { settings.withLock { $0 } }

    /// Recomputes up to `maxRecomputeBatches` batches of dirty cases, then fires everything due now,
    /// in batches; returns when nothing more is due at this instant. A long recomputation (after a
    /// reload) or catch-up (after downtime) is spread over several steps, so that the caller stays
    /// responsive and keeps pinging the watchdog (`moreWork`): each batch holds as many items as the
    /// time per item measured in recent batches lets fit in what is left of `budget` (at most
    /// `batchSize`), and a step starts no new batch once not even a small one fits.
    /// With `fire` false (the wall clock is in doubt) it only recomputes.
    public func step(maxRecomputeBatches: Int = 10, maxFireBatches: Int = 20, collectLimit: Int = 10_000,
                     budget: Duration = .milliseconds(100), fire: Bool = true) throws -> StepResult {
        var result = StepResult()
        let started = ContinuousClock.now
        func spent() -> Bool { ContinuousClock.now - started >= budget }
        let s = currentSettings
        if !timersEnsured.withLock({ $0 }) {
            try store.ensureTimers(dailyReports: !s.leaders.periods.periods.isEmpty, duties: s.leaders.duties.map(\.name))
            timersEnsured.withLock { $0 = true }
        }
        if !startedUp.withLock({ $0 }) {
            // Written ahead by a process that stopped: withdrawn and scheduled afresh, so that what
            // is late by now goes out as late, and what is not is written again by this one.
            let cases = try store.withdrawWrittenAhead()
            if cases > 0 {
                logger.notice("withdrawing the reminders written ahead and not announced of \(cases) case(s): they are scheduled afresh",
                              metadata: .xinfang(.recomputed))
            }
            startedUp.withLock { $0 = true }
        }
        for batch in 0..<maxRecomputeBatches {
            let limit = pace.withLock { $0.recompute.limit(left: budget - (ContinuousClock.now - started), first: batch == 0, maximum: batchSize) }
            guard let limit else { result.moreWork = true; break }
            let now = clock.now()
            let batchStarted = ContinuousClock.now
            let n = try store.recomputeDirty(limit: limit, settleUntil: s.scheduling.settleUntil(now: now), rescheduling: { timeline, existing, withdrawn in
                s.scheduling.rows(for: timeline, policy: s.registry.policy(forUnit: timeline.facts.unit), existing: existing,
                                  withdrawn: withdrawn, now: now)
            })
            pace.withLock { $0.recompute.record(items: n, took: ContinuousClock.now - batchStarted) }
            result.recomputed += n
            result.moreWork = n == limit
            if n < limit || spent() { break }
        }
        if result.recomputed > 0 {
            logger.info("recomputed deadlines of \(result.recomputed) case(s)\(result.moreWork ? "; more to do" : "")",
                        metadata: .xinfang(.recomputed))
        }
        // After the recomputation, which withdraws what a change made stale.
        if fire { try announce(s, collectLimit: collectLimit, into: &result) }
        for batch in 0..<(fire ? maxFireBatches : 0) {
            // The first batch of a step always runs (firing is never starved by a recomputation).
            let limit = pace.withLock { $0.fire.limit(left: budget - (ContinuousClock.now - started), first: batch == 0, maximum: batchSize) }
            guard let limit else { break }
            let now = clock.now()
            let escalate = s.leaders.escalateAfterSeconds
            let batchStarted = ContinuousClock.now
            var (fired, created) = try store.fireDue(now: now, limit: limit, channels: s.channels, escalateAfter: escalate) {
                s.scheduling.fire($0, now: now)
            }
            pace.withLock { $0.fire.record(items: fired, took: ContinuousClock.now - batchStarted) }
            let timers = try store.fireTimers(now: now, limit: limit, channels: s.channels, escalateAfter: escalate) { item, queries in
                try s.leaders.fire(item, now: now, queries: queries)
            }
            fired += timers.fired
            created += timers.created
            result.fired += fired
            result.createdCount += created.count
            if result.created.count < collectLimit { result.created += created.prefix(collectLimit - result.created.count) }
            log(created)
            // A fired item whose next milestone is also past (catch-up) is due again at once.
            if fired == 0 || spent() { break }
        }
        if fire && s.fireAheadSeconds > 0 { try fireAhead(s, started: started, budget: budget, into: &result) }
        let deadlines = try store.nextDeadlineAt()
        let wakes = [
            // With a window, a deadline's milestone is written that long before its time.
            deadlines.map { $0 - s.fireAheadSeconds }, try store.nextTimerAt(), try store.nextAnnouncementAt(),
        ].compactMap { $0 }
        result.nextWake = wakes.min()
        if fire, let next = result.nextWake, next <= clock.now() { result.moreWork = true }
        return result
    }

    /// Announces the reminders written ahead whose time has come: from now on they are listed,
    /// delivered and logged, as created at their time. They are read back and logged a page at a
    /// time (a morning's batch is tens of thousands), after the announcement's commit.
    func announce(_ s: Settings, collectLimit: Int, into result: inout StepResult) throws {
        let now = clock.now()
        let started = ContinuousClock.now
        guard let announcement = try store.announceWrittenAhead(now: now) else { return }
        let shown = ContinuousClock.now - started
        var last: Reminder?, oldest: Int64?
        while true {
            let page = try store.announcedReminders(announcement, after: last, limit: Engine.announcedPage)
            guard let end = page.last else { break }
            oldest = oldest ?? page[0].createdAt
            result.announced += page.count
            if result.created.count < collectLimit { result.created += page.prefix(collectLimit - result.created.count) }
            log(page)
            last = end
        }
        guard let oldest else { return }
        let late = now - oldest
        result.announcedLateBySeconds = late
        result.createdCount += result.announced
        logger.info("""
            announced \(result.announced) reminder(s) written ahead for \(s.scheduling.time.format(oldest)), \(late) s after their time \
            (shown in \(Engine.milliseconds(shown)) ms, logged in \(Engine.milliseconds(ContinuousClock.now - started - shown)) ms)
            """, metadata: .xinfang(.remindersAnnounced, ["XINFANG_LATE_SECONDS": String(late), "XINFANG_COUNT": String(result.announced)]))
    }

    /// How many announced reminders are read back and logged at a time.
    static let announcedPage = 1000

    static func milliseconds(_ d: Duration) -> Int { Int(seconds(d) * 1000) }

    /// Fires the milestones of deadlines due within the window ahead, one instant at a time in order,
    /// each as it would fire at its instant (`now` = the instant): their reminders are written now
    /// and announced then. Only once nothing is due now; within what is left of the step's budget.
    func fireAhead(_ s: Settings, started: ContinuousClock.Instant, budget: Duration, into result: inout StepResult) throws {
        let now = clock.now()
        if let due = try store.nextDeadlineAt(), due <= now { return }  // still firing what is due now
        let escalate = s.leaders.escalateAfterSeconds
        while let instant = try store.nextDeadlineAt(), instant > now, instant <= now + s.fireAheadSeconds {
            guard let limit = pace.withLock({ $0.fire.limit(left: budget - (ContinuousClock.now - started), first: false, maximum: batchSize) }) else {
                result.moreWork = true
                return
            }
            let batchStarted = ContinuousClock.now
            let (fired, _) = try store.fireDue(now: instant, limit: limit, channels: s.channels, escalateAfter: escalate, writtenAhead: now) {
                s.scheduling.fire($0, now: instant)
            }
            pace.withLock { $0.fire.record(items: fired, took: ContinuousClock.now - batchStarted) }
            result.firedAhead += fired
            if fired == 0 { return }
        }
    }

    /// Logs created reminders: one journal entry each; a burst of late ones to one recipient is
    /// folded into one digest entry (the single ones then at debug level).
    func log(_ created: [Reminder]) {
        var late: [Recipient: [Reminder]] = [:]
        for r in created where r.lateBySeconds != nil { late[r.recipient, default: []].append(r) }
        for r in created {
            let folded = (late[r.recipient]?.count ?? 0) > 1
            let id: MessageID = r.lateBySeconds == nil ? .reminderCreated : .reminderLate
            logger.log(level: folded ? .debug : (r.milestone == "overdue" ? .warning : .info), "\(r.subject)",
                       metadata: Engine.metadata(id, r))
            if r.reminderKind == .supervision && [SupervisionStep.Kind.urge.name, SupervisionStep.Kind.bulletin.name].contains(r.milestone) {
                logger.warning("supervision order breached (督办逾期): \(r.subject)", metadata: Engine.metadata(.supervisionBreach, r))
            }
            if r.milestone == "overdue" && r.recipient.role == .unit {
                logger.warning("deadline overdue (逾期): \(r.caseNumber) \(r.kind) due \(r.due)",
                               metadata: Engine.metadata(.deadlineOverdue, r))
            }
        }
        for (recipient, list) in late where list.count > 1 {
            // The cases are counted only when the entry is logged (inside the message's autoclosure).
            logger.notice("catch-up digest for \(recipient.name): \(list.count) late reminders (\(Set(list.lazy.map(\.caseNumber)).count) cases)",
                          metadata: .xinfang(.catchUpDigest, [recipient.role == .unit ? "XINFANG_UNIT" : "XINFANG_LEADER": recipient.name]))
        }
    }

    /// The time per item of recent batches of one kind (recomputed cases, fired items), to size the
    /// next batch so that a step ends near its budget whatever the store's size and the machine's speed.
    struct BatchPace {
        /// Seconds per item, a moving average; nil until a batch of some size was measured.
        var secondsPerItem: Double?
        /// The smallest batch worth a transaction, and the first batch's size before any measurement.
        static let minimum = 50, initial = 200

        /// How many items the next batch should hold with `left` of the budget remaining; nil when not
        /// even a minimal batch fits (the step should end), unless it is the step's first batch.
        func limit(left: Duration, first: Bool, maximum: Int) -> Int? {
            guard let perItem = secondsPerItem else { return min(maximum, Self.initial) }
            let fits = Int(Engine.seconds(left) / perItem)
            if fits < Self.minimum && !first { return nil }
            return min(maximum, max(Self.minimum, fits))
        }

        mutating func record(items: Int, took: Duration) {
            guard items >= Self.minimum else { return }  // a short batch (the tail of the work) says little
            let sample = Engine.seconds(took) / Double(items)
            secondsPerItem = secondsPerItem.map { 0.5 * $0 + 0.5 * sample } ?? sample
        }
    }

    struct Pace {
        var recompute = BatchPace()
        var fire = BatchPace()
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    static func metadata(_ id: MessageID, _ r: Reminder) -> Logger.Metadata {
        .xinfang(id, [
            "XINFANG_CASE": r.caseNumber, "XINFANG_UNIT": r.unit,
            "XINFANG_LEADER": r.recipient.role == .unit ? nil : r.recipient.name,
            "XINFANG_DEADLINE_KIND": r.deadlineKind?.rawValue, "XINFANG_REMINDER_KIND": r.kind, "XINFANG_DUE": r.due.description,
            "XINFANG_MILESTONE": r.milestone, "XINFANG_RECIPIENT": r.recipient.name,
            "XINFANG_DEDUPE_KEY": r.dedupeKey,
            "XINFANG_LATE_SECONDS": r.lateBySeconds.map { String($0) },
        ])
    }
}
