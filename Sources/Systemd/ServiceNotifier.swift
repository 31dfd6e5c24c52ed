internal import CSystemd
internal import Glibc

/// The service manager's notification protocol, sd_notify(3): the state words a `Type=notify`
/// service sends to systemd, the watchdog interval it was asked to keep, and the sockets it was
/// handed (socket activation).
///
/// Every sender is a no-op when `NOTIFY_SOCKET` is not set (the daemon runs outside systemd), so
/// callers need not check ``isEnabled`` first. Send a word only when it is true: `READY=1` after the
/// store is open, `WATCHDOG=1` only while the scheduler loop is alive.
public enum ServiceNotifier {
    /// Whether a service manager listens: `NOTIFY_SOCKET` is set and not empty.
    public static var isEnabled: Bool {
        guard let socket = getenv("NOTIFY_SOCKET") else { return false }
        return socket.pointee != 0
    }

    /// Sends the assignments (`"READY=1"`, `"STATUS=…"`) as one datagram, newline-separated.
    /// Returns true when it was sent; false when `NOTIFY_SOCKET` is unset, nothing was given,
    /// or sending failed.
    @discardableResult
    public static func notify(_ assignments: [String]) -> Bool {
        guard !assignments.isEmpty else { return false }
        return sd_notify(0, assignments.joined(separator: "\n")) > 0
    }

    /// `READY=1`: start-up finished (store open, migrations ran, plugins loaded); with a `STATUS=` line.
    public static func ready(status: String? = nil) {
        notify(["READY=1"] + statusLine(status))
    }

    /// `STATUS=`: a one-line human summary that `systemctl status` shows.
    public static func status(_ text: String) {
        notify(statusLine(text))
    }

    /// `WATCHDOG=1`: the main loop is alive. Send it at least every half ``watchdogInterval``.
    public static func watchdog() {
        notify(["WATCHDOG=1"])
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (CLOCK_MONOTONIC, µs), which systemd ≥ 253 requires
    /// and 252 ignores. Send ``ready(status:)`` when the reload is done.
    public static func reloading() {
        notify(["RELOADING=1", "MONOTONIC_USEC=\(monotonicMicroseconds())"])
    }

    /// `STOPPING=1`: shutdown has begun; with a `STATUS=` line.
    public static func stopping(status: String? = nil) {
        notify(["STOPPING=1"] + statusLine(status))
    }

    /// `EXTEND_TIMEOUT_USEC=`: asks for this much more time for the current start, reload or stop.
    public static func extendTimeout(seconds: Double) {
        let microseconds = seconds.isFinite && seconds > 0 ? UInt64(min(seconds * 1_000_000, Double(UInt64.max / 2))) : 0
        notify(["EXTEND_TIMEOUT_USEC=\(microseconds)"])
    }

    /// `ERRNO=`: the errno-style code of the failure that is about to end the service.
    public static func errno(_ code: Int32) {
        notify(["ERRNO=\(code)"])
    }

    /// The watchdog interval the service manager asked for (`WATCHDOG_USEC`, when `WATCHDOG_PID`
    /// is unset or this process), or nil when it asked for none.
    public static var watchdogInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(clamping: microseconds))
    }

    /// The file descriptors passed by socket activation (`LISTEN_FDS` for this `LISTEN_PID`):
    /// 3, 4, … in the order of the socket unit; empty when none. Marks them close-on-exec.
    public static func listenFDs() -> [Int32] {
        let count = sd_listen_fds(0)
        guard count > 0 else { return [] }
        return Array(SD_LISTEN_FDS_START..<(SD_LISTEN_FDS_START + count))
    }

    private static func statusLine(_ text: String?) -> [String] {
        guard let text else { return [] }
        // One line: a newline would start another assignment.
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return ["STATUS=\(line)"]
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
