import Foundation
import Synchronization
import XinfangPolicy

/// One run of a command: bytes on its stdin, stdout discarded, the head of its stderr kept, a deadline.
///
/// Foundation's `Process` starts the child in its own process group (POSIX_SPAWN_SETPGROUP) with
/// every other descriptor closed, and reaps it; on timeout the whole group gets SIGTERM, then
/// SIGKILL after `killGrace`. Pipes are non-blocking and served by `poll`, so a child that never
/// reads stdin or floods stderr cannot stall the caller past the deadline.
struct ChildProcess {
    enum Ending: Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
    }

    struct Outcome {
        var ending: Ending
        /// The first `stderrLimit` bytes the child wrote to stderr.
        var stderrHead: [UInt8]
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var timeout: Duration
    var killGrace: Duration
    var stderrLimit = 200

    /// Runs the command to its end or its deadline. Throws only when it cannot be started.
    func run(input: [UInt8]) throws(DeliveryError) -> Outcome {
        guard access(executable, X_OK) == 0 else { throw .posix("exec: cannot run \(executable)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        let exited = ExitFlag()
        process.terminationHandler = { _ in exited.set() }
        var pipes = Pipes(input: stdin.fileHandleForWriting, errors: stderr.fileHandleForReading)
        defer { pipes.closeAll() }
        do {
            try withEmptySignalMask { try process.run() }
        } catch {
            throw DeliveryError("exec: cannot start \(executable): \(error.localizedDescription)")
        }
        // Only now, so that the child does not inherit it.
        var sigpipe = SIGPIPEBlock()
        defer { sigpipe.restore() }

        let ending = serve(&pipes, input: input, pid: process.processIdentifier, exited: exited, sigpipe: &sigpipe)
        if exited.isSet { process.waitUntilExit() }  // returns at once; releases Foundation's run-loop source
        guard ending == nil, exited.isSet else { return Outcome(ending: .timedOut, stderrHead: pipes.head) }
        let status = process.terminationStatus
        return Outcome(ending: process.terminationReason == .exit ? .exited(status) : .signaled(status), stderrHead: pipes.head)
    }

    /// Feeds stdin and drains stderr until the child exits (and stderr closes, or 250 ms pass), or
    /// the deadline passes and the group is killed. Returns `.timedOut` when it had to kill.
    private func serve(_ pipes: inout Pipes, input: [UInt8], pid: pid_t, exited: ExitFlag, sigpipe: inout SIGPIPEBlock) -> Ending? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var killAt: ContinuousClock.Instant?
        var giveUpAt: ContinuousClock.Instant?
        var exitedAt: ContinuousClock.Instant?
        var timedOut = false
        var written = 0
        if input.isEmpty { pipes.closeInput() }
        while true {
            let now = clock.now
            if exited.isSet {
                exitedAt = exitedAt ?? now
                pipes.closeInput()
                if pipes.errors == nil || now - exitedAt! >= .milliseconds(250) { break }
            } else if !timedOut && now >= deadline {
                timedOut = true
                kill(-pid, SIGTERM)
                killAt = now + killGrace
            } else if let at = killAt, now >= at {
                kill(-pid, SIGKILL)
                killAt = nil
                giveUpAt = now + .seconds(5)
            } else if let at = giveUpAt, now >= at {
                break  // unkillable for now (uninterruptible sleep); Foundation reaps it when it dies
            }
            var fds: [pollfd] = []
            if let fd = pipes.input?.fileDescriptor { fds.append(pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)) }
            if let fd = pipes.errors?.fileDescriptor { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), 20)
            for entry in fds where entry.revents != 0 {
                if entry.fd == pipes.input?.fileDescriptor {
                    written += pipes.writeSome(input[written...], sigpipe: &sigpipe)
                    if written == input.count { pipes.closeInput() }
                } else {
                    pipes.readSome(limit: stderrLimit)
                }
            }
        }
        return timedOut ? .timedOut : nil
    }
}

/// The parent's ends of the child's stdin and stderr, closed once each.
private struct Pipes {
    var input: FileHandle?
    var errors: FileHandle?
    var head: [UInt8] = []

    init(input: FileHandle, errors: FileHandle) {
        self.input = input
        self.errors = errors
        for fd in [input.fileDescriptor, errors.fileDescriptor] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    /// Writes what the pipe takes now; returns the count. Closes stdin when the child closed its end.
    mutating func writeSome(_ bytes: ArraySlice<UInt8>, sigpipe: inout SIGPIPEBlock) -> Int {
        guard let fd = input?.fileDescriptor else { return 0 }
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, min($0.count, 65_536)) }
        if n >= 0 { return n }
        let code = errno
        if code == EAGAIN || code == EINTR { return 0 }
        if code == EPIPE { sigpipe.sawEPIPE = true }
        closeInput()
        return 0
    }

    /// Reads what is there, keeping the first `limit` bytes; closes stderr at end of file.
    mutating func readSome(limit: Int) {
        guard let fd = errors?.fileDescriptor else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buffer, buffer.count)
        if n > 0 {
            head += buffer[0..<min(n, max(0, limit - head.count))]
        } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
            try? errors?.close()
            errors = nil
        }
    }

    mutating func closeInput() {
        try? input?.close()
        input = nil
    }

    mutating func closeAll() {
        closeInput()
        try? errors?.close()
        errors = nil
    }
}

/// Set once by Foundation's termination handler, read by the serving thread.
private final class ExitFlag: Sendable {
    private let done = Atomic<Bool>(false)
    func set() { done.store(true, ordering: .releasing) }
    var isSet: Bool { done.load(ordering: .acquiring) }
}
