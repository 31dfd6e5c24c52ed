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
/// As a service, `run()` returns after graceful shutdown or cancellation, once the files under way
/// are written.
final class CalendarPublisher: Service, Sendable {
    static let minimumInterval: Int64 = 30

    private let store: SQLiteStore
    private let engine: Engine
    private let logger: Logger
    private let lastWritten = Atomic<Int64>(0)
    private let thread = Mutex<WorkerThread?>(nil)

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
        do {
            try LeaderCalendars.publish(store: store, settings: engine.currentSettings, to: directory, now: now)
        } catch {
            logger.error("leader calendars not written: \(error)")
        }
    }
}
