import Foundation
import XinfangTesting

/// The whole system as a bureau runs it, for the end-to-end web tests: one real `xinfangd` serving
/// the web interface on a free loopback port, writing its reminders into a Maildir, on a test clock
/// pinned to `instant` (the tests' dates are absolute, worked out by hand); and the real
/// `xinfangctl` on the same configuration to set up accounts and cases.
final class LiveSite {
    let root: String
    let port: Int
    let clock: [String: String]
    var config: String { root + "/xinfangd.toml" }
    var store: String { root + "/state/xinfang.sqlite" }
    var maildir: String { root + "/Maildir" }
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var http: RawHTTP { RawHTTP(address: .tcp(host: "127.0.0.1", port: port)) }
    /// Everything the daemon wrote on stderr (its log lines), over all its runs.
    var log: String { (try? String(contentsOfFile: root + "/xinfangd.log", encoding: .utf8)) ?? "" }
    private(set) var daemon: Process?

    /// Writes the configuration: the shipped calendars, no settle time (a case entered by hand is
    /// reminded at once), the Maildir, and `[http]` on 127.0.0.1:<free port> with that public URL.
    init(pinnedAt instant: String, purpose: String = "site") throws {
        root = TemporaryFolder.make(purpose)
        port = RawHTTP.freePort()
        clock = TestClock.environment(pinnedAt: instant)
        for folder in ["run", "state"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try """
            [store]
            path = "\(store)"
            [calendar]
            directory = "\(Checkout.calendars)"
            [reminders]
            settle_seconds = 0
            [notify.maildir]
            path = "\(maildir)"
            from = "xinfangd@xf.example.cn"
            [http]
            listen = "127.0.0.1:\(port)"
            public_url = "\(baseURL)"

            """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in ["STATE_DIRECTORY", "CONFIGURATION_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "XINFANG_CALENDARS", "LISTEN_FDS", "LISTEN_PID",
                    "XINFANG_TEST_PUBLIC_URL"] {
            environment.removeValue(forKey: key)
        }
        environment["RUNTIME_DIRECTORY"] = root + "/run"
        environment.merge(clock) { $1 }
        return environment
    }

    /// Starts xinfangd (stderr appended to `log`) and waits until it serves /healthz and its
    /// scheduler is up; throws with the log when it does not within 30 s.
    func start(clock override: [String: String]? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Checkout.binary("xinfangd"))
        process.arguments = ["--config", config]
        process.environment = environment.merging(override ?? [:]) { $1 }
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
        daemon = process
        let up = wait(seconds: 30) {
            FileManager.default.fileExists(atPath: self.root + "/run/xinfangd.sock") && (try? self.http.request("GET", "/healthz"))?.status == 200
        }
        guard up else { throw RawHTTP.Failure(description: "xinfangd did not come up on port \(port):\n\(self.log)") }
    }

    /// SIGTERM and wait for the exit.
    func stop() {
        guard let daemon, daemon.isRunning else { return }
        daemon.terminate()
        daemon.waitUntilExit()
    }

    /// Runs xinfangctl on this configuration to the end (with `stdin` as its input, if any).
    @discardableResult
    func ctl(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Checkout.binary("xinfangctl"))
        process.arguments = arguments + ["--config", config]
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    /// Runs xinfangctl and throws with its stderr unless it exits 0; returns its stdout.
    @discardableResult
    func must(_ arguments: [String], stdin: String? = nil) throws -> String {
        let r = try ctl(arguments, stdin: stdin)
        guard r.status == 0 else { throw RawHTTP.Failure(description: "xinfangctl \(arguments.joined(separator: " ")) exited \(r.status): \(r.stderr)") }
        return r.stdout
    }

    /// The mails in the Maildir's new/: headers as written, body decoded (base64 text/plain).
    func mails() -> [(headers: String, body: String)] {
        let folder = maildir + "/new"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return names.compactMap { name in
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8),
                  let split = text.range(of: "\r\n\r\n") else { return nil }
            let encoded = text[split.upperBound...].replacingOccurrences(of: "\r\n", with: "")
            guard let data = Data(base64Encoded: encoded) else { return nil }
            return (String(text[..<split.lowerBound]), String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
        }
    }

    func wait(seconds: Double, for condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(100_000)
        }
        return condition()
    }

    deinit {
        if let daemon, daemon.isRunning {
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
        }
        if ProcessInfo.processInfo.environment["XINFANG_KEEP_SITE"] == nil { TemporaryFolder.remove(root) }
    }
}
