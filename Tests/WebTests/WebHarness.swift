import Foundation
import XinfangTesting

/// One real `xinfangd` with its HTTP server, in a sandbox of its own (store, runtime directory,
/// configuration with an `[http]` section the test chooses), on the suite's test clock.
final class WebDaemon {
    let root: String
    let process: Process
    var log: String { (try? String(contentsOfFile: root + "/xinfangd.log", encoding: .utf8)) ?? "" }
    var nudgeSocket: String { root + "/run/xinfangd.sock" }
    let clock: [String: String]

    /// The sandbox before and while the daemon runs: the real `xinfangctl` on its configuration.
    struct Sandbox {
        let root: String
        let clock: [String: String]
        var store: String { root + "/state/xinfang.sqlite" }

        /// Runs `xinfangctl --config <sandbox> …`-style commands (the options go after the subcommand).
        @discardableResult
        func ctl(_ arguments: [String], stdin: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Checkout.binary("xinfangctl"))
            process.arguments = arguments + ["--config", root + "/xinfangd.toml"]
            var environment = ProcessInfo.processInfo.environment
            for key in ["STATE_DIRECTORY", "CONFIGURATION_DIRECTORY", "XINFANG_CALENDARS"] { environment.removeValue(forKey: key) }
            environment["RUNTIME_DIRECTORY"] = root + "/run"
            environment.merge(clock) { $1 }
            process.environment = environment
            process.currentDirectoryURL = URL(fileURLWithPath: root)
            let input = Pipe(), output = Pipe(), error = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = error
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }

    var sandbox: Sandbox { Sandbox(root: root, clock: clock) }

    /// Writes the configuration (`http` is the body of its `[http]` table), runs `prepare` (e.g.
    /// `ctl` to fill the store) and starts the daemon, on `clock` (default: the suite's test clock).
    init(http: String, clock: [String: String] = TestClock.environment, prepare: (WebDaemon.Sandbox) throws -> Void = { _ in }) throws {
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
        self.clock = clock
        try prepare(Sandbox(root: root, clock: clock))
        process = Process()
        process.executableURL = URL(fileURLWithPath: Checkout.binary("xinfangd"))
        process.arguments = ["--config", root + "/xinfangd.toml"]
        var environment = ProcessInfo.processInfo.environment
        for key in ["STATE_DIRECTORY", "CONFIGURATION_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "XINFANG_CALENDARS", "LISTEN_FDS", "LISTEN_PID"] {
            environment.removeValue(forKey: key)
        }
        environment["RUNTIME_DIRECTORY"] = root + "/run"
        environment.merge(clock) { $1 }
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
