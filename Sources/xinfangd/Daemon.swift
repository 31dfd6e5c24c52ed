import Foundation
import Logging
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangNotify
import XinfangPolicy
import XinfangStore

/// xinfangd: opens the store, arms the schedule, and then sleeps until something is due, a nudge
/// arrives, the clock is set, or a signal says reload (SIGHUP) or stop (SIGTERM, SIGINT).
final class Daemon {
    let logger: Logger
    let store: SQLiteStore
    let engine: Engine
    let loop: EventLoop
    var runtime: Runtime
    var outboxes: [OutboxThread] = []
    let configPath: String?
    let demo: Bool

    init(runtime: Runtime, configPath: String?, demo: Bool, logger: Logger) throws {
        self.runtime = runtime
        self.configPath = configPath
        self.demo = demo
        self.logger = logger
        // The loop first: it blocks the signals, and every thread started later inherits the mask.
        loop = try EventLoop(runtimeDirectory: runtime.config.runtimeDirectory)
        store = try SQLiteStore(path: runtime.config.storePath)
        engine = Engine(store: store, settings: runtime.settings, clock: SystemClock(), logger: logger)
    }

    /// Runs until SIGTERM/SIGINT; returns the exit code.
    func run() -> Int32 {
        startOutboxes()
        warnIfCalendarRunsOut()
        do {
            let summary = try store.summary(today: today(), soonDays: 3)
            logger.notice("xinfangd ready: store \(store.path), \(summary.openCases) open cases, policy \(runtime.settings.registry.defaultPolicyID), calendar \(runtime.settings.scheduling.calendar.id) \(runtime.settings.scheduling.calendar.years.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "none")",
                          metadata: .xinfang(.started))
        } catch {
            logger.critical("store unreadable: \(error)", metadata: .xinfang(.storeFailed))
            return 1
        }
        var next: Int64? = nil
        var moreWork = false
        while true {
            do {
                let result = try engine.step()
                next = result.nextWake
                moreWork = result.moreWork
                if result.createdCount > 0 { outboxes.forEach { $0.wake() } }
            } catch {
                logger.critical("scheduler step failed: \(error)", metadata: .xinfang(.storeFailed))
                stopOutboxes()
                loop.shutdown()
                return 1
            }
            // With dirty cases left, only look for signals and nudges, then go on recomputing.
            let woke = loop.wait(until: next, timeoutMilliseconds: moreWork ? 0 : -1)
            if woke.contains(.terminate) {
                logger.notice("stopping (SIGTERM): the current batch is finished", metadata: .xinfang(.stopping))
                stopOutboxes()
                loop.shutdown()
                return 0
            }
            if woke.contains(.clockStepped) {
                logger.notice("the wall clock was set: schedule re-armed", metadata: .xinfang(.clockStepped))
            }
            if woke.contains(.reload) { reload() }
        }
    }

    /// SIGHUP: re-reads configuration and calendars; a bad file is refused and the old one kept.
    func reload() {
        do {
            var config: DaemonConfig
            do throws(InputError) { config = try DaemonConfig.load(path: configPath) } catch { throw DaemonFailure(error.description) }
            if demo { config = try DemoSeed.prepare(config) }
            let new = try Runtime.build(config)
            engine.reload(new.settings)
            let marked = try store.markOpenCasesDirty()
            stopOutboxes()
            runtime = new
            startOutboxes()
            warnIfCalendarRunsOut()
            logger.notice("reloaded configuration and calendars; \(marked) open case(s) will be recomputed", metadata: .xinfang(.reloaded))
        } catch {
            logger.error("reload refused, keeping the running configuration: \(error)", metadata: .xinfang(.configRejected))
        }
    }

    func startOutboxes() {
        outboxes = runtime.notifiers.map { notifier in
            let outbox = Outbox(notifier: notifier, store: store, clock: SystemClock(), logger: logger)
            let store = self.store
            let logger = self.logger
            return OutboxThread(name: "outbox-\(notifier.id)") {
                do {
                    try outbox.deliverDue()
                    return try store.nextDeliveryAt()
                } catch {
                    logger.error("outbox \(notifier.id) failed: \(error)", metadata: .xinfang(.deliveryFailed))
                    return Int64(Date().timeIntervalSince1970) + 60
                }
            }
        }
        outboxes.forEach { $0.start() }
    }

    func stopOutboxes() {
        outboxes.forEach { $0.stop() }
        outboxes = []
    }

    func today() -> Day { runtime.settings.scheduling.time.day(of: SystemClock().now()) }

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
