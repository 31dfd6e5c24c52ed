import Foundation
import Testing
import XinfangTesting

/// How `xinfangctl` finds its store: read commands never create one, `--config` alone implies the
/// store of that configuration, the store options may come before the subcommand, read-only copies
/// can be read, concurrent first openers do not race on the migrations.
@Suite struct StoreLookupCLITests {
    /// An empty scratch directory (no `var/`, no `etc/`) to run the commands from.
    let dir: URL
    /// The environment of a shell outside systemd: no *_DIRECTORY variables, HOME in the scratch
    /// directory (so a user unit's directories are the test's own), the process umask 0022.
    var environment: [String: String] {
        ["TZ": "Asia/Shanghai", "HOME": dir.path, "STATE_DIRECTORY": "", "RUNTIME_DIRECTORY": "", "CONFIGURATION_DIRECTORY": "",
         "XDG_CONFIG_HOME": dir.path + "/.config", "XDG_STATE_HOME": dir.path + "/.local/state", "XDG_RUNTIME_DIR": dir.path + "/run"]
    }

    init() throws {
        dir = URL(fileURLWithPath: TemporaryFolder.make("lookup"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("cwd"), withIntermediateDirectories: true)
    }

    /// Runs from `dir/cwd` with the calendars of the checkout.
    func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments, environment: environment.filter { !$0.value.isEmpty }.merging(
            ["XINFANG_CALENDARS": CLI.packageRoot.path + "/etc/calendars"]) { $1 }, directory: dir.appendingPathComponent("cwd"))
    }

    func write(_ path: String, _ text: String) throws -> String {
        let file = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test("a read command with no store refuses, says where it looked, and creates nothing")
    func readNeverCreates() throws {
        for command in [["status"], ["unit", "list"], ["due"], ["audit", "verify"]] {
            let result = try run(command)
            #expect(result.status == 1, "\(command): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains("no store found"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains(dir.path + "/cwd/var/xinfang.sqlite"), "names the place looked at: \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/cwd/var"), "nothing created")
    }

    @Test("--config alone implies the store of a user unit's configuration directory (systemd 252: state = configuration directory)")
    func configImpliesStore() throws {
        let config = try write(".config/xinfangd/xinfangd.toml", "[policy]\ndefault = \"cn-2022\"\n")
        let store = dir.path + "/.config/xinfangd/xinfang.sqlite"
        #expect(try run(["unit", "add", "县人社局", "--store", store]).status == 0)
        let listed = try run(["unit", "list", "--config", config])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("县人社局"), "found the unit's store: \(listed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/cwd/var"), "no store in the working directory")
    }

    @Test("--config in /etc-style and XDG layouts: a write goes to the service's StateDirectory (systemd ≥ 254: $XDG_STATE_HOME)")
    func configWriteGoesToStateDirectory() throws {
        let config = try write(".config/xinfangd/xinfangd.toml", "")
        let added = try run(["unit", "add", "县人社局", "--config", config])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/.local/state/xinfangd/xinfang.sqlite"))
        let status = try run(["--config", config, "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains(dir.path + "/.local/state/xinfangd/xinfang.sqlite"), "\(status.stdout)")
    }

    @Test("the store options are accepted before the subcommand: xinfangctl --config X status, xinfangctl case --store X show N")
    func globalOptionsBeforeSubcommand() throws {
        let store = dir.path + "/s/x.sqlite"
        let config = try write("x.toml", "[store]\npath = \"\(store)\"\n")
        for command in [["unit", "add", "县人社局"], ["case", "add", "XF-2026-000001", "--received", "2026-11-02", "--category", "申诉求决", "--unit", "县人社局"]] {
            let result = try run(["--store", store] + command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let status = try run(["--config", config, "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("open cases") && status.stdout.contains(store), "\(status.stdout)")
        let show = try run(["case", "--store", store, "show", "XF-2026-000001"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("XF-2026-000001"))
        let equals = try run(["--config=\(config)", "unit", "list"])
        #expect(equals.status == 0 && equals.stdout.contains("县人社局"), "\(equals.stderr)")
    }

    @Test("a write with no daemon running succeeds (exit 0) and says that no daemon was told; status says none runs")
    func writeWithoutDaemonSaysSo() throws {
        let store = dir.path + "/s/x.sqlite"
        #expect(try run(["unit", "add", "县人社局", "--store", store]).status == 0)
        let result = try run(["case", "add", "XF-2026-000001", "--received", "2026-11-02", "--category", "申诉求决", "--unit", "县人社局", "--store", store])
        #expect(result.status == 0)
        #expect(result.stderr.contains("no daemon was told"), "\(result.stderr)")
        #expect(result.stderr.contains(dir.path + "/s/xinfangd.sock"), "names the socket next to the store: \(result.stderr)")
        let status = try run(["status", "--store", store])
        #expect(status.stdout.contains("not running"), "\(status.stdout)")
    }

    @Test("a new store and its WAL are created 0640 under umask 0022 (not world-readable)")
    func storeFileMode() throws {
        let store = dir.path + "/s/x.sqlite"
        #expect(try run(["unit", "add", "县人社局", "--store", store]).status == 0)
        for file in [store, store + "-wal", store + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode & 0o007 == 0, "\(file): mode \(String(mode, radix: 8))")
        }
        let mode = try #require(FileManager.default.attributesOfItem(atPath: store)[.posixPermissions] as? Int)
        #expect(mode == 0o640, "mode \(String(mode, radix: 8))")
    }

    @Test("a read-only backup copy (read-only mount) can be read, status included; a write says it is impossible",
          .enabled(if: getuid() == 0, "needs root to mount"))
    func readOnlyCopy() throws {
        let store = dir.path + "/s/x.sqlite"
        #expect(try run(["unit", "add", "县人社局", "--store", store]).status == 0)
        let backup = dir.path + "/backup"
        try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: store, toPath: backup + "/x.sqlite")
        #expect(shell("mount --bind \(backup) \(backup) && mount -o remount,bind,ro \(backup)") == 0)
        defer { _ = shell("umount \(backup)") }
        for command in [["status"], ["unit", "list"], ["audit", "verify"]] {
            let result = try run(command + ["--store", backup + "/x.sqlite"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try run(["unit", "list", "--store", backup + "/x.sqlite"]).stdout.contains("县人社局"))
        let write = try run(["unit", "add", "县民政局", "--store", backup + "/x.sqlite"])
        #expect(write.status == 1)
        #expect(write.stderr.contains("not writable") && write.stderr.contains("nothing was written"), "\(write.stderr)")
    }

    @Test("concurrent first openers of a new store: every process succeeds, the migrations run once (20 rounds × 4 processes)")
    func migrationRace() throws {
        for round in 0..<20 {
            let store = dir.path + "/race\(round)/x.sqlite"
            let processes = try (0..<4).map { i -> (Process, Pipe) in
                let process = Process()
                process.executableURL = CLI.binary
                process.arguments = ["unit", "add", "单位\(i)", "--store", store]
                process.environment = ProcessInfo.processInfo.environment.merging(["TZ": "Asia/Shanghai"]) { $1 }
                let error = Pipe()
                process.standardError = error
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                return (process, error)
            }
            for (process, error) in processes {
                let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "round \(round): \(text)")
            }
            let units = try run(["unit", "list", "--store", store])
            #expect((0..<4).allSatisfy { units.stdout.contains("单位\($0)") }, "round \(round): \(units.stdout)")
        }
    }
}

/// Runs a shell command; returns its exit status.
private func shell(_ command: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}
