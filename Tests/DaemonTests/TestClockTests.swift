import Foundation
import GRDB
import Testing
import XinfangCore

/// The injected test clock (`XINFANG_TEST_NOW`, honoured in test mode only) drives the daemon's
/// timer and the CLI's "today", so that a test can run on the 1st of a month whatever day it is.
@Suite("The test clock: the daemon and xinfangctl run on an injected instant")
struct TestClockTests {
    static let duty = """
        [[duties]]
        name = "半月积案调度会"
        every = "half-month"
        kind = "meeting"
        to = ["县信访局"]
        """

    /// Duty reminder rows: (due day, fire_at, late_by).
    static func dutyReminders(_ sandbox: Sandbox) throws -> [(due: String, fireAt: Int64, late: Int64?)] {
        try sandbox.read { db in
            try Row.fetchAll(db, sql: "SELECT due, fire_at, late_by FROM reminders WHERE kind = 'duty' ORDER BY id").map {
                (Day(number: $0["due"]).description, $0["fire_at"], $0["late_by"])
            }
        }
    }

    @Test("started at 08:59:52 on Tue 2026-12-01, the daemon fires the half-monthly duty (1st and 16th) at 09:00 of that day, on time")
    func dutyOnTheFirst() throws {
        let sandbox = try Sandbox(extraConfig: Self.duty)
        #expect(try sandbox.ctl(["unit", "add", "县信访局", "--address", "xfj@example.cn"]) == 0)
        let daemon = try sandbox.startDaemon(extraEnvironment: TestClock.environment(showingNow: "2026-12-01T08:59:52+08:00"))
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        // Nothing before 09:00 (2026-12-01 09:00 +08:00 is 1796086800 in Unix seconds) …
        Thread.sleep(forTimeInterval: 2)
        #expect(try Self.dutyReminders(sandbox).isEmpty)
        // … then the duty, at 09:00 on the simulated clock, a few real seconds after the start.
        #expect(try sandbox.wait(seconds: 25) { try !Self.dutyReminders(sandbox).isEmpty })
        let fired = try Self.dutyReminders(sandbox)
        #expect(fired.map(\.due) == ["2026-12-01"])
        #expect(fired.map(\.fireAt) == [1_796_086_800])
        #expect(fired.allSatisfy { $0.late == nil })
    }

    @Test("on Wed 2026-12-02 (neither the 1st nor the 16th) the same daemon fires no duty")
    func noDutyOnTheSecond() throws {
        let sandbox = try Sandbox(extraConfig: Self.duty)
        #expect(try sandbox.ctl(["unit", "add", "县信访局", "--address", "xfj@example.cn"]) == 0)
        let daemon = try sandbox.startDaemon(extraEnvironment: TestClock.environment(showingNow: "2026-12-02T08:59:57+08:00"))
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        Thread.sleep(forTimeInterval: 6)
        #expect(try Self.dutyReminders(sandbox).isEmpty)
        #expect(daemon.isRunning)
    }

    @Test("xinfangctl judges today by the test clock in test mode only; a malformed instant is refused")
    func ctlToday() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.ctl(["unit", "add", "县信访局"]) == 0)  // read commands need a store
        func agendaFrom(_ environment: [String: String]) throws -> (status: Int32, from: String?, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangctl"))
            process.arguments = ["agenda", "--json", "--config", sandbox.config]
            process.environment = environment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            return (process.terminationStatus, json?["from"] as? String, errors)
        }
        var environment = sandbox.environment
        environment["XINFANG_TEST_NOW"] = "2026-02-16T10:00:00+08:00"
        environment["XINFANG_TEST_NOW_SINCE"] = nil
        environment["XINFANG_TEST_FAULTS"] = "1"
        #expect(try agendaFrom(environment).from == "2026-02-16")
        // Without test mode the variable is ignored: the real date (Asia/Shanghai), which is not 2026-02-16.
        environment["XINFANG_TEST_FAULTS"] = nil
        let real = try agendaFrom(environment)
        #expect(real.status == 0)
        #expect(real.from != nil && real.from != "2026-02-16")
        environment["XINFANG_TEST_FAULTS"] = "1"
        environment["XINFANG_TEST_NOW"] = "tomorrow"
        let bad = try agendaFrom(environment)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("XINFANG_TEST_NOW: \"tomorrow\" is not an instant"))
    }
}
