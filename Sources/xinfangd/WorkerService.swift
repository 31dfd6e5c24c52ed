import CLinux
import Foundation
import ServiceLifecycle
import XinfangClock

/// A worker thread off the scheduler's path (one channel's outbox, the calendar publisher, the
/// bulletin writer): woken when there is work, or when its next run is due; stopped between runs.
/// Its work blocks (a child process, an fsync), so it runs on a thread of its own, never on the
/// cooperative pool. `finish()` closes its eventfd: a reload builds new workers, and each one that
/// ended must leave no descriptor behind.
final class WorkerThread: @unchecked Sendable {
    private var eventFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
    private let work: @Sendable () -> Int64?
    private let lock = NSLock()
    private var stopRequested = false
    private var ended = false
    private var waiter: CheckedContinuation<Void, Never>?
    private let name: String

    /// `work` delivers what is due and returns when it should run next (Unix seconds), if ever.
    init(name: String, work: @escaping @Sendable () -> Int64?) {
        self.name = name
        self.work = work
    }

    /// Starts the thread, which runs `work` at once. Call it once.
    func start() {
        let thread = Thread { [self] in self.run() }
        thread.name = name
        thread.start()
    }

    /// Wakes the thread to run now (also before `start()`: it runs at once anyway). Does nothing
    /// once the worker has finished.
    func wake() {
        lock.lock()
        defer { lock.unlock() }
        guard eventFD >= 0 else { return }
        var one: UInt64 = 1
        _ = write(eventFD, &one, 8)
    }

    /// Asks the thread to stop after the run under way; returns at once.
    func requestStop() {
        lock.withLock { stopRequested = true }
        wake()
    }

    /// Returns once the thread has ended (after `requestStop()`), and closes the eventfd.
    func finish() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if ended {
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
        lock.withLock {
            close(eventFD)
            eventFD = -1
        }
    }

    /// Whether a stop was asked for: long work checks it between its parts.
    var isStopping: Bool { lock.withLock { stopRequested } }

    private func run() {
        EventLoop.blockHandledSignals()
        defer {
            let waiter = lock.withLock {
                ended = true
                defer { self.waiter = nil }
                return self.waiter
            }
            waiter?.resume()
        }
        while !isStopping {
            let next = work()
            let now = WallClock.now()
            let timeout: Int32 = next.map { Int32(clamping: max(0, ($0 - now)) * 1000) } ?? -1
            var fd = pollfd(fd: eventFD, events: Int16(POLLIN), revents: 0)
            if poll(&fd, 1, timeout) > 0 {
                var value: UInt64 = 0
                _ = read(eventFD, &value, 8)
            }
        }
    }
}

/// A worker as a service. `run()` starts the thread and returns once it has ended, with its
/// descriptor closed: after graceful shutdown or cancellation, when the run under way is finished
/// (a delivery is never cut off midway).
struct WorkerService: Service {
    let worker: WorkerThread

    func run() async {
        worker.start()
        await withTaskCancellationOrGracefulShutdownHandler {
            await worker.finish()
        } onCancelOrGracefulShutdown: {
            worker.requestStop()
        }
    }
}
