import Dispatch
import Logging
import ServiceLifecycle
import Synchronization

/// The outboxes, one `WorkerService` per channel, run as one service: the channels come from the
/// configuration, so a reload replaces the whole set. Each set runs in a `ServiceGroup` of its own;
/// `replace(with:)` shuts the running set down gracefully (each channel finishes its delivery under
/// way) before the next starts, so two outboxes never deliver on one channel at once.
///
/// `run()` returns after graceful shutdown or cancellation, once the channels' threads have ended
/// and their descriptors are closed.
final class ChannelOutboxes: Service, Sendable {
    private struct Generation: Sendable {
        let workers: [WorkerThread]
        let installed: DispatchSemaphore
    }

    private let requests: AsyncStream<Generation>
    private let continuation: AsyncStream<Generation>.Continuation
    private let current = Mutex<[WorkerThread]>([])
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
        (requests, continuation) = AsyncStream.makeStream()
    }

    /// Stops the running outboxes and starts `workers` in their place; blocks (call it from the
    /// scheduler's thread, never from a task) until the old ones have ended and the new ones are in
    /// place. Returns at once when the service has stopped.
    func replace(with workers: [WorkerThread]) {
        let installed = DispatchSemaphore(value: 0)
        guard case .enqueued = continuation.yield(Generation(workers: workers, installed: installed)) else { return }
        installed.wait()
    }

    /// Wakes every running outbox to deliver now.
    func wake() { current.withLock { $0 }.forEach { $0.wake() } }

    func run() async {
        var running: (group: ServiceGroup, task: Task<Void, Never>)?
        for await generation in requests.cancelOnGracefulShutdown() {
            await Self.stop(running)
            let group = ServiceGroup(services: generation.workers.map(WorkerService.init), logger: logger)
            running = (group, Task { try? await group.run() })
            current.withLock { $0 = generation.workers }
            generation.installed.signal()
        }
        continuation.finish()
        current.withLock { $0 = [] }
        await Self.stop(running)
    }

    private static func stop(_ running: (group: ServiceGroup, task: Task<Void, Never>)?) async {
        guard let running else { return }
        await running.group.triggerGracefulShutdown()
        await running.task.value
    }
}
