import Foundation
import Logging
import Systemd
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangICS
import XinfangPorts
import XinfangReports
import XinfangNotify
import XinfangPolicy
import XinfangStore
import XinfangWeb

/// xinfangd's scheduler: opens the store, arms the schedule, tells systemd it is ready, and then
/// sleeps until something is due, a nudge arrives, the clock is set, the watchdog wants a ping, or
/// the service group asks for a reload (SIGHUP) or a stop (SIGTERM, SIGINT). It runs on a thread of
/// its own (`SchedulerService`); the outboxes, the calendar publisher and the bulletin writer are
/// the group's other services, which it wakes.
///
/// Its mutable state belongs to the scheduler's thread; the bulletin writer's thread calls only
/// `writeScheduledBulletin`, which reads the store and the logger (constants). Hence `@unchecked`.
///
/// Health words go to systemd only when they are true: READY=1 after the loop's first step (the
/// store is open, migrations ran, the first batch of changed cases is recomputed and the schedule
/// armed), with the summary that step left; WATCHDOG=1 only after a step of the loop that reached the store;
/// STATUS= the one-line summary whenever it may have changed.
final class Daemon: @unchecked Sendable {
    let logger: Logger
    let store: SQLiteStore
    let engine: Engine
    let loop: EventLoop
    var runtime: Runtime
    /// The configuration and settings the web server's requests read; replaced with `runtime`.
    let webRuntime: WebRuntimeBox
    /// One outbox per channel, replaced on reload.
    let outboxes: ChannelOutboxes
    let configPath: String?
    let demo: Bool
    /// Half the watchdog interval systemd asked for, in milliseconds (-1: no watchdog).
    let watchdogTimeout: Int32
    let faultsAllowed = ProcessInfo.processInfo.environment["XINFANG_TEST_FAULTS"] == "1"
    private var lastStatus = ""
    private var lastStatusAt: Int64 = 0
    /// Why the last reload was refused (first line), while no later reload succeeded.
    private var reloadRefusal: String?
    /// Scheduler steps refused in a row because the store is full (SQLITE_FULL); 0 when writable.
    private var storeFullRetries = 0
    /// Holds firing while the wall clock runs far ahead of the boot clock.
    let clockGuard = ClockGuard()
    /// Writes the leaders' `.ics` files on its own thread.
    let calendars: CalendarPublisher
    /// Copies the write-ahead log into the store file off the scheduler's path, after steps that wrote.
    let checkpointer: StoreCheckpointer
    /// Writes the bulletins whose duty fired, on its own thread (built before the group runs).
    lazy var bulletins = BulletinWriter { [unowned self] day in self.writeScheduledBulletin(for: day) }

    init(runtime: Runtime, configPath: String?, demo: Bool, logger: Logger) throws {
        self.runtime = runtime
        webRuntime = WebRuntimeBox(WebRuntime(config: runtime.config, settings: runtime.settings))
        self.configPath = configPath
        self.demo = demo
        self.logger = logger
        // The loop first: it blocks the signals, and every thread started later inherits the mask.
        loop = try EventLoop(socketPath: StoreLocation.socketPath(store: runtime.config.storePath))
        store = try SQLiteStore(path: runtime.config.storePath) {
            ServiceNotifier.extendTimeout(seconds: 300)
            ServiceNotifier.status("migrating the store")
        }
        engine = Engine(store: store, settings: runtime.settings, clock: SystemClock(), logger: logger)
        calendars = CalendarPublisher(store: store, engine: engine, logger: logger)
        checkpointer = try StoreCheckpointer(store: store) { [logger] error in logger.error("write-ahead log not checkpointed: \(error)") }
        outboxes = ChannelOutboxes(logger: logger)
        watchdogTimeout = ServiceNotifier.watchdogInterval.map { Int32(clamping: $0.components.seconds * 500 + $0.components.attoseconds / 2_000_000_000_000_000) } ?? -1
    }

    /// Runs until `loop.requestStop()` (graceful shutdown) or a failure of the store; returns the
    /// exit code (0 stopped, 1 failed), after STOPPING=1.
    func run() -> Int32 {
        outboxes.replace(with: outboxWorkers())
        warnIfCalendarRunsOut()
        logPlugins()
        warnAboutDutyRecipients()
        do {
            _ = try store.nextFireAt()  // the schedule is armed: the loop knows when to wake
        } catch {
            logger.critical("store unreadable: \(error)", metadata: .xinfang(.storeFailed))
            ServiceNotifier.stopping(status: "store unreadable")
            return 1
        }
        // READY=1 comes after the first step: the cases that changed while the daemon was down are
        // recomputed (a bounded batch) and the summary it reports is true.
        var announcedReady = false
        while true {
            let clockChanged = checkClock()
            let woke: Wakeup
            do {
                let result = try engine.step(fire: !clockGuard.held)
                ServiceNotifier.watchdog()  // the loop made a step and the store answered
                if result.createdCount > 0 { outboxes.wake() }
                if result.wrote { checkpointer.wake() }
                bulletins.enqueue(Set(result.created.filter { $0.reminderKind == .duty && $0.milestone == RecurringDuty.Kind.bulletin.rawValue }.map(\.due)))
                if !announcedReady || result.wrote || lastStatus.isEmpty || clockChanged {
                    try refreshStatus(moreWork: result.moreWork, announcingReady: !announcedReady)
                    announcedReady = true
                    calendars.wake()
                }
                if storeFullRetries > 0 {
                    logger.notice("store writable again after \(storeFullRetries) retr\(storeFullRetries == 1 ? "y" : "ies")")
                    storeFullRetries = 0
                }
                // With work left (a long recomputation or catch-up), only look for requests and nudges.
                // While firing is held, look at the clocks again at least every minute.
                woke = clockGuard.held
                    ? loop.wait(until: nil, timeoutMilliseconds: result.moreWork ? 0 : (watchdogTimeout < 0 ? 60_000 : min(watchdogTimeout, 60_000)))
                    : loop.wait(until: result.nextWake, timeoutMilliseconds: result.moreWork ? 0 : watchdogTimeout)
            } catch where SQLiteStore.isFull(error) {
                // The store survives a full disk (the transaction rolled back): back off and retry
                // rather than exit into a restart loop. The loop is alive and the store answered.
                storeFullRetries += 1
                let delay = Int32(min(60, 1 << min(storeFullRetries - 1, 6)))
                logger.error("store full (disk or quota): the scheduler step was rolled back; retry \(storeFullRetries) in \(delay) s: \(error)")
                let status = "store full (disk or quota): retrying in \(delay) s"
                if announcedReady { ServiceNotifier.status(status) } else { announceReady(status: status, cases: "store full") }
                announcedReady = true
                ServiceNotifier.watchdog()
                lastStatus = ""
                woke = loop.wait(until: nil, timeoutMilliseconds: watchdogTimeout < 0 ? delay * 1000 : min(delay * 1000, watchdogTimeout))
            } catch {
                logger.critical("scheduler step failed: \(error)", metadata: .xinfang(.storeFailed))
                return shutdown(code: 1, reason: "scheduler step failed")
            }
            if woke.contains(.terminate) {
                logger.notice("stopping (SIGTERM or SIGINT): the current batch is finished", metadata: .xinfang(.stopping))
                return shutdown(code: 0, reason: "stopping")
            }
            if woke.contains(.hang) && faultsAllowed { hangForTests() }
            if woke.contains(.clockStepped) {
                logger.notice("the wall clock was set: schedule re-armed", metadata: .xinfang(.clockStepped))
            }
            if woke.contains(.clockConfirmed) && clockGuard.held {
                logger.notice("wall clock \(ClockGuard.describe(clockGuard.ahead)) confirmed by the operator: firing resumes", metadata: .xinfang(.clockStepped))
                clockGuard.confirm()
                lastStatus = ""
            }
            if woke.contains(.reload) { reload() }
        }
    }

    /// Holds or releases firing after the wall clock moved; returns true when that changed.
    private func checkClock() -> Bool {
        guard clockGuard.update() else { return false }
        if clockGuard.held {
            logger.critical("the wall clock jumped \(ClockGuard.describe(clockGuard.ahead)) ahead of the boot clock: firing is held until it comes back or `xinfangctl clock confirm`",
                            metadata: .xinfang(.clockJumped))
        } else {
            logger.notice("the wall clock is back in line with the boot clock: firing resumes", metadata: .xinfang(.clockStepped))
        }
        return true
    }

    /// STOPPING=1 and the nudge socket removed; the group then stops the outboxes and the writers.
    private func shutdown(code: Int32, reason: String) -> Int32 {
        ServiceNotifier.stopping(status: reason)
        checkpointer.stop()
        loop.shutdown()
        return code
    }

    /// The fault switch for tests: the loop stops making progress (and pinging the watchdog).
    private func hangForTests() -> Never {
        logger.warning("fault switch: the scheduler loop hangs now (XINFANG_TEST_FAULTS=1)")
        while true { sleep(3600) }
    }

    /// `1204 open · 37 due ≤3d · 5 overdue · next 2026-12-01 09:00`, after the last reload's
    /// refusal while it stands (`reload refused, running the previous configuration: … · 1204 open …`).
    func statusLine(_ s: StoreSummary, recomputing: Int) -> String {
        var line = reloadRefusal.map { "reload refused, running the previous configuration: \($0) · " } ?? ""
        line += "\(s.openCases) open · \(s.dueSoon) due ≤3d · \(s.overdue) overdue · next "
        line += s.nextFireAt.map { runtime.settings.scheduling.time.format($0) } ?? "none"
        if recomputing > 0 { line += " · recomputing \(recomputing) case(s)" }
        if clockGuard.held { line += " · CLOCK \(ClockGuard.describe(clockGuard.ahead)) AHEAD: firing held (xinfangctl clock confirm)" }
        return line
    }

    /// The bimonthly bulletin's files (Markdown, CSV, HTML) for the two months before `day`, in
    /// `<state>/bulletins/`, written when its duty fires.
    func writeScheduledBulletin(for day: Day) {
        let directory = URL(fileURLWithPath: store.path).deletingLastPathComponent().appendingPathComponent("bulletins").path
        let period = BulletinPeriod(writtenOn: day)
        do {
            let evaluationDue = runtime.settings.registry.evaluationDue(calendar: runtime.settings.scheduling.calendar)
            try Bulletins.writeScheduled(store: store, writtenOn: day, to: directory, evaluationDue: evaluationDue)
            logger.notice("bulletin \(period.first)…\(period.last) written to \(directory)")
        } catch {
            logger.error("bulletin \(period.first)…\(period.last) not written: \(error)")
        }
    }

    /// STATUS= when the summary changed. Counting over a large store is not free: during a long
    /// catch-up or recomputation the line is refreshed at most every 5 seconds. The first time,
    /// with READY=1 and the `started` journal entry, from the same summary.
    private func refreshStatus(moreWork: Bool, announcingReady: Bool = false) throws {
        let now = SystemClock().now()
        if !announcingReady && moreWork && now - lastStatusAt < 5 && !lastStatus.isEmpty { return }
        lastStatusAt = now
        let summary = try store.summary(today: today(), soonDays: 3)
        let line = statusLine(summary, recomputing: moreWork ? try store.dirtyCaseCount() : 0)
        if announcingReady {
            announceReady(status: line, cases: "\(summary.openCases) open cases")
            lastStatus = line
        } else if line != lastStatus {
            ServiceNotifier.status(line)
            lastStatus = line
        }
    }

    /// READY=1 with `status`, and the `started` journal entry: once, after the loop's first step.
    private func announceReady(status: String, cases: String) {
        let calendar = runtime.settings.scheduling.calendar
        logger.notice("xinfangd ready: store \(store.path), \(cases), policy \(runtime.settings.registry.defaultPolicyID), calendar \(calendar.id) \(calendar.years.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "none"), channels \((["journal"] + runtime.settings.channels).joined(separator: ", "))",
                      metadata: .xinfang(.started))
        ServiceNotifier.ready(status: status)
    }

    /// SIGHUP or `xinfangctl reload`: re-reads configuration and calendars; a bad file is refused and
    /// the old one kept. The outcome goes to the requester (`xinfangctl reload`, ExecReload=), and a
    /// refusal stays in STATUS= until a reload succeeds.
    func reload() {
        ServiceNotifier.reloading()
        let answer: String
        do {
            var config: DaemonConfig
            do throws(InputError) { config = try DaemonConfig.load(path: configPath) } catch { throw ConfigurationFailure(error.description) }
            if demo { config = try DemoSeed.prepare(config) }
            let new = try Runtime.build(config, mailLinks: LinkSetup.mailLinks(config: config, logger: logger))
            engine.reload(new.settings)
            webRuntime.replace(WebRuntime(config: new.config, settings: new.settings))
            let marked = try store.markOpenCasesDirty()
            runtime = new
            outboxes.replace(with: outboxWorkers())
            calendars.invalidate()
            warnIfCalendarRunsOut()
            logPlugins()
            warnAboutDutyRecipients()
            logger.notice("reloaded configuration and calendars; \(marked) open case(s) will be recomputed", metadata: .xinfang(.reloaded))
            reloadRefusal = nil
            answer = "reloaded: \(marked) open case(s) will be recomputed"
        } catch {
            logger.error("reload refused, keeping the running configuration: \(error)", metadata: .xinfang(.configRejected))
            reloadRefusal = String(describing: error).split(separator: "\n").first.map { String($0.prefix(200)) } ?? "error"
            answer = "refused: \(error)"
        }
        lastStatus = ""
        ServiceNotifier.ready()
        loop.answerReload(answer)
    }

    /// One entry per plugin file: loaded (with what it provides) or refused (MESSAGE_ID plugin-failed),
    /// and one per unit whose selected policy is unavailable.
    func logPlugins() {
        for p in runtime.plugins {
            let fields: [String: String?] = ["XINFANG_PLUGIN": p.id ?? p.path, "XINFANG_PLUGIN_PATH": p.path, "XINFANG_PLUGIN_SHA256": p.sha256]
            if let error = p.error {
                logger.error("plugin \(p.path) refused: \(error); running on the rest", metadata: .xinfang(.pluginFailed, fields))
            } else {
                logger.notice("plugin \(p.id ?? "?") \(p.version ?? "?") loaded from \(p.path) (sha256 \(p.sha256.prefix(12))…): policies \(p.policies), notifiers \(p.notifiers)",
                              metadata: .xinfang(.started, fields))
            }
        }
        for (unit, reason) in runtime.settings.registry.fallbacks.sorted(by: { $0.key < $1.key }) {
            logger.error("unit \(unit): \(reason)", metadata: .xinfang(.pluginFailed, ["XINFANG_UNIT": unit]))
        }
    }

    /// One worker per channel of the running configuration (not started: `ChannelOutboxes` runs them).
    func outboxWorkers() -> [WorkerThread] {
        runtime.notifiers.map { notifier in
            let outbox = Outbox(notifier: notifier, store: store, clock: SystemClock(), logger: logger)
            let logger = self.logger
            return WorkerThread(name: "outbox-\(notifier.id)") {
                do {
                    return try outbox.deliverDueAndNext()
                } catch {
                    logger.error("outbox \(notifier.id) failed: \(error)", metadata: .xinfang(.deliveryFailed))
                    return SystemClock().now() + 60
                }
            }
        }
    }

    func today() -> Day { runtime.settings.scheduling.time.day(of: SystemClock().now()) }

    /// Logs once per start or reload each recipient of a recurring duty (`[[duties]] to`) that is
    /// neither a registered unit nor a leader: its reminders are not created until it is added.
    func warnAboutDutyRecipients() {
        guard !runtime.config.duties.isEmpty else { return }
        do {
            let known = Set(try store.units().map(\.name) + store.leaders().map(\.name))
            for duty in runtime.config.duties {
                for name in duty.to where !known.contains(name) {
                    logger.warning("duty \(duty.name): recipient \(name) (to) is neither a registered unit nor a leader; it is not reminded until added (xinfangctl unit add \(name) --address MAIL, or leader add)",
                                   metadata: ["XINFANG_UNIT": "\(name)"])
                }
            }
        } catch {
            logger.error("duty recipients not checked: \(error)")
        }
    }

    /// Logs once per start or reload when deadlines soon run past the calendar's last year.
    func warnIfCalendarRunsOut() {
        let calendar = runtime.settings.scheduling.calendar
        let horizon = today().adding(days: 120)
        if calendar.lastCoveredDay.map({ $0 < horizon }) ?? true {
            logger.warning("calendar \(calendar.id) has no holiday data after \(calendar.lastCoveredDay.map(String.init(describing:)) ?? "—"): deadlines past it are provisional (weekends only) until the next notice is added",
                           metadata: .xinfang(.calendarMissing))
        }
    }
}
