import Foundation
import Logging
import Systemd
import Testing

/// Tests that set process-wide environment variables (NOTIFY_SOCKET, WATCHDOG_*, LISTEN_*,
/// JOURNAL_STREAM, XINFANG_LOG): one at a time, and each restores what it changed at once, so
/// that children spawned by other suites do not inherit them.
@Suite("process environment", .serialized)
struct ProcessEnvironmentTests {
    /// Runs `body` with these variables set (nil: unset), then puts back the previous values.
    static func with<T>(_ variables: [String: String?], _ body: () throws -> T) rethrows -> T {
        let previous = variables.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
        for (name, value) in variables {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
        defer {
            for (name, value) in previous {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        return try body()
    }

    /// A datagram socket bound to a fresh path, as systemd's notify socket is.
    final class NotifySocket {
        let path: String
        let fd: Int32

        init() throws {
            path = NSTemporaryDirectory() + "xinfang-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                let bytes = Array(path.utf8.prefix(raw.count - 1))
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit {
            close(fd)
            unlink(path)
        }

        /// Runs `body` with NOTIFY_SOCKET naming this socket, then returns the datagrams it sent.
        func capture(_ body: () -> Void) -> [String] {
            ProcessEnvironmentTests.with(["NOTIFY_SOCKET": path], body)
            var datagrams: [String] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                guard count > 0 else { break }
                datagrams.append(String(decoding: buffer[..<count], as: UTF8.self))
            }
            return datagrams
        }
    }

    @Test("without NOTIFY_SOCKET nothing is sent and notify says so")
    func disabled() {
        Self.with(["NOTIFY_SOCKET": nil]) {
            #expect(!ServiceNotifier.isEnabled)
            #expect(!ServiceNotifier.notify(["READY=1"]))
        }
        Self.with(["NOTIFY_SOCKET": ""]) { #expect(!ServiceNotifier.isEnabled) }
    }

    @Test("each state word is one datagram with exactly its assignments")
    func stateWords() throws {
        let socket = try NotifySocket()
        var sent = false
        let datagrams = socket.capture {
            #expect(ServiceNotifier.isEnabled)
            sent = ServiceNotifier.notify(["A=1", "B=2"])
            ServiceNotifier.ready(status: "3 open cases (在办), next wake 09:00")
            ServiceNotifier.status("line one\nline two")
            ServiceNotifier.watchdog()
            ServiceNotifier.stopping(status: "stopping")
            ServiceNotifier.stopping()
            ServiceNotifier.extendTimeout(seconds: 2.5)
            ServiceNotifier.errno(5)
        }
        #expect(sent)
        #expect(datagrams == [
            "A=1\nB=2",
            "READY=1\nSTATUS=3 open cases (在办), next wake 09:00",
            "STATUS=line one line two",
            "WATCHDOG=1",
            "STOPPING=1\nSTATUS=stopping",
            "STOPPING=1",
            "EXTEND_TIMEOUT_USEC=2500000",
            "ERRNO=5",
        ])
    }

    @Test("RELOADING=1 carries MONOTONIC_USEC from CLOCK_MONOTONIC")
    func reloading() throws {
        let socket = try NotifySocket()
        func monotonic() -> UInt64 {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        }
        let before = monotonic()
        let datagrams = socket.capture { ServiceNotifier.reloading() }
        let after = monotonic()
        #expect(datagrams.count == 1)
        let lines = datagrams.first?.split(separator: "\n") ?? []
        #expect(lines.first == "RELOADING=1")
        let usec = try #require(lines.last.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil })
        #expect((before...after).contains(usec))
    }

    @Test("the watchdog interval is WATCHDOG_USEC when WATCHDOG_PID is this process")
    func watchdogInterval() {
        let pid = String(getpid())
        Self.with(["WATCHDOG_USEC": "2500000", "WATCHDOG_PID": pid]) {
            #expect(ServiceNotifier.watchdogInterval == .microseconds(2_500_000))
        }
        Self.with(["WATCHDOG_USEC": "2500000", "WATCHDOG_PID": nil]) {
            #expect(ServiceNotifier.watchdogInterval == .microseconds(2_500_000))
        }
        Self.with(["WATCHDOG_USEC": "2500000", "WATCHDOG_PID": "1"]) { #expect(ServiceNotifier.watchdogInterval == nil) }
        Self.with(["WATCHDOG_USEC": nil, "WATCHDOG_PID": pid]) { #expect(ServiceNotifier.watchdogInterval == nil) }
        Self.with(["WATCHDOG_USEC": "0", "WATCHDOG_PID": pid]) { #expect(ServiceNotifier.watchdogInterval == nil) }
    }

    @Test("no listen fds unless LISTEN_PID is this process")
    func listenFDsForOthers() {
        Self.with(["LISTEN_FDS": nil, "LISTEN_PID": nil]) { #expect(ServiceNotifier.listenFDs() == []) }
        Self.with(["LISTEN_FDS": "1", "LISTEN_PID": "1"]) { #expect(ServiceNotifier.listenFDs() == []) }
    }

    /// sd_listen_fds marks the descriptors close-on-exec; only run where fd 3 already is.
    @Test("LISTEN_FDS=1 for this process is descriptor 3", .enabled(if: fcntl(3, F_GETFD) > 0 && fcntl(3, F_GETFD) & FD_CLOEXEC != 0))
    func listenFDs() {
        Self.with(["LISTEN_FDS": "1", "LISTEN_PID": String(getpid())]) { #expect(ServiceNotifier.listenFDs() == [3]) }
    }

    @Test("stderr is the journal only when JOURNAL_STREAM names fd 2's device and inode")
    func stderrIsJournal() {
        var status = stat()
        #expect(fstat(2, &status) == 0)
        Self.with(["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"]) { #expect(Journal.stderrIsJournal) }
        Self.with(["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino + 1)"]) { #expect(!Journal.stderrIsJournal) }
        Self.with(["JOURNAL_STREAM": "garbage"]) { #expect(!Journal.stderrIsJournal) }
        Self.with(["JOURNAL_STREAM": nil]) { #expect(!Journal.stderrIsJournal) }
    }

    @Test("LogBootstrap picks the journal under journald or XINFANG_LOG=journal, else the console")
    func bootstrap() {
        var status = stat()
        #expect(fstat(2, &status) == 0)
        let journal = "\(status.st_dev):\(status.st_ino)"
        let factory: @Sendable (String) -> any LogHandler = LogBootstrap.handler(label:)
        Self.with(["XINFANG_LOG": nil, "JOURNAL_STREAM": nil]) { #expect(factory("l") is ConsoleLogHandler) }
        Self.with(["XINFANG_LOG": nil, "JOURNAL_STREAM": journal]) { #expect(factory("l") is JournalLogHandler) }
        Self.with(["XINFANG_LOG": "console", "JOURNAL_STREAM": journal]) { #expect(factory("l") is ConsoleLogHandler) }
        Self.with(["XINFANG_LOG": "journal", "JOURNAL_STREAM": nil]) { #expect(factory("l") is JournalLogHandler) }
    }
}
