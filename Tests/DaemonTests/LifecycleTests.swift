import Foundation
import GRDB
import Testing

@Suite("xinfangd lifecycle: nudges, reload, configuration errors, stop", .serialized)
struct LifecycleTests {
    @Test("an event added while the daemon runs is picked up at once through the nudge socket")
    func nudge() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.ctl(["unit", "add", "县人社局"]) == 0)
        let daemon = try sandbox.startDaemon()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        #expect(sandbox.wait(seconds: 10) { FileManager.default.fileExists(atPath: sandbox.runtime + "/xinfangd.sock") })
        #expect(try sandbox.ctl(["case", "add", "XF-2026-000900", "--received", shanghaiDate(daysFromToday: -3),
                                 "--category", "申诉求决", "--unit", "县人社局"]) == 0)
        // Nothing polls: only the nudge can make the daemon compute this case now.
        let computed = try sandbox.wait(seconds: 5) {
            try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM deadlines WHERE case_number = 'XF-2026-000900'") ?? 0 } > 0
        }
        #expect(computed)
        #expect(try sandbox.read { try Int.fetchOne($0, sql: "SELECT dirty FROM cases WHERE number = 'XF-2026-000900'") } == 0)
    }

    @Test("--check-config refuses an unknown key with file:line:field and exit 2")
    func checkConfig() throws {
        let sandbox = try Sandbox(extraConfig: "[reminders]\nlead_working_dayz = [5]\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangd"))
        process.arguments = ["--config", sandbox.config, "--check-config"]
        process.environment = sandbox.environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        // Lines 1–6 are the sandbox's [store], [calendar] and [notify.maildir]; the bad key is on line 8.
        #expect(text.contains("\(sandbox.config):8:reminders.lead_working_dayz: unknown key"), "\(text)")
    }

    @Test("SIGHUP with a broken configuration keeps the daemon running on the old one; SIGTERM exits 0")
    func reloadAndStop() throws {
        let sandbox = try Sandbox()
        let daemon = try sandbox.startDaemon()
        #expect(sandbox.wait(seconds: 10) { FileManager.default.fileExists(atPath: sandbox.runtime + "/xinfangd.sock") })
        try (try String(contentsOfFile: sandbox.config, encoding: .utf8) + "\n[nonsense]\n").write(toFile: sandbox.config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        let log = sandbox.root + "/xinfangd.log"
        #expect(sandbox.wait(seconds: 10) { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("reload refused") })
        #expect(daemon.isRunning)
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.runtime + "/xinfangd.sock"))
    }
}

/// Issue 10 §4: ExecReload= is `xinfangctl reload`, which waits for the daemon's answer.
@Suite("xinfangctl reload: the daemon's answer, and a refusal in STATUS=", .serialized)
struct ReloadCommandTests {
    @Test("xinfangctl reload exits 0 once the daemon reloaded; a refused file exits 2 with file:line, and STATUS= says so until a good reload")
    func reloadWaitsForTheAnswer() throws {
        let sandbox = try Sandbox()
        let notify = try NotifySocket(path: sandbox.root + "/notify.sock")
        let daemon = try sandbox.startDaemon(extraEnvironment: ["NOTIFY_SOCKET": notify.path])
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        #expect(notify.wait(seconds: 10) { $0.contains("READY=1") })

        let good = try sandbox.ctlOutput(["reload"])
        #expect(good.status == 0, "\(good)")
        #expect(good.stdout.contains("reloaded"), "\(good)")
        #expect(notify.messages.contains { $0.contains("RELOADING=1") })

        let original = try String(contentsOfFile: sandbox.config, encoding: .utf8)
        try (original + "\n[nonsense]\n").write(toFile: sandbox.config, atomically: true, encoding: .utf8)
        let refused = try sandbox.ctlOutput(["reload"])
        #expect(refused.status == 2, "\(refused)")
        // Lines 1–6 are the sandbox's configuration, line 7 is empty, 8–9 its [http]; the unknown table is on line 10.
        #expect(refused.stderr.contains("refused: \(sandbox.config):10:nonsense"), "\(refused)")
        #expect(daemon.isRunning)
        #expect(notify.wait(seconds: 10) { $0.contains { $0.contains("STATUS=reload refused, running the previous configuration: \(sandbox.config):10:nonsense") } },
                "\(notify.messages)")

        try original.write(toFile: sandbox.config, atomically: true, encoding: .utf8)
        notify.clear()
        #expect(try sandbox.ctl(["reload"]) == 0)
        #expect(notify.wait(seconds: 10) { $0.contains { $0.hasPrefix("STATUS=0 open") } }, "the refusal is gone: \(notify.messages)")
    }

    @Test("a duty naming a unit that does not exist is warned about at start and on reload, and no reminder is given up for it")
    func dutyRecipientValidated() throws {
        let sandbox = try Sandbox(extraConfig: """
            [[duties]]
            name = "半月积案调度会"
            every = "half-month"
            kind = "dispatch"
            to = ["县信访局"]
            """)
        let daemon = try sandbox.startDaemon()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        let log = sandbox.root + "/xinfangd.log"
        let warning = "duty 半月积案调度会: recipient 县信访局 (to) is neither a registered unit nor a leader"
        func warnings() -> Int { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").components(separatedBy: warning).count - 1 }
        #expect(sandbox.wait(seconds: 10) { warnings() == 1 })
        #expect(try sandbox.ctl(["reload"]) == 0)
        #expect(sandbox.wait(seconds: 10) { warnings() == 2 })
        #expect(try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM reminders WHERE kind = 'duty'") } == 0)
        #expect(!(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("given up")))
    }

    @Test("xinfangctl reload without a daemon fails (exit 1) instead of waiting forever")
    func reloadWithoutDaemon() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.ctlOutput(["reload", "--timeout", "2"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("no daemon answered"), "\(result)")
    }
}

/// A datagram socket standing in for systemd's notify socket: collects what the daemon sends.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private var received: [String] = []

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Every message received so far (one datagram each, e.g. `READY=1\nSTATUS=…`), split into lines.
    var messages: [String] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n < 0 { break }
            received += String(decoding: buffer[0..<n], as: UTF8.self).split(separator: "\n").map(String.init)
        }
        return received
    }

    func clear() {
        _ = messages
        received = []
    }

    func wait(seconds: Double, for condition: ([String]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(messages) { return true }
            usleep(50_000)
        }
        return condition(messages)
    }
}

/// Issue 10 §2: overdue records follow the current derivation.
@Suite("A met deadline's overdue record is withdrawn in a running daemon", .serialized)
struct OverdueWithdrawalTests {
    @Test("imported two months late, reported overdue; the forward entered afterwards withdraws the record: case show marks the reminder, the audit log keeps it")
    func forwardEnteredLateWithdrawsOverdue() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.ctl(["unit", "add", "县人社局"]) == 0)
        let received = shanghaiDate(daysFromToday: -60), forwarded = shanghaiDate(daysFromToday: -58)
        let file = sandbox.root + "/case.jsonl"
        try """
            {"record": "case", "number": "XF-2026-000950", "received": "\(received)", "category": "申诉求决", "unit": "县人社局"}

            """.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try sandbox.ctl(["import", file]) == 0)  // atomic: no settle time, D1 (15 days) overdue at once
        let daemon = try sandbox.startDaemon()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        #expect(try sandbox.wait(seconds: 15) {
            try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM overdue WHERE case_number = 'XF-2026-000950' AND kind = 'D1'") } == 1
        })
        // Forwarded two days after receipt, well inside D1's 15 days: D1 was met.
        #expect(try sandbox.ctl(["event", "add", "XF-2026-000950", "转送", "--on", forwarded, "--to", "县人社局"]) == 0)
        #expect(try sandbox.wait(seconds: 15) {
            try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM overdue WHERE case_number = 'XF-2026-000950'") } == 0
        })
        #expect(try sandbox.read { try String.fetchOne($0, sql: "SELECT detail FROM audit WHERE action = 'overdue.withdraw' AND subject = 'XF-2026-000950'") }?
            .hasPrefix("D1 due ") == true)
        let show = try sandbox.ctlJSON(["case", "show", "XF-2026-000950", "--json"])
        let reminders = try #require(show["reminders"] as? [[String: Any]])
        let d1 = reminders.filter { $0["kind"] as? String == "D1" && $0["milestone"] as? String == "overdue" }
        #expect(d1.count == 1 && d1.allSatisfy { $0["withdrawn"] as? Bool == true }, "\(reminders)")
        let text = try sandbox.ctlOutput(["case", "show", "XF-2026-000950"]).stdout
        #expect(text.contains("逾期记录已撤销 overdue record withdrawn"), "\(text)")
    }
}
