import Foundation
import XinfangTesting

/// The real `units/xinfangd.service`, run by the systemd user manager that
/// `scripts/ci/start-user-manager` starts for root (XDG_RUNTIME_DIR=/run/user/0).
///
/// The unit is installed unchanged into the manager's runtime unit directory; a drop-in relaxes only
/// what a user manager (or this sandbox) cannot do, and points ExecStart= at the debug build:
/// - `User=`/`Group=`: a user manager runs services as its own user;
/// - `ProtectHome=no`: user units keep StateDirectory=/ConfigurationDirectory= under $HOME and the
///   manager's notify socket under /run/user, both of which ProtectHome= hides;
/// - only when the sandbox lacks them (scripts/ci/start-user-manager provides both): without /run as
///   a mount point, ProtectKernelTunables=/ProtectControlGroups=/ProtectProc=/ProcSubset= leave the
///   service an empty /run (no NOTIFY_SOCKET, no journal); without /run/systemd/inaccessible/,
///   ProtectKernelTunables=/ProtectKernelLogs= fail with 226/NAMESPACE.
/// Test-only additions: XINFANG_TEST_FAULTS=1 (the `xinfangctl debug hang` switch) with the test
/// clock (`XINFANG_TEST_NOW`), a working directory, ExecReload= on the debug build's xinfangctl, and
/// an unsandboxed ExecStopPost= that records how the main process ended.
struct UserService {
    static let runtimeDirectory = "/run/user/0"
    static let unitDirectory = runtimeDirectory + "/systemd/user"
    static let environment = ["XDG_RUNTIME_DIR": runtimeDirectory]
    static let marker = ".xinfang-systemd-tests"

    /// StateDirectory= and ConfigurationDirectory= of a user unit: both `$XDG_CONFIG_HOME/xinfangd`
    /// with systemd 252 (systemd.exec(5), table 2); checked against the running service.
    let directory: String
    var store: String { directory + "/xinfang.sqlite" }
    var config: String { directory + "/xinfangd.toml" }
    /// The nudge socket's directory (RuntimeDirectory=xinfangd).
    var runtime: String { UserService.runtimeDirectory + "/xinfangd" }
    /// One line per end of the main process, `$SERVICE_RESULT $EXIT_CODE $EXIT_STATUS`, written by
    /// the drop-in's ExecStopPost= (the manager forgets an inactive unit's exit status at once).
    var exits: String { directory + "/exits" }
    /// The drop-in lines written for this sandbox (for failure messages).
    let dropIn: String

    /// Stops a running instance, empties the state directory, writes the configuration (calendars
    /// from the checkout, the store in the StateDirectory, `extraConfig` appended) and installs the
    /// unit with the drop-in (`extraService` lines added to its [Service] section).
    init(extraService: [String] = [], extraConfig: String = "") throws {
        _ = try? UserService.systemctl(["stop", "xinfangd.service"])
        _ = try? UserService.systemctl(["reset-failed", "xinfangd.service"])

        let environment = try UserService.systemctl(["show-environment"]).stdout.split(separator: "\n")
            .reduce(into: [String: String]()) { env, line in
                if let eq = line.firstIndex(of: "=") { env[String(line[..<eq])] = String(line[line.index(after: eq)...]) }
            }
        let configHome = environment["XDG_CONFIG_HOME"] ?? ((environment["HOME"] ?? "/root") + "/.config")
        directory = configHome + "/xinfangd"
        let files = FileManager.default
        if files.fileExists(atPath: directory) {
            guard files.fileExists(atPath: directory + "/" + UserService.marker) else {
                throw HarnessError("\(directory) exists and was not made by these tests; move it away first")
            }
            try files.removeItem(atPath: directory)
        }
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = files.createFile(atPath: directory + "/" + UserService.marker, contents: nil)
        try """
            # written by Tests/SystemdIntegrationTests
            [store]
            path = "\(directory)/xinfang.sqlite"
            [calendar]
            directory = "\(Shell.packageRoot)/etc/calendars"
            [reminders]
            # The tests add their cases by hand (xinfangctl case add) just before they start the
            # service, and expect the overdue ones reminded at once: no settle time (issue 10 §2).
            settle_seconds = 0
            [http]
            # The web server runs under the hardened unit, on a socket of its own (no shared TCP port).
            listen = "unix:\(directory)/http.sock"
            \(extraConfig)
            """.write(toFile: directory + "/xinfangd.toml", atomically: true, encoding: .utf8)

        var lines = [
            "[Service]",
            "User=", "Group=",
            "ProtectHome=no",
        ]
        if !UserService.runIsMountPoint() {
            lines += ["ProtectKernelTunables=no", "ProtectControlGroups=no", "ProtectProc=default", "ProcSubset=all"]
        }
        if !files.fileExists(atPath: "/run/systemd/inaccessible/sock") {
            lines += ["ProtectKernelTunables=no", "ProtectKernelLogs=no"]
        }
        // A checkout under /tmp (CI's clones may be) is hidden from the service by PrivateTmp=.
        if Shell.packageRoot.hasPrefix("/tmp/") || Shell.packageRoot.hasPrefix("/var/tmp/") {
            lines += ["PrivateTmp=no"]
        }
        lines += [
            "ExecStart=", "ExecStart=\(Shell.built("xinfangd"))",
            "ExecReload=", "ExecReload=\(Shell.built("xinfangctl")) reload",
            "WorkingDirectory=\(Shell.packageRoot)",
            "Environment=XINFANG_TEST_FAULTS=1",
            // The test clock (test mode only), shared with the xinfangctl runs of the test.
            "Environment=XINFANG_TEST_NOW=\(TestClock.startInstant) XINFANG_TEST_NOW_SINCE=\(TestClock.realStart)",
            "ExecStopPost=+/bin/sh -c 'echo \"$$SERVICE_RESULT $$EXIT_CODE $$EXIT_STATUS\" >> \(directory)/exits'",
        ] + extraService
        dropIn = lines.joined(separator: "\n") + "\n"
        _ = try? files.removeItem(atPath: UserService.unitDirectory + "/xinfangd.service.d")
        try files.createDirectory(atPath: UserService.unitDirectory + "/xinfangd.service.d", withIntermediateDirectories: true)
        _ = try? files.removeItem(atPath: UserService.unitDirectory + "/xinfangd.service")
        try files.copyItem(atPath: Shell.packageRoot + "/units/xinfangd.service", toPath: UserService.unitDirectory + "/xinfangd.service")
        try dropIn.write(toFile: UserService.unitDirectory + "/xinfangd.service.d/50-test.conf", atomically: true, encoding: .utf8)
        try UserService.systemctl(["daemon-reload"]).check()
    }

    /// Whether /run is a mount point here (PID 1 mounts a tmpfs there; this sandbox may not).
    static func runIsMountPoint() -> Bool {
        let info = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        return info.split(separator: "\n").contains { $0.split(separator: " ").dropFirst(4).first == "/run" }
    }

    // MARK: - systemctl --user

    @discardableResult
    static func systemctl(_ arguments: [String]) throws -> Output {
        try Shell.run("systemctl", ["--user", "--no-pager"] + arguments, environment: environment)
    }

    @discardableResult
    func systemctl(_ arguments: [String]) throws -> Output { try UserService.systemctl(arguments) }

    /// `systemctl --user show -p …` as a dictionary.
    func show(_ properties: [String]) throws -> [String: String] {
        let output = try systemctl(["show", "xinfangd.service"] + properties.flatMap { ["-p", $0] })
        var values: [String: String] = [:]
        for line in output.stdout.split(separator: "\n", omittingEmptySubsequences: true) {
            if let eq = line.firstIndex(of: "=") { values[String(line[..<eq])] = String(line[line.index(after: eq)...]) }
        }
        return values
    }

    func property(_ name: String) throws -> String { try show([name])[name] ?? "" }

    /// Starts the unit and waits for the job (Type=notify: until READY=1, or failure).
    func start() throws {
        let output = try systemctl(["start", "xinfangd.service"])
        guard output.status == 0 else {
            throw HarnessError("systemctl --user start xinfangd failed: \(output)\n\(try diagnostics())")
        }
    }

    /// Stops the unit (ignoring errors; for `defer`).
    func stopQuietly() { _ = try? systemctl(["stop", "xinfangd.service"]) }

    /// Status, the drop-in and the service's last journal lines, for a failure message.
    func diagnostics() throws -> String {
        let status = try systemctl(["status", "xinfangd.service"]).stdout
        let journal = try Shell.run("journalctl", ["--no-pager", "-n", "30", "SYSLOG_IDENTIFIER=xinfangd"]).stdout
        return "drop-in:\n\(dropIn)\nstatus:\n\(status)\njournal:\n\(journal)"
    }

    /// `diagnostics()` for a failure message, or why it could not be had.
    var report: String { (try? diagnostics()) ?? "(no diagnostics)" }

    /// The environment of the running main process (what systemd handed it).
    func mainEnvironment() throws -> [String: String] {
        let pid = try property("MainPID")
        let data = try Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))
        var env: [String: String] = [:]
        for entry in data.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            if let eq = text.firstIndex(of: "=") { env[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
        }
        return env
    }

    // MARK: - the store, xinfangctl, the journal

    /// Runs the built xinfangctl on this service's configuration (and its runtime directory, for
    /// the nudge socket).
    @discardableResult
    func ctl(_ arguments: [String]) throws -> Output {
        try Shell.run(Shell.built("xinfangctl"), arguments + ["--config", config],
                      environment: ["RUNTIME_DIRECTORY": runtime])
    }

    /// The lines of `exits` so far.
    func exitRecords() -> [String] {
        ((try? String(contentsOfFile: exits, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// One value from the store through the sqlite3 command-line shell.
    func sqlite(_ sql: String) throws -> String {
        let output = try Shell.run("sqlite3", ["-batch", "-bail", "-cmd", ".timeout 10000", store, sql])
        guard output.status == 0 else { throw HarnessError("sqlite3 \(sql): \(output)") }
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Journal entries matching `matches` (FIELD=value), as string fields.
    /// A `journalctl` option for the entries from a second ago on: a journald kept over a long run
    /// may hold an earlier process's entries with the same PID.
    static func sinceNow() -> String { "--since=@\(Int(Date().timeIntervalSince1970) - 1)" }

    static func journal(_ matches: [String]) throws -> [[String: String]] {
        let output = try Shell.run("journalctl", ["--no-pager", "-o", "json"] + matches)
        return output.stdout.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            var entry: [String: String] = [:]
            for (key, value) in object {
                if let s = value as? String { entry[key] = s }
                else if let bytes = value as? [Int] { entry[key] = String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self) }
            }
            return entry
        }
    }
}

/// The dates and names of one seeded case: unique per run, so journal queries see only this run.
struct SeededCase {
    let number: String
    let unit = "县人力资源和社会保障局"
    let leader = "王副县长"

    init() { number = String(format: "XF-2026-%06d", Int.random(in: 100_000...999_999)) }

    /// Adds the unit, the leader and the case, received `daysAgo` days ago (Asia/Shanghai dates).
    func seed(into service: UserService, receivedDaysAgo daysAgo: Int) throws {
        for arguments in [
            ["unit", "add", unit],
            ["leader", "add", leader, "--title", "副县长"],
            ["case", "add", number, "--received", shanghaiDate(daysFromToday: -daysAgo), "--category", "申诉求决",
             "--unit", unit, "--leader", leader],
        ] {
            let output = try service.ctl(arguments)
            guard output.status == 0 else { throw HarnessError("xinfangctl \(arguments.joined(separator: " ")): \(output)") }
        }
    }
}

/// Installs units/xinfangd.catalog into /usr/lib/systemd/catalog for `journalctl -x`, and puts back
/// what was there before when done.
struct InstalledCatalog {
    static let path = "/usr/lib/systemd/catalog/xinfangd.catalog"
    let previous: Data?

    init() throws {
        previous = FileManager.default.contents(atPath: InstalledCatalog.path)
        _ = try? FileManager.default.removeItem(atPath: InstalledCatalog.path)
        try FileManager.default.copyItem(atPath: Shell.packageRoot + "/units/xinfangd.catalog", toPath: InstalledCatalog.path)
        try Shell.run("journalctl", ["--update-catalog"]).check()
    }

    func restore() {
        _ = try? FileManager.default.removeItem(atPath: InstalledCatalog.path)
        if let previous { _ = FileManager.default.createFile(atPath: InstalledCatalog.path, contents: previous) }
        _ = try? Shell.run("journalctl", ["--update-catalog"])
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Output {
    /// Throws unless the command exited 0.
    @discardableResult
    func check() throws -> Output {
        guard status == 0 else { throw HarnessError(description) }
        return self
    }
}

