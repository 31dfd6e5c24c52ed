import Foundation
import ServiceLifecycle
import UnixSignals

/// The scheduler as a service: `Daemon.run()`, its poll(2) loop on the CLOCK_REALTIME timerfd
/// (TFD_TIMER_CANCEL_ON_SET, which no library offers) and the nudge socket, on a thread of its own.
/// `run()` returns after graceful shutdown or cancellation, once the batch under way is finished
/// and STOPPING=1 is sent; it throws `SchedulerFailure` when the store failed (the group then stops
/// the other services and xinfangd exits 1).
struct SchedulerService: Service {
    let daemon: Daemon

    func run() async throws {
        let daemon = daemon
        let code = await withTaskCancellationOrGracefulShutdownHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
                let thread = Thread {
                    EventLoop.blockHandledSignals()
                    continuation.resume(returning: daemon.run())
                }
                thread.name = "scheduler"
                thread.start()
            }
        } onCancelOrGracefulShutdown: {
            daemon.loop.requestStop()
        }
        if code != 0 { throw SchedulerFailure(code: code) }
    }
}

/// The scheduler stopped on a failure (logged, and in STOPPING=1's STATUS=); `code` is the exit code.
struct SchedulerFailure: Error {
    let code: Int32
}

/// SIGHUP: asks the scheduler to reload (it answers with RELOADING=1 … READY=1). `run()` returns
/// after graceful shutdown or cancellation.
struct ReloadOnHangup: Service {
    let loop: EventLoop

    func run() async {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            loop.requestReload()
        }
    }
}
