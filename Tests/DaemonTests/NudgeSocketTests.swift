import Foundation
import GRDB
import Testing

/// The nudge socket belongs to the store, not to the daemon's working directory: a write made from
/// any directory wakes the daemon of its store, and one store has one daemon.
@Suite("the nudge socket: next to the store, one per store", .serialized)
struct NudgeSocketTests {
    /// Outside systemd: no RUNTIME_DIRECTORY, so the socket's place is derived from the store.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["RUNTIME_DIRECTORY", "STATE_DIRECTORY", "CONFIGURATION_DIRECTORY", "NOTIFY_SOCKET", "WATCHDOG_USEC", "XINFANG_CALENDARS"] {
            env.removeValue(forKey: key)
        }
        return env.merging(extra) { $1 }
    }

    func start(_ name: String, _ arguments: [String], in directory: String, environment: [String: String]) throws -> (Process, Pipe) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary(name))
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }

    /// Runs a command to its end: exit status and stderr.
    func run(_ name: String, _ arguments: [String], in directory: String, environment: [String: String]) throws -> (Int32, String) {
        let (process, errors) = try start(name, arguments, in: directory, environment: environment)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("a daemon started in one directory is woken by a write made from another; the socket is next to the store; a second daemon on the store is refused")
    func socketNextToStore() throws {
        let sandbox = try Sandbox()
        let env = environment()
        let socket = URL(fileURLWithPath: sandbox.store).deletingLastPathComponent().path + "/xinfangd.sock"
        #expect(try run("xinfangctl", ["unit", "add", "县人社局", "--config", sandbox.config], in: sandbox.root + "/b", environment: env).0 == 0)
        let (daemon, _) = try start("xinfangd", ["--config", sandbox.config], in: sandbox.root + "/a", environment: env)
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        #expect(sandbox.wait(seconds: 10) { FileManager.default.fileExists(atPath: socket) }, "socket at \(socket)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/a/var/xinfangd.sock"), "not in the working directory")

        let (status, errors) = try run("xinfangctl", ["case", "add", "XF-2026-000901", "--received", shanghaiDate(daysFromToday: -3),
                                                      "--category", "申诉求决", "--unit", "县人社局", "--config", sandbox.config],
                                       in: sandbox.root + "/b", environment: env)
        #expect(status == 0)
        #expect(!errors.contains("no daemon was told"), "\(errors)")
        // Nothing polls: only the nudge can make the daemon compute this case now.
        let computed = try sandbox.wait(seconds: 5) {
            try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM deadlines WHERE case_number = 'XF-2026-000901'") ?? 0 } > 0
        }
        #expect(computed)

        let (second, secondErrors) = try run("xinfangd", ["--config", sandbox.config], in: sandbox.root + "/c", environment: env)
        #expect(second != 0)
        #expect(secondErrors.contains("another xinfangd listens on \(socket)"), "\(secondErrors)")
        #expect(daemon.isRunning)
        #expect(FileManager.default.fileExists(atPath: socket), "the first daemon's socket is left alone")
    }

    @Test("status says whether a daemon runs on this store")
    func statusSaysDaemon() throws {
        let sandbox = try Sandbox()
        let env = environment()
        #expect(try run("xinfangctl", ["unit", "add", "县人社局", "--config", sandbox.config], in: sandbox.root, environment: env).0 == 0)
        func status() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangctl"))
            process.arguments = ["status", "--config", sandbox.config]
            process.environment = env
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        #expect(try status().contains("not running"))
        let (daemon, _) = try start("xinfangd", ["--config", sandbox.config], in: sandbox.root, environment: env)
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        let socket = URL(fileURLWithPath: sandbox.store).deletingLastPathComponent().path + "/xinfangd.sock"
        #expect(sandbox.wait(seconds: 10) { FileManager.default.fileExists(atPath: socket) })
        let running = try status()
        #expect(running.contains("running 运行中 (\(socket))"), "\(running)")
    }

    @Test("a user unit's layout: xinfangctl with only --config finds the store in the state directory and wakes the daemon in $XDG_RUNTIME_DIR")
    func userUnitLayout() throws {
        let sandbox = try Sandbox()
        let home = sandbox.root + "/home"
        let state = home + "/.local/state/xinfangd", runtime = sandbox.root + "/run-user/xinfangd"
        let config = home + "/.config/xinfangd/xinfangd.toml"
        try FileManager.default.createDirectory(atPath: home + "/.config/xinfangd", withIntermediateDirectories: true)
        try "[calendar]\ndirectory = \"\(Sandbox.packageRoot.path)/etc/calendars\"\n[http]\nenabled = false\n".write(toFile: config, atomically: true, encoding: .utf8)
        let shell = environment(["HOME": home, "XDG_RUNTIME_DIR": sandbox.root + "/run-user"])
        let service = environment(["HOME": home, "STATE_DIRECTORY": state, "RUNTIME_DIRECTORY": runtime, "CONFIGURATION_DIRECTORY": home + "/.config/xinfangd"])
        #expect(try run("xinfangctl", ["unit", "add", "县人社局", "--config", config], in: sandbox.root, environment: shell).0 == 0)
        #expect(FileManager.default.fileExists(atPath: state + "/xinfang.sqlite"))
        let (daemon, _) = try start("xinfangd", ["--config", config], in: "/", environment: service)
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        #expect(sandbox.wait(seconds: 10) { FileManager.default.fileExists(atPath: runtime + "/xinfangd.sock") })
        let (status, errors) = try run("xinfangctl", ["case", "add", "XF-2026-000902", "--received", shanghaiDate(daysFromToday: -3),
                                                      "--category", "申诉求决", "--unit", "县人社局", "--config", config],
                                       in: sandbox.root, environment: shell)
        #expect(status == 0)
        #expect(!errors.contains("no daemon was told"), "\(errors)")
    }
}
