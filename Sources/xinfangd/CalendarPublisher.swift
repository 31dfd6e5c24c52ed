import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangStore

/// Keeps one `.ics` per leader in `<state>/calendars/` for calendar clients to subscribe to, on its
/// own thread: the scheduler only wakes it after a step that changed something, and never waits for
/// it. A file is rewritten at most every 30 seconds and holds the reception days and the next
/// `LeaderCalendars.casesPerCalendar` due dates of the leader's cases (earliest first), however many they own.
/// Only the files whose leader's cases, reception days or day changed are rewritten (a thousand
/// leaders' files took minutes of a core at 1,000,000 cases, and every firing step woke it). As a
/// service, `run()` returns after graceful shutdown or cancellation, once the file under way is
/// written: it stops between two leaders.
final class CalendarPublisher: Service, Sendable {
    static let minimumInterval: Int64 = 30

    private let store: SQLiteStore
    private let engine: Engine
    private let logger: Logger
    private let lastWritten = Atomic<Int64>(0)
    private let thread = Mutex<WorkerThread?>(nil)
    /// What each leader's file was written from, and how many times `invalidate` was called.
    private let written = Mutex((files: LeaderCalendars.Written(), generation: 0))

    init(store: SQLiteStore, engine: Engine, logger: Logger) {
        self.store = store
        self.engine = engine
        self.logger = logger
    }

    /// Runs the thread; it writes the calendars once at once.
    func run() async {
        let worker = WorkerThread(name: "calendars") { [self] in publishIfDue() }
        thread.withLock { $0 = worker }
        await WorkerService(worker: worker).run()
        thread.withLock { $0 = nil }
    }

    /// Asks for the calendars to be rewritten (at once, or when the 30 s have passed).
    func wake() { thread.withLock { $0 }?.wake() }

    /// Forgets what the files were written from (a reload: the settings may have changed), so
    /// that the next run rewrites every file.
    func invalidate() {
        written.withLock { $0 = ([:], $0.generation + 1) }
        wake()
    }

    /// Writes the calendars unless they were written less than 30 s ago; returns when to run next.
    private func publishIfDue() -> Int64? {
        let now = SystemClock().now()
        let last = lastWritten.load(ordering: .relaxed)
        if now - last < Self.minimumInterval { return last + Self.minimumInterval }
        lastWritten.store(now, ordering: .relaxed)
        publish(now: now)
        return nil
    }

    private func publish(now: Int64) {
        let directory = URL(fileURLWithPath: store.path).deletingLastPathComponent().appendingPathComponent("calendars").path
        var (files, generation) = written.withLock { $0 }
        defer {
            // An `invalidate` meanwhile wins: what was written under the old settings is forgotten.
            written.withLock { if $0.generation == generation { $0.files = files } }
        }
        do {
            let started = ContinuousClock.now
            let count = try LeaderCalendars.publish(store: store, settings: engine.currentSettings, to: directory, now: now, written: &files,
                                                    stopping: { self.thread.withLock { $0 }?.isStopping ?? true })
            if count > 0 { logger.debug("leader calendars: \(count) file(s) written in \(ContinuousClock.now - started)") }
        } catch {
            logger.error("leader calendars not written: \(error)")
        }
    }
}
