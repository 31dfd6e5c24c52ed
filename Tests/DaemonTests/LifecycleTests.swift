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
