import Foundation
import XinfangTesting

/// One real `xinfangd` with its HTTP server, in a sandbox of its own (store, runtime directory,
/// configuration with an `[http]` section the test chooses), on the suite's test clock.
final class WebDaemon {
    let root: String
    let process: Process
    var log: String { (try? String(contentsOfFile: root + "/xinfangd.log", encoding: .utf8)) ?? "" }
    var nudgeSocket: String { root + "/run/xinfangd.sock" }

    /// Writes the configuration (`http` is the body of its `[http]` table) and starts the daemon.
    init(http: String) throws {
        root = TemporaryFolder.make("web")
        try FileManager.default.createDirectory(atPath: root + "/run", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/state", withIntermediateDirectories: true)
        try """
            [store]
            path = "\(root)/state/xinfang.sqlite"
            [calendar]
            directory = "\(Checkout.calendars)"
            [http]
            \(http)
            """.write(toFile: root + "/xinfangd.toml", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Checkout.binary("xinfangd"))
        process.arguments = ["--config", root + "/xinfangd.toml"]
        var environment = ProcessInfo.processInfo.environment
        for key in ["STATE_DIRECTORY", "CONFIGURATION_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "XINFANG_CALENDARS", "LISTEN_FDS", "LISTEN_PID"] {
            environment.removeValue(forKey: key)
        }
        environment["RUNTIME_DIRECTORY"] = root + "/run"
        environment.merge(TestClock.environment) { $1 }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        _ = FileManager.default.createFile(atPath: root + "/xinfangd.log", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: root + "/xinfangd.log")!
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until `client` answers GET /healthz (up to `seconds`); false if it never did.
    func waitUntilServing(_ client: RawHTTP, seconds: Double = 20) -> Bool {
        wait(seconds: seconds) { (try? client.request("GET", "/healthz"))?.status == 200 }
    }

    /// Waits until the scheduler is up (its nudge socket exists).
    func waitUntilReady(seconds: Double = 20) -> Bool {
        wait(seconds: seconds) { FileManager.default.fileExists(atPath: nudgeSocket) }
    }

    func wait(seconds: Double, for condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            usleep(50_000)
        }
        return condition()
    }

    /// SIGTERM, then waits up to `seconds` for the exit; returns the seconds it took, or nil.
    func terminate(within seconds: Double = 10) -> Double? {
        let start = Date()
        process.terminate()
        let ended = wait(seconds: seconds) { !process.isRunning }
        return ended ? Date().timeIntervalSince(start) : nil
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        TemporaryFolder.remove(root)
    }
}
