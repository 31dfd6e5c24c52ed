import CLinux
import Foundation
import Synchronization
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

/// The scheduler's single wait point: a wall-clock timer (timerfd, cancelled when the clock is set,
/// so clock steps wake it), the nudge socket, and the requests of the service group (stop, reload:
/// an eventfd). Nothing polls: the scheduler's thread sleeps in poll(2) until one of them fires.
/// The signals themselves are the service group's (SIGTERM, SIGINT: graceful shutdown; SIGHUP:
/// `ReloadOnHangup`), which call `requestStop()` and `requestReload()`.
final class EventLoop: @unchecked Sendable {
    private let timerFD: Int32
    private let controlFD: Int32
    private let nudgeFD: Int32
    let socketPath: String
    /// What the service group asked for since the last `wait`, and whether the descriptors are closed.
    private let requests = Mutex<(wakeup: Wakeup, closed: Bool)>(([], false))

    /// Opens the descriptors. Refuses a socket another daemon listens on (two daemons on one
    /// store); a file left by one that died is replaced.
    init(socketPath: String) throws {
        EventLoop.blockHandledSignals()
        controlFD = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        timerFD = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC | TFD_NONBLOCK))
        self.socketPath = socketPath
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: socketPath).deletingLastPathComponent().path, withIntermediateDirectories: true)
        guard !Nudge.listening(socketPath) else { throw LoopError("another xinfangd listens on \(socketPath): one daemon per store") }
        nudgeFD = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard controlFD >= 0, timerFD >= 0, nudgeFD >= 0 else { throw LoopError("cannot create event descriptors: errno \(errno)") }
        guard Nudge.address(socketPath) != nil else { throw LoopError("socket path too long: \(socketPath)") }
        unlink(socketPath)
        guard Nudge.bind(nudgeFD, path: socketPath) else { throw LoopError("cannot bind \(socketPath): errno \(errno)") }
    }

    deinit { shutdown() }

    /// Blocks SIGTERM, SIGINT and SIGHUP on the calling thread and returns that set. `main` calls
    /// it before any thread starts, so that every thread inherits the mask and only the service
    /// group's signal sources (signalfd, in Dispatch) take them; every worker thread calls it again.
    @discardableResult
    static func blockHandledSignals() -> sigset_t {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        return mask
    }

    /// Graceful shutdown: the next `wait` returns `.terminate` (at once, if one is under way).
    func requestStop() { request(.terminate) }

    /// SIGHUP: the next `wait` returns `.reload`.
    func requestReload() { request(.reload) }

    private func request(_ wakeup: Wakeup) {
        requests.withLock {
            guard !$0.closed else { return }
            $0.wakeup.insert(wakeup)
            var one: UInt64 = 1
            _ = write(controlFD, &one, 8)
        }
    }

    /// Removes the nudge socket and closes the descriptors (also on exit(3), which runs no deinit).
    func shutdown() {
        let wasClosed = requests.withLock { state in
            defer { state.closed = true }
            return state.closed
        }
        guard !wasClosed else { return }
        unlink(socketPath)
        close(timerFD)
        close(controlFD)
        close(nudgeFD)
    }

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
            pollfd(fd: controlFD, events: Int16(POLLIN), revents: 0),
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
            var count: UInt64 = 0
            _ = read(controlFD, &count, 8)
        }
        woke.formUnion(requests.withLock { state in
            defer { state.wakeup = [] }
            return state.wakeup
        })
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
