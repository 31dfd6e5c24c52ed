import Foundation
import Testing
import XinfangCore
import XinfangNotify
import XinfangPolicy
import XinfangTesting

@Suite("Exec notifier")
struct ExecNotifierTests {
    /// `/bin/sh -c SCRIPT sh ARGS…`: a real shell script without a file to write and exec.
    func shell(_ script: String, _ arguments: [String] = [], timeout: Duration = .seconds(10), killGrace: Duration = .seconds(2)) -> ExecNotifier {
        ExecNotifier(executable: "/bin/sh", arguments: ["-c", script, "sh"] + arguments, timeout: timeout, killGrace: killGrace)
    }

    @Test("the command gets the message as snake_case JSON on stdin and the key in XINFANG_DEDUPE_KEY")
    func jsonOnStdin() throws {
        let folder = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(folder) }
        let script = folder + "/notify.sh"
        try "#!/bin/sh\ncat > \"$1\"\nprintf '%s' \"$XINFANG_DEDUPE_KEY\" > \"$2\"\n".write(toFile: script, atomically: false, encoding: .utf8)
        chmod(script, 0o755)
        let message = Fixture.message(address: nil)
        try ExecNotifier(executable: script, arguments: [folder + "/in.json", folder + "/key"]).deliver(message)

        #expect(try String(contentsOfFile: folder + "/key", encoding: .utf8) == message.dedupeKey)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/in.json"))) as? [String: Any])
        #expect(Set(json.keys) == ["dedupe_key", "recipient", "subject", "body", "digest", "reminders"])
        #expect(json["dedupe_key"] as? String == message.dedupeKey)
        #expect(json["subject"] as? String == message.subject)
        #expect(json["body"] as? String == message.body)
        #expect(json["digest"] as? Bool == false)
        let recipient = try #require(json["recipient"] as? [String: Any])
        #expect(recipient["role"] as? String == "unit")
        #expect(recipient["name"] as? String == message.recipient.name)
        #expect(recipient["address"] is NSNull)
        let reminders = try #require(json["reminders"] as? [[String: Any]])
        #expect(reminders.count == 1)
        let r = try #require(reminders.first)
        #expect(Set(r.keys) == ["id", "dedupe_key", "case", "unit", "deadline", "milestone", "due", "fire_at", "late_by_seconds"])
        #expect(r["id"] as? Int == 42)
        #expect(r["case"] as? String == "XF-2026-000123")
        #expect(r["unit"] as? String == "市住房和城乡建设局")
        #expect(r["deadline"] as? String == "D6")
        #expect(r["milestone"] as? String == "before-3wd")
        #expect(r["due"] as? String == "2026-12-10")
        #expect(r["fire_at"] as? Int == 1_796_000_000)
        #expect(r["late_by_seconds"] is NSNull)
    }

    @Test("a non-zero exit is a retryable error naming the status and the command's stderr")
    func nonZeroExit() {
        let error = #expect(throws: DeliveryError.self) { try shell("cat >/dev/null; echo '网关拒绝: quota exceeded' >&2; exit 3").deliver(Fixture.message()) }
        #expect(error?.retryable == true)
        #expect(error?.description.contains("exit status 3") == true)
        #expect(error?.description.contains("网关拒绝: quota exceeded") == true)
    }

    @Test("only the first 200 bytes of a flood of stderr are kept, and the flood does not stall delivery")
    func stderrIsCut() throws {
        let error = #expect(throws: DeliveryError.self) {
            try shell("head -c 2000000 /dev/zero | tr '\\0' x >&2; exit 1").deliver(Fixture.message())
        }
        let description = try #require(error?.description)
        let stderr = try #require(description.components(separatedBy: "stderr: ").last)
        #expect(stderr == String(repeating: "x", count: 200))
    }

    @Test("a command killed by a signal is a retryable error naming the signal")
    func crash() {
        let error = #expect(throws: DeliveryError.self) { try shell("kill -SEGV $$").deliver(Fixture.message()) }
        #expect(error?.retryable == true)
        #expect(error?.description.contains("killed by signal 11") == true)
    }

    @Test("a command that exits without reading a large message succeeds (no SIGPIPE for the daemon)")
    func unreadInput() throws {
        var message = Fixture.message()
        message.body = String(repeating: "信访事项办理期限提醒。", count: 100_000)  // 3 MB, far beyond a pipe buffer
        try shell("exit 0").deliver(message)
    }

    @Test("a command past its timeout is killed with its process group; the error says so within about a second")
    func timeout() throws {
        let folder = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(folder) }
        let started = ContinuousClock.now
        let error = #expect(throws: DeliveryError.self) {
            try shell("echo $$ > \"$1\"; sleep 30 & echo $! > \"$2\"; wait", [folder + "/sh.pid", folder + "/sleep.pid"], timeout: .seconds(1))
                .deliver(Fixture.message())
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(error?.retryable == true)
        #expect(error?.description.contains("timed out after 1 s") == true)
        try expectGone(pidFile: folder + "/sh.pid")
        try expectGone(pidFile: folder + "/sleep.pid")
    }

    @Test("a command that ignores SIGTERM gets SIGKILL after the grace period")
    func timeoutEscalates() throws {
        let folder = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(folder) }
        let started = ContinuousClock.now
        let error = #expect(throws: DeliveryError.self) {
            try shell("trap '' TERM; echo $$ > \"$1\"; sleep 30", [folder + "/sh.pid"], timeout: .seconds(1), killGrace: .milliseconds(500))
                .deliver(Fixture.message())
        }
        #expect(ContinuousClock.now - started < .milliseconds(2500))
        #expect(error?.description.contains("timed out after 1 s") == true)
        try expectGone(pidFile: folder + "/sh.pid")
    }

    /// The calling thread's voluntary context switches so far (each return from a blocking wait).
    static func voluntarySwitches() throws -> Int {
        let status = try String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("voluntary_ctxt_switches:") })
        return try #require(Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)))
    }

    @Test("waiting 1 s for a child wakes the caller a handful of times, not on a 20 ms tick (about 50)")
    func noPollingWhileTheChildRuns() throws {
        let before = try Self.voluntarySwitches()
        try shell("cat > /dev/null; sleep 1").deliver(Fixture.message())
        let woke = try Self.voluntarySwitches() - before
        #expect(woke < 10, "\(woke) wake-ups while the child slept 1 s")
    }

    @Test("the child blocks no signal, even when the calling thread blocks SIGTERM, SIGINT and SIGHUP (as the daemon's threads do)")
    func childInheritsNoBlockedSignal() throws {
        let folder = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(folder) }
        var mask = sigset_t(), previous = sigset_t()
        sigemptyset(&mask)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_BLOCK, &mask, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try shell("cat > /dev/null; exec grep '^SigBlk:' /proc/self/status > \"$1\"", [folder + "/mask"]).deliver(Fixture.message())
        let line = try String(contentsOfFile: folder + "/mask", encoding: .utf8)
        #expect(line == "SigBlk:\t0000000000000000\n", "\(line)")
    }

    @Test("a missing executable is a retryable error that names it")
    func missingExecutable() {
        let error = #expect(throws: DeliveryError.self) {
            try ExecNotifier(executable: "/nonexistent/xinfang-notify-hook").deliver(Fixture.message())
        }
        #expect(error?.retryable == true)
        #expect(error?.description.contains("/nonexistent/xinfang-notify-hook") == true)
        #expect(error?.description.contains("No such file or directory") == true)
    }

    /// The process is neither running nor a zombie. (An orphaned grandchild is reaped by whoever
    /// adopts it, so a short wait is allowed for that.)
    func expectGone(pidFile: String) throws {
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(pid_t(text))
        let deadline = ContinuousClock.now + .seconds(2)
        while kill(pid, 0) == 0 && ContinuousClock.now < deadline { usleep(10_000) }
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "process \(pid) is still there")
    }
}
