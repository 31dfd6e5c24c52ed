import CLinux
import Foundation
import XinfangPolicy

/// One run of a command: bytes on its stdin, stdout discarded, the head of its stderr kept, a deadline.
///
/// The child is started with `posix_spawn` in its own process group, with every descriptor but its
/// three standard ones closed, every signal at its default and none blocked — set in the child
/// only (POSIX_SPAWN_SETSIGMASK/SETSIGDEF): the calling thread keeps its mask throughout, so a
/// SIGHUP or SIGTERM meant for the daemon's loop never lands on it. The caller reaps the child itself
/// (`waitpid` on its pid); on timeout the whole group gets SIGTERM, then SIGKILL after `killGrace`.
/// Pipes are non-blocking and served by `poll`, so a child that never reads stdin or floods stderr
/// cannot stall the caller past the deadline. The child's end comes through a pidfd in the same
/// `poll`, whose timeout is the next deadline: nothing checks on a tick.
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
        var stdinFDs: [Int32] = [-1, -1], stderrFDs: [Int32] = [-1, -1]
        guard xinfang_pipe_cloexec(&stdinFDs) == 0 else { throw .posix("exec: pipe") }
        guard xinfang_pipe_cloexec(&stderrFDs) == 0 else {
            close(stdinFDs[0]); close(stdinFDs[1])
            throw .posix("exec: pipe")
        }
        var pipes = Pipes(input: FileHandle(fileDescriptor: stdinFDs[1], closeOnDealloc: false),
                          errors: FileHandle(fileDescriptor: stderrFDs[0], closeOnDealloc: false))
        defer { pipes.closeAll() }
        let spawned = spawn(stdin: stdinFDs[0], stderr: stderrFDs[1])
        close(stdinFDs[0])
        close(stderrFDs[1])
        let pid: pid_t
        switch spawned {
        case .success(let child): pid = child
        case .failure(let failure): throw DeliveryError("exec: cannot start \(executable): \(String(cString: strerror(failure.code)))")
        }
        let pidFD = xinfang_pidfd_open(pid)
        guard pidFD >= 0 else {
            let code = errno
            kill(-pid, SIGKILL)
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
            throw DeliveryError("exec: pidfd_open: \(String(cString: strerror(code)))")
        }
        defer { close(pidFD) }
        // Only now, so that the child does not inherit it (the child's mask is set empty anyway).
        var sigpipe = SIGPIPEBlock()
        defer { sigpipe.restore() }

        var child = Child(pid: pid)
        let ending = serve(&pipes, input: input, child: &child, pidFD: pidFD, sigpipe: &sigpipe)
        guard ending == nil, let status = child.status else {
            if child.status == nil { child.reapLater() }
            return Outcome(ending: .timedOut, stderrHead: pipes.head)
        }
        // wait(2) status: the low 7 bits are the killing signal (0 when it exited), then the exit code.
        let signal = status & 0x7f
        return Outcome(ending: signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal), stderrHead: pipes.head)
    }

    /// posix_spawn with the child's descriptors and signal state; returns the pid or the errno.
    private func spawn(stdin: Int32, stderr: Int32) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        xinfang_spawn_closefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        return code == 0 ? .success(pid) : .failure(SpawnFailure(code: code))
    }

    /// Feeds stdin and drains stderr until the child exits (and stderr closes, or 250 ms pass), or
    /// the deadline passes and the group is killed. Returns `.timedOut` when it had to kill. Sleeps in
    /// poll(2) on the pipes and the child's pidfd until one of them is ready or the next of those
    /// instants comes.
    private func serve(_ pipes: inout Pipes, input: [UInt8], child: inout Child, pidFD: Int32, sigpipe: inout SIGPIPEBlock) -> Ending? {
        let pid = child.pid
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
            let exited = child.exited
            if exited {
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
                break  // unkillable for now (uninterruptible sleep); reaped in the background when it dies
            }
            let wakeAt = exited ? exitedAt! + .milliseconds(250) : (timedOut ? (killAt ?? giveUpAt!) : deadline)
            var fds: [pollfd] = []
            if !exited { fds.append(pollfd(fd: pidFD, events: Int16(POLLIN), revents: 0)) }
            if let fd = pipes.input?.fileDescriptor { fds.append(pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)) }
            if let fd = pipes.errors?.fileDescriptor { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), Self.milliseconds(until: wakeAt, from: now))
            for entry in fds where entry.revents != 0 {
                if entry.fd == pipes.input?.fileDescriptor {
                    written += pipes.writeSome(input[written...], sigpipe: &sigpipe)
                    if written == input.count { pipes.closeInput() }
                } else if entry.fd == pipes.errors?.fileDescriptor {
                    pipes.readSome(limit: stderrLimit)
                }
            }
        }
        return timedOut ? .timedOut : nil
    }

    /// poll(2)'s timeout for `instant`, rounded up to the millisecond (0 when it has passed).
    private static func milliseconds(until instant: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int32 {
        guard instant > now else { return 0 }
        let (seconds, attoseconds) = (instant - now).components
        return Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
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

/// posix_spawn's errno.
private struct SpawnFailure: Error { var code: Int32 }

/// The spawned child, reaped by its pid only (never `waitpid(-1)`, which could take another's).
private struct Child {
    let pid: pid_t
    /// The wait(2) status once it was reaped.
    var status: Int32?

    /// Reaps it if it has ended; true once it has.
    var exited: Bool {
        mutating get {
            if status != nil { return true }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
            return status != nil
        }
    }

    /// A child that outlived its kill: reaped in the background when it finally dies.
    func reapLater() {
        let pid = pid
        Thread.detachNewThread {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        }
    }
}
