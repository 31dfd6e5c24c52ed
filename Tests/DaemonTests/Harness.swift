import Foundation
import GRDB
@_exported import XinfangTesting

/// A sandbox for one daemon test: its own store, runtime directory, Maildir and configuration,
/// and helpers to run the real `xinfangd` and `xinfangctl` built next to the test bundle.
struct Sandbox {
    static let packageRoot = Checkout.root

    let root: String
    var store: String { root + "/state/xinfang.sqlite" }
    var runtime: String { root + "/run" }
    var maildir: String { root + "/Maildir" }
    var config: String { root + "/xinfangd.toml" }
    /// The clock the processes it starts run on (default: the suite's test clock).
    var clock: [String: String] = TestClock.environment

    init(extraConfig: String = "") throws {
        root = TemporaryFolder.make("daemon")
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
        try """
            [store]
            path = "\(store)"
            [calendar]
            directory = "\(Sandbox.packageRoot.path)/etc/calendars"
            [notify.maildir]
            path = "\(maildir)"
            \(extraConfig)
            \(extraConfig.contains("[http]") ? "" : "[http]\nenabled = false  # tests run daemons in parallel: no shared port")
            """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    static func binary(_ name: String) -> String { Checkout.binary(name) }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["RUNTIME_DIRECTORY"] = runtime
        for key in ["STATE_DIRECTORY", "CONFIGURATION_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "XINFANG_CALENDARS"] { env.removeValue(forKey: key) }
        env.merge(clock) { $1 }
        return env
    }

    /// Starts xinfangd; its stderr goes to a log file in the sandbox.
    func startDaemon(environment: [String: String]? = nil, extraEnvironment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangd"))
        process.arguments = ["--config", config]
        process.environment = (environment ?? self.environment).merging(extraEnvironment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        if !FileManager.default.fileExists(atPath: root + "/xinfangd.log") {
            _ = FileManager.default.createFile(atPath: root + "/xinfangd.log", contents: nil)
        }
        let log = FileHandle(forWritingAtPath: root + "/xinfangd.log")!
        log.seekToEndOfFile()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts xinfangctl without waiting.
    func startCtl(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangctl"))
        process.arguments = arguments + ["--config", config]
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs xinfangctl to the end; returns its exit status.
    @discardableResult
    func ctl(_ arguments: [String]) throws -> Int32 {
        let process = try startCtl(arguments)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs xinfangctl to the end; returns its exit status, stdout and stderr.
    func ctlOutput(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangctl"))
        process.arguments = arguments + ["--config", config]
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    /// Reads the store directly (a real SQLite file, opened read-only).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        return try DatabaseQueue(path: store, configuration: config).read(body)
    }

    /// Waits until `condition` holds, up to `seconds`.
    func wait(seconds: Double, for condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    /// The Message-IDs of every mail in the Maildir (new/ and cur/).
    func messageIDs() -> [String] {
        var ids: [String] = []
        for sub in ["new", "cur"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: maildir + "/" + sub)) ?? [] {
                guard let text = try? String(contentsOfFile: maildir + "/" + sub + "/" + name, encoding: .utf8) else { continue }
                if let line = text.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("Message-ID:") }) { ids.append(line) }
            }
        }
        return ids
    }
}
