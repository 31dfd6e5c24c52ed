import Synchronization
import XinfangCore
import ServiceLifecycle

/// Writes the bimonthly bulletin's files when its duty fires, on a worker thread of its own: the
/// scheduler hands it the due days and never waits. `run()` returns after graceful shutdown or
/// cancellation, once the bulletin under way is written.
final class BulletinWriter: Service, Sendable {
    private let write: @Sendable (Day) -> Void
    private let pending = Mutex<[Day]>([])
    private let worker = Mutex<WorkerThread?>(nil)

    /// `write` writes the bulletin for the duty due on that day.
    init(write: @escaping @Sendable (Day) -> Void) { self.write = write }

    /// Queues the bulletins of these days (written in date order) and wakes the writer.
    func enqueue(_ days: Set<Day>) {
        guard !days.isEmpty else { return }
        pending.withLock { $0 += days.sorted() }
        worker.withLock { $0 }?.wake()
    }

    func run() async {
        let thread = WorkerThread(name: "bulletins") { [self] in
            for day in pending.withLock({ days in defer { days = [] }; return days }) { write(day) }
            return nil
        }
        worker.withLock { $0 = thread }
        await WorkerService(worker: thread).run()
        worker.withLock { $0 = nil }
    }
}
