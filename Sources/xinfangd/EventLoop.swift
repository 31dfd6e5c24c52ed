import CLinux
import Foundation
import XinfangFiles
import XinfangClock

/// What woke the daemon's loop.
struct Wakeup: OptionSet {
    let rawValue: Int
    static let timer = Wakeup(rawValue: 1)
    static let clockStepped = Wakeup(rawValue: 2)
    static let nudged = Wakeup(rawValue: 4)
    static let terminate = Wakeup(rawValue: 8)
    static let reload = Wakeup(rawValue: 16)
    static let timeout = Wakeup(rawValue: 32)
    /// The test-only fault switch (`fault:hang` on the nudge socket, honoured with XINFANG_TEST_FAULTS=1).
    static let hang = Wakeup(rawValue: 64)
    /// `xinfangctl clock confirm`: the operator says the wall clock is right.
    static let clockConfirmed = Wakeup(rawValue: 128)
}

/// The daemon's single wait point: a wall-clock timer (timerfd, cancelled when the clock is set, so
/// clock steps wake it), the signals (signalfd: SIGTERM, SIGINT, SIGHUP), and the nudge socket.
/// Nothing polls: the process sleeps in poll(2) until one of them fires.
final class EventLoop {
    private let timerFD: Int32
    private let signalFD: Int32
    private let nudgeFD: Int32
    let socketPath: String

    /// Blocks the handled signals in this thread (call before starting any other thread, so that
    /// every thread inherits the mask) and opens the descriptors. Refuses a socket another daemon
    /// listens on (two daemons on one store); a file left by one that died is replaced.
    init(socketPath: String) throws {
        var mask = EventLoop.blockHandledSignals()
        signalFD = signalfd(-1, &mask, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
        timerFD = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC | TFD_NONBLOCK))
        self.socketPath = socketPath
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: socketPath).deletingLastPathComponent().path, withIntermediateDirectories: true)
        guard !Nudge.listening(socketPath) else { throw LoopError("another xinfangd listens on \(socketPath): one daemon per store") }
        nudgeFD = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard signalFD >= 0, timerFD >= 0, nudgeFD >= 0 else { throw LoopError("cannot create event descriptors: errno \(errno)") }
        unlink(socketPath)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw LoopError("socket path too long: \(socketPath)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(nudgeFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw LoopError("cannot bind \(socketPath): errno \(errno)") }
    }

    deinit { shutdown() }

    /// Blocks SIGTERM, SIGINT and SIGHUP on the calling thread and returns that set: only the loop
    /// takes them, through its signalfd. Every thread the daemon starts calls it first.
    @discardableResult
    static func blockHandledSignals() -> sigset_t {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        return mask
    }

    /// Removes the nudge socket and closes the descriptors (also on exit(3), which runs no deinit).
    func shutdown() {
        guard !closed else { return }
        closed = true
        unlink(socketPath)
        close(timerFD)
        close(signalFD)
        close(nudgeFD)
    }

    private var closed = false

    /// Sleeps until `wallClock` (Unix seconds; nil = nothing scheduled), a signal, a nudge, a clock
    /// step, or `timeoutMilliseconds` (for the watchdog; -1 = none). Returns everything that woke it.
    func wait(until wallClock: Int64?, timeoutMilliseconds: Int32) -> Wakeup {
        // With nothing scheduled the timer is still armed far ahead, so that a clock step is noticed.
        let target = wallClock ?? (WallClock.now() + 366 * 86_400)
        var spec = itimerspec()
        spec.it_value.tv_sec = time_t(max(WallClock.realInstant(target), 1))
        timerfd_settime(timerFD, Int32(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET), &spec, nil)
        var fds = [
            pollfd(fd: timerFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: nudgeFD, events: Int16(POLLIN), revents: 0),
        ]
        let n = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
        if n == 0 { return .timeout }
        if n < 0 { return errno == EINTR ? [] : .timeout }
        var woke: Wakeup = []
        if fds[0].revents != 0 {
            var expirations: UInt64 = 0
            if read(timerFD, &expirations, 8) < 0 && errno == ECANCELED { woke.insert(.clockStepped) } else { woke.insert(.timer) }
        }
        if fds[1].revents != 0 {
            var info = signalfd_siginfo()
            while read(signalFD, &info, MemoryLayout<signalfd_siginfo>.size) == MemoryLayout<signalfd_siginfo>.size {
                woke.insert(Int32(info.ssi_signo) == SIGHUP ? .reload : .terminate)
            }
        }
        if fds[2].revents != 0 {
            var buffer = [UInt8](repeating: 0, count: 256)
            while true {
                var sender = sockaddr_un()
                var length = socklen_t(MemoryLayout<sockaddr_un>.size)
                let n = withUnsafeMutablePointer(to: &sender) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(nudgeFD, &buffer, buffer.count, Int32(MSG_DONTWAIT), $0, &length) }
                }
                if n < 0 { break }
                switch String(decoding: buffer[0..<n], as: UTF8.self) {
                case "fault:hang": woke.insert(.hang)
                case "reload":
                    // `xinfangctl reload` (ExecReload=) waits for the answer at its own address.
                    woke.insert(.reload)
                    if length > socklen_t(MemoryLayout<sa_family_t>.size) { reloadRequesters.append((sender, length)) }
                case "clock:confirm": woke.insert(.clockConfirmed)
                default: break
                }
            }
            woke.insert(.nudged)
        }
        return woke
    }

    /// Who asked for the reload under way (`reload` datagrams), answered by `answerReload`.
    private var reloadRequesters: [(address: sockaddr_un, length: socklen_t)] = []

    /// Sends the outcome of a reload to everyone who asked for it over the socket.
    func answerReload(_ answer: String) {
        let payload = Array(answer.utf8)
        for var requester in reloadRequesters {
            _ = withUnsafePointer(to: &requester.address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    payload.withUnsafeBytes { sendto(nudgeFD, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT), sa, requester.length) }
                }
            }
        }
        reloadRequesters = []
    }
}

struct LoopError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A worker thread off the scheduler's path (one channel's outbox, the calendar publisher): woken
/// when there is work, or when its next run is due; stopped between runs. `stop()` closes its
/// eventfd: a reload builds new threads, and each stopped one must leave no descriptor behind.
final class OutboxThread: @unchecked Sendable {
    private var eventFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
    private let work: @Sendable () -> Int64?
    private let stopped = NSLock()
    private var stopRequested = false
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    /// `work` delivers what is due and returns when it should run next (Unix seconds), if ever.
    init(name: String, work: @escaping @Sendable () -> Int64?) {
        self.work = work
        let thread = Thread { [self] in self.run() }
        thread.name = name
        self.thread = thread
    }

    func start() { thread?.start() }

    /// Wakes the thread to deliver now.
    func wake() {
        stopped.lock()
        defer { stopped.unlock() }
        guard eventFD >= 0 else { return }
        var one: UInt64 = 1
        _ = write(eventFD, &one, 8)
    }

    /// Asks the thread to stop after its current delivery, waits for it, and closes the eventfd.
    /// Call it once, after `start()`; `wake()` after it does nothing.
    func stop() {
        stopped.lock()
        stopRequested = true
        stopped.unlock()
        wake()
        done.wait()
        stopped.lock()
        close(eventFD)
        eventFD = -1
        stopped.unlock()
    }

    private var shouldStop: Bool {
        stopped.lock()
        defer { stopped.unlock() }
        return stopRequested
    }

    private func run() {
        EventLoop.blockHandledSignals()
        defer { done.signal() }
        while !shouldStop {
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
