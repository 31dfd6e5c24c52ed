import Foundation
import XinfangTesting
import Testing

/// The real units/xinfangd.service under a systemd user manager: readiness, status, journal fields,
/// the catalog, the watchdog, reload and stop. Needs journald and `systemd --user` running
/// (scripts/ci/start-journald, scripts/ci/start-user-manager), the sqlite3 shell, and root.
@Suite("xinfangd.service under systemd", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["XINFANG_SYSTEMD_TESTS"] == "1",
                "run by scripts/test after starting journald and a user manager"))
struct ServiceTests {
    /// `4 open · 1 due ≤3d · 1 overdue · next 2026-12-01 09:00` (next may be `none`).
    static var statusFormat: Regex<(Substring, Substring, Substring, Substring, Substring)> {
        /^(\d+) open · (\d+) due ≤3d · (\d+) overdue · next (\d{4}-\d{2}-\d{2} \d{2}:\d{2}|none)$/
    }

    static let reminderCreated = "5ac9a5d8af564b26a7d95bfa82aba818"
    static let deadlineOverdue = "143c7eb2629e4744b868cd89dd1fc018"
    static let started = "c6f9d99bd47048f1baca5af388d0b905"
    static let stopping = "1d0b4b07f4864f17a68058328eab2b7d"
    static let reloaded = "bb3992bc532b47fba8f333073a1f7941"

    @Test("the unit stays activating until READY=1, which waits for the store; then StatusText is the summary")
    func readyOnlyAfterStore() throws {
        let service = try UserService()
        defer { service.stopQuietly() }
        let seeded = SeededCase()
        try seeded.seed(into: service, receivedDaysAgo: 20)

        // Hold the store's write lock: the daemon opens the store but cannot recompute the new case
        // and arm its schedule until the lock goes, so it must not report READY before.
        let lock = try StoreLock(store: service.store)
        defer { lock.release() }
        try service.systemctl(["start", "--no-block", "xinfangd.service"]).check()
        #expect(try Shell.wait(seconds: 15) { try service.property("SubState") == "start" && service.property("MainPID") != "0" },
                "\(service.report)")
        let held = Date().addingTimeInterval(3)
        var states: Set<String> = []
        while Date() < held {
            states.insert(try service.property("ActiveState"))
            usleep(200_000)
        }
        #expect(states == ["activating"], "while the store was locked: \(states)")
        #expect(try service.property("StatusText").firstMatch(of: ServiceTests.statusFormat) == nil)

        lock.release()
        #expect(try Shell.wait(seconds: 30) { try service.property("ActiveState") == "active" }, "\(service.report)")
        let status = try service.property("StatusText")
        let match = status.firstMatch(of: ServiceTests.statusFormat)
        #expect(match != nil, "StatusText=\(status)")
        if let match {
            #expect(Int(match.1) == 1, "one open case: \(status)")
            #expect((Int(match.3) ?? 0) >= 1, "its D1 is overdue: \(status)")
        }
    }

    @Test("systemd hands the service its StateDirectory, RuntimeDirectory and ConfigurationDirectory, and the daemon uses them")
    func directories() throws {
        let service = try UserService()
        defer { service.stopQuietly() }
        let since = UserService.sinceNow()
        try service.start()
        let env = try service.mainEnvironment()
        #expect(env["STATE_DIRECTORY"] == service.directory, "the harness's idea of StateDirectory= is wrong: \(env)")
        #expect(env["CONFIGURATION_DIRECTORY"] == service.directory)
        #expect(env["RUNTIME_DIRECTORY"] == service.runtime)
        #expect(env["NOTIFY_SOCKET"] != nil)
        #expect(env["JOURNAL_STREAM"] != nil)
        #expect(FileManager.default.fileExists(atPath: service.runtime + "/xinfangd.sock"), "nudge socket in RuntimeDirectory=")
        #expect(FileManager.default.fileExists(atPath: service.store))
        #expect(try service.property("StatusText").firstMatch(of: ServiceTests.statusFormat) != nil)
        // The sandboxed service reaches journald (its socket is in /run, which the sandbox keeps).
        let pid = try service.property("MainPID")
        #expect(try Shell.wait(seconds: 5) {
            !(try UserService.journal([since, "SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=\(ServiceTests.started)", "_PID=\(pid)"])).isEmpty
        })
    }

    @Test("a reminder due at start is a structured journal entry: MESSAGE_ID, PRIORITY, SYSLOG_IDENTIFIER, XINFANG_*")
    func reminderJournalEntry() throws {
        let service = try UserService()
        defer { service.stopQuietly() }
        let seeded = SeededCase()
        try seeded.seed(into: service, receivedDaysAgo: 20)
        try service.start()

        let matches = ["SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=\(ServiceTests.reminderCreated)", "XINFANG_CASE=\(seeded.number)"]
        var entries: [[String: String]] = []
        #expect(try Shell.wait(seconds: 15) {
            entries = try UserService.journal(matches)
            return entries.contains { $0["XINFANG_LEADER"] != nil }
        }, "\(entries)\n\(service.report)")
        for entry in entries {
            #expect(entry["PRIORITY"].flatMap(Int.init).map { (0...7).contains($0) } == true, "\(entry)")
            #expect(entry["XINFANG_UNIT"] == seeded.unit)
            #expect(entry["XINFANG_DEADLINE_KIND"] == "D1", "\(entry)")
            #expect(entry["XINFANG_DUE"]?.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, "\(entry)")
            #expect(entry["_PID"] == (try service.property("MainPID")), "written by the service's main process: \(entry)")
            #expect(entry["MESSAGE"]?.contains(seeded.number) == true)
        }
        #expect(entries.contains { $0["XINFANG_LEADER"] == seeded.leader }, "the owning leader's reminder: \(entries)")
        // The overdue deadline has its own entry, at warning level, for the unit.
        let overdue = try UserService.journal(["SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=\(ServiceTests.deadlineOverdue)",
                                               "XINFANG_CASE=\(seeded.number)"])
        #expect(overdue.count == 1, "\(overdue)")
        #expect(overdue.first?["PRIORITY"] == "4")
    }

    @Test("journalctl -x explains a reminder with the catalog text, its fields filled in")
    func catalogExplainsEntries() throws {
        let catalog = try InstalledCatalog()
        defer { catalog.restore() }
        let service = try UserService()
        defer { service.stopQuietly() }
        let seeded = SeededCase()
        try seeded.seed(into: service, receivedDaysAgo: 20)
        try service.start()

        let matches = ["SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=\(ServiceTests.reminderCreated)", "XINFANG_CASE=\(seeded.number)"]
        #expect(try Shell.wait(seconds: 15) { !(try UserService.journal(matches)).isEmpty }, "\(service.report)")
        let explained = try Shell.run("journalctl", ["--no-pager", "-x", "-n", "1"] + matches).stdout
        #expect(explained.contains("Subject: Reminder created: \(seeded.number) (已生成提醒)"), "\(explained)")
        #expect(explained.contains("Defined-By: xinfangd"))
        #expect(explained.contains("对象：\(seeded.number)，单位：\(seeded.unit)，类型：D1"), "\(explained)")
        #expect(!explained.contains("@XINFANG_"), "every field the text names is in the entry: \(explained)")

        // The overdue entry follows the reminder's: wait for it too before reading it back.
        let overdueMatches = ["SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=\(ServiceTests.deadlineOverdue)", "XINFANG_CASE=\(seeded.number)"]
        #expect(try Shell.wait(seconds: 15) { !(try UserService.journal(overdueMatches)).isEmpty }, "\(service.report)")
        let overdue = try Shell.run("journalctl", ["--no-pager", "-x", "-n", "1"] + overdueMatches).stdout
        #expect(overdue.contains("Subject: Statutory deadline overdue: case \(seeded.number) (法定期限已逾期)"), "\(overdue)")
    }

    @Test("a hung loop stops its watchdog pings; systemd restarts the service, which creates no reminder twice")
    func watchdogRestart() throws {
        let service = try UserService(extraService: ["WatchdogSec=3s"])
        defer { service.stopQuietly() }
        let seeded = SeededCase()
        try seeded.seed(into: service, receivedDaysAgo: 20)
        try service.start()
        #expect(try service.property("WatchdogUSec") == "3s")

        let journalMatches = ["SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=\(ServiceTests.reminderCreated)", "XINFANG_CASE=\(seeded.number)"]
        #expect(try Shell.wait(seconds: 15) { (try UserService.journal(journalMatches)).count >= 2 }, "unit and leader reminded")
        let remindersBefore = try service.sqlite("SELECT COUNT(*) FROM reminders")
        let loggedBefore = try UserService.journal(journalMatches).count
        #expect(Int(remindersBefore) ?? 0 >= 2)

        // Alive: the loop pings, so a few watchdog periods pass without a restart.
        let firstPID = try service.property("MainPID")
        let restartsBefore = Int(try service.property("NRestarts")) ?? -1
        sleep(7)
        #expect(try service.property("MainPID") == firstPID, "restarted while the loop was alive")
        #expect(Int(try service.property("NRestarts")) == restartsBefore)

        let hang = try service.ctl(["debug", "hang"])
        #expect(hang.status == 0, "\(hang)")
        let hungAt = Date()
        // 3 s without a ping, SIGABRT (TimeoutAbortSec=5 at most), RestartSec=2s, then READY again.
        let restarted = try Shell.wait(seconds: 40) {
            let p = try service.show(["NRestarts", "ActiveState", "MainPID"])
            return (Int(p["NRestarts"] ?? "") ?? 0) > restartsBefore && p["ActiveState"] == "active" && p["MainPID"] != firstPID
        }
        #expect(restarted, "\(service.report)")
        let elapsed = Date().timeIntervalSince(hungAt)
        #expect(elapsed < 20, "hang to active again took \(elapsed) s")
        // The watchdog ended it, with SIGABRT (a core dump or a plain kill, depending on the host).
        let ended = service.exitRecords()
        #expect(ended.count == 1 && ended[0].hasPrefix("watchdog ") && ended[0].hasSuffix(" ABRT"), "\(ended)")

        // The restarted daemon found everything already fired: no new rows, no second journal entry.
        #expect(try Shell.wait(seconds: 5) { (try service.property("StatusText")).firstMatch(of: ServiceTests.statusFormat) != nil })
        sleep(2)
        #expect(try service.sqlite("SELECT COUNT(*) FROM reminders") == remindersBefore)
        #expect(try service.sqlite("SELECT COUNT(*) FROM reminders WHERE case_number = '\(seeded.number)'")
                == (try service.sqlite("SELECT COUNT(DISTINCT dedupe_key) FROM reminders WHERE case_number = '\(seeded.number)'")))
        #expect(try UserService.journal(journalMatches).count == loggedBefore)
    }

    @Test("systemctl reload re-reads the configuration in place: a case added afterwards is reminded at the new reminder_time")
    func reloadAppliesConfiguration() throws {
        let service = try UserService()
        defer { service.stopQuietly() }
        let seeded = SeededCase()
        try seeded.seed(into: service, receivedDaysAgo: 0)
        try service.start()
        #expect(try Shell.wait(seconds: 10) { (try service.property("StatusText")).hasSuffix(" 09:00") },
                "next milestone at the default reminder_time: \(service.report)")
        let pid = try service.property("MainPID")
        // Only this run's entries: a long-lived journald may hold an earlier process's with the same PID.
        let since = UserService.sinceNow()

        let config = try String(contentsOfFile: service.config, encoding: .utf8)
        try (config + "\n[time]\nreminder_time = \"10:30\"\n").write(toFile: service.config, atomically: true, encoding: .utf8)
        let reload = try service.systemctl(["reload", "xinfangd.service"])
        #expect(reload.status == 0, "\(reload)")
        // ExecReload=xinfangctl reload returns only after the daemon answered, which it does after READY=1.
        #expect(try service.property("ActiveState") == "active", "READY=1 after RELOADING=1")
        #expect(try service.property("MainPID") == pid, "reloaded in place, not restarted")
        // Up to 15 s: on a loaded machine journald has been seen to take longer than 5 s to show it.
        #expect(try Shell.wait(seconds: 15) {
            (try UserService.journal([since, "SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=\(ServiceTests.reloaded)", "_PID=\(pid)"])).count == 1
        }, "one 'reloaded' entry from the same process: \(service.report)")

        // A case received 5 days ago has its first milestone before the first case's: STATUS shows
        // it at 10:30, the reloaded reminder_time, once the nudge has made the daemon schedule it.
        let second = SeededCase()
        try service.ctl(["case", "add", second.number, "--received", shanghaiDate(daysFromToday: -5), "--category", "申诉求决",
                         "--unit", second.unit]).check()
        #expect(try Shell.wait(seconds: 15) { (try service.property("StatusText")).hasSuffix(" 10:30") }, "\(service.report)")
        #expect(try service.sqlite("SELECT COUNT(*) FROM deadlines WHERE case_number = '\(second.number)' AND next_fire_at IS NOT NULL "
                                   + "AND (next_fire_at + 8 * 3600) % 86400 = 10 * 3600 + 30 * 60") != "0")

        // A broken file is refused: `systemctl reload` fails and StatusText says why; the service
        // keeps running on what it had.
        try (config + "\n[time]\nreminder_time = \"10:30\"\n[nonsense]\n").write(toFile: service.config, atomically: true, encoding: .utf8)
        let refused = try service.systemctl(["reload", "xinfangd.service"])
        #expect(refused.status != 0, "\(refused)")
        #expect(try Shell.wait(seconds: 10) {
            (try service.property("StatusText")).hasPrefix("reload refused, running the previous configuration: \(service.config):")
        }, "StatusText=\((try? service.property("StatusText")) ?? "?")")
        #expect(try Shell.wait(seconds: 10) {
            !(try UserService.journal([since, "SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=531570222ae64c9d8afd4534b56edb31", "_PID=\(pid)"])).isEmpty
        }, "a configRejected entry")
        #expect(try Shell.wait(seconds: 10) { try service.property("ActiveState") == "active" })
        #expect(try service.property("MainPID") == pid)
    }

    @Test("after a reload with a new reminder_time, milestones already scheduled move to it (the schedule follows)")
    func reloadMovesPendingMilestones() throws {
        let service = try UserService()
        defer { service.stopQuietly() }
        let seeded = SeededCase()
        try seeded.seed(into: service, receivedDaysAgo: 0)
        try service.start()
        #expect(try Shell.wait(seconds: 10) { (try service.property("StatusText")).hasSuffix(" 09:00") }, "\(service.report)")
        let before = try service.property("StatusText")

        let config = try String(contentsOfFile: service.config, encoding: .utf8)
        try (config + "\n[time]\nreminder_time = \"10:30\"\n").write(toFile: service.config, atomically: true, encoding: .utf8)
        try service.systemctl(["reload", "xinfangd.service"]).check()
        // Same milestone day, new time of day.
        let expected = before.replacingOccurrences(of: " 09:00", with: " 10:30")
        #expect(try Shell.wait(seconds: 15) { try service.property("StatusText") == expected },
                "StatusText=\((try? service.property("StatusText")) ?? "?"), expected \(expected)")
    }

    @Test("systemctl stop: STOPPING=1, a clean exit 0, Result=success, the runtime directory removed")
    func stopIsClean() throws {
        let service = try UserService()
        defer { service.stopQuietly() }
        let since = UserService.sinceNow()
        try service.start()
        let pid = try service.property("MainPID")
        try service.systemctl(["stop", "xinfangd.service"]).check()
        #expect(try service.property("ActiveState") == "inactive")
        // Result=success, exited (not killed) with ExecMainStatus=0, as ExecStopPost= saw them.
        #expect(service.exitRecords() == ["success exited 0"], "\(service.exitRecords())")
        #expect(!FileManager.default.fileExists(atPath: service.runtime))
        #expect(try Shell.wait(seconds: 5) {
            !(try UserService.journal([since, "SYSLOG_IDENTIFIER=xinfangd", "MESSAGE_ID=\(ServiceTests.stopping)", "_PID=\(pid)"])).isEmpty
        })
    }
}

/// Holds SQLite's write lock on a store through the sqlite3 shell (BEGIN IMMEDIATE) until released.
final class StoreLock: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private var released = false

    init(store: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", store]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(".timeout 10000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n".utf8))
        // Wait until the shell says it holds the lock.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw HarnessError("sqlite3 exited before taking the lock") }
            seen.append(chunk)
        }
    }

    func release() {
        guard !released else { return }
        released = true
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { release() }
}
