import Foundation
import GRDB
import Testing

/// SIGHUP and SIGTERM reach the daemon's loop, never a delivering thread or a child it spawns:
/// reload and stop work while the exec and Maildir channels are busy.
///
/// `XINFANG_SIGNAL_ROUNDS` sets the number of rounds (default 6).
@Suite("xinfangd takes reload and stop during deliveries", .serialized)
struct SignalDuringDeliveryTests {
    /// Each delivery runs a short shell command: the exec channel spawns children all the time.
    static let execConfig = """
        [notify.exec]
        command = ["/bin/sh", "-c", "cat > /dev/null; sleep 0.01"]
        """

    static func log(_ sandbox: Sandbox) -> String { (try? String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8)) ?? "" }

    static func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Imports `count` cases whose reminders are due at once (see `CrashTests.importFile`) and waits
    /// until the exec channel has delivered some of them.
    static func startDeliveries(_ sandbox: Sandbox, round: Int, count: Int) throws {
        let (file, _) = try CrashTests.importFile(sandbox, round: round, count: count)
        #expect(try sandbox.ctl(["import", file]) == 0)
        let started = try sandbox.wait(seconds: 30) {
            try sandbox.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries d JOIN reminders r ON r.id = d.reminder_id WHERE d.channel = 'exec' AND d.state = 'sent' AND r.case_number LIKE ?",
                                 arguments: [String(format: "XF-K%03d-%%", round)]) ?? 0 > 0
            }
        }
        #expect(started)
    }

    @Test("SIGHUP during exec and Maildir deliveries reloads, every round; SIGTERM then stops cleanly with exit 0")
    func reloadThenStopDuringDeliveries() throws {
        let rounds = CatchUpCrashTests.knob("XINFANG_SIGNAL_ROUNDS", 6)
        let sandbox = try Sandbox(extraConfig: Self.execConfig)
        #expect(try sandbox.ctl(["unit", "add", "县人社局", "--address", "rsj@example.cn"]) == 0)
        #expect(try sandbox.ctl(["leader", "add", "王副县长", "--address", "wang@example.cn"]) == 0)
        for round in 0..<rounds {
            let daemon = try sandbox.startDaemon()
            #expect(sandbox.wait(seconds: 10) { FileManager.default.fileExists(atPath: sandbox.runtime + "/xinfangd.sock") })
            try Self.startDeliveries(sandbox, round: round, count: 150)
            let reloadsBefore = Self.occurrences("reloaded configuration", in: Self.log(sandbox))
            for _ in 0..<3 {
                kill(daemon.processIdentifier, SIGHUP)
                usleep(UInt32.random(in: 20_000...150_000))
            }
            #expect(sandbox.wait(seconds: 20) { Self.occurrences("reloaded configuration", in: Self.log(sandbox)) > reloadsBefore })
            #expect(daemon.isRunning, "round \(round): SIGHUP killed the daemon")
            // More deliveries, then stop in the middle of them.
            try Self.startDeliveries(sandbox, round: 100 + round, count: 150)
            kill(daemon.processIdentifier, SIGTERM)
            daemon.waitUntilExit()
            #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0, "round \(round): \(daemon.terminationReason == .exit ? "exit" : "signal") \(daemon.terminationStatus)")
            #expect(Self.occurrences("stopping (SIGTERM or SIGINT)", in: Self.log(sandbox)) == round + 1)
        }
    }
}
