import ArgumentParser
import Foundation
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPlugins
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// Options of every command that reads or writes the store: the configuration file, or the store
/// file itself.
struct StoreOptions: ParsableArguments {
    @Option(help: "Configuration file (default: $CONFIGURATION_DIRECTORY/xinfangd.toml or ./etc/xinfangd.toml).")
    var config: String?

    @Option(help: "The store file (default: from the configuration, else $STATE_DIRECTORY/xinfang.sqlite or ./var/xinfang.sqlite).")
    var store: String?

    /// The configuration, with the store resolved: `--store`, the configuration's `[store] path`, or
    /// the first of `StoreLocation.candidates` that exists (the first of them when none does).
    func loadConfig() throws -> DaemonConfig {
        try resolved().config
    }

    /// Sends `message` to the daemon running on this configuration's store; refuses (exit 2) when
    /// none listens.
    func tellDaemon(_ message: String) throws {
        let candidates = StoreLocation.socketCandidates(store: try loadConfig().storePath)
        guard Nudge.send(candidates: candidates, message: message) != nil else {
            throw InputFailure(message: "no daemon listens on \(candidates.joined(separator: ", "))")
        }
    }

    /// The configuration and, when no store was named, the places that were looked at.
    private func resolved() throws -> (config: DaemonConfig, lookedAt: [String]) {
        var loaded: DaemonConfig
        do throws(InputError) {
            loaded = try DaemonConfig.load(path: config)
        } catch {
            throw InputFailure(message: error.description)
        }
        if let store {
            loaded.storePath = store
            return (loaded, [])
        }
        if loaded.storePathConfigured { return (loaded, []) }
        let candidates = StoreLocation.candidates(configFile: loaded.file, defaultStore: loaded.storePath)
        loaded.storePath = candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
        return (loaded, candidates)
    }

    /// Opens the store read-only, for a command that only reads: it must exist (a read never
    /// creates a store), and may be a read-only file (a backup copy).
    func open() throws -> Context {
        let (config, lookedAt) = try resolved()
        guard FileManager.default.fileExists(atPath: config.storePath) else {
            let places = (lookedAt.isEmpty ? [config.storePath] : lookedAt).map(StoreLocation.absolute)
            throw RuntimeFailure(message: "no store found (looked at \(places.joined(separator: ", "))): name it with --store or --config, or start xinfangd first; nothing was created")
        }
        do {
            return Context(config: config, store: try SQLiteStore(path: config.storePath, readOnly: true))
        } catch let error as StoreError {
            throw RuntimeFailure(message: "cannot open the store: \(error)")
        }
    }

    /// Opens the store for a command that writes, creating it when missing; refuses at once, and
    /// says so, when the file or its directory is not writable (a read-only copy).
    func openForWriting() throws -> Context {
        let config = try loadConfig()
        let path = config.storePath
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let exists = FileManager.default.fileExists(atPath: path)
        if exists ? access(path, W_OK) != 0 : (FileManager.default.fileExists(atPath: directory) && access(directory, W_OK) != 0) {
            throw RuntimeFailure(message: "the store \(StoreLocation.absolute(path)) is not writable (\(exists ? "a read-only file" : "its directory is read-only")): nothing was written; read commands still work on it")
        }
        if !exists { FileHandle.standardError.write(Data("新建数据库 created a new store at \(StoreLocation.absolute(path))\n".utf8)) }
        return Context(config: config, store: try SQLiteStore(path: path))
    }
}

/// A runtime failure with a message for the operator (exit 1).
struct RuntimeFailure: Error {
    var message: String
}

/// An opened store with the configuration's policies and calendar (loaded on first use).
struct Context {
    let config: DaemonConfig
    let store: SQLiteStore
    /// What was loaded already: a command reads the calendar files and loads the plugins once.
    private let loaded = Loaded()

    private final class Loaded {
        var calendar: WorkingCalendar?
        var configured: ConfiguredRegistry?
        var periods: SensitivePeriods?
    }

    init(config: DaemonConfig, store: SQLiteStore) {
        self.config = config
        self.store = store
    }

    var calendar: WorkingCalendar {
        get throws {
            if let calendar = loaded.calendar { return calendar }
            let calendar = try configurationRefusal { () throws(ConfigurationFailure) in try Runtime.calendar(config) }
            loaded.calendar = calendar
            return calendar
        }
    }

    /// The registry with the plugins of the configured directories, as the daemon builds it.
    var configured: ConfiguredRegistry {
        get throws {
            if let configured = loaded.configured { return configured }
            let configured = try configuredRegistry(config)
            loaded.configured = configured
            return configured
        }
    }

    var registry: PolicyRegistry { get throws { try configured.registry } }

    /// The escalation-risk periods the daemon runs with.
    var periods: SensitivePeriods {
        get throws {
            if let periods = loaded.periods { return periods }
            let periods = try configurationRefusal { () throws(ConfigurationFailure) in try Runtime.periods(config) }
            loaded.periods = periods
            return periods
        }
    }

    var time: LocalTime { Runtime.time(config) }

    /// The daemon's scheduling: its lead times, doubled inside an escalation-risk period.
    var scheduling: Scheduling {
        get throws { Runtime.scheduling(config, calendar: try calendar, periods: try periods) }
    }

    /// Where a daemon running on this store listens (the first candidate that answers), or nil.
    var daemonSocket: String? { StoreLocation.socketCandidates(store: store.path).first(where: Nudge.listening) }

    /// Tells a running daemon that the store changed (a hint; it also catches up on start), and says
    /// on stderr when no daemon was told (the write stands; exit 0).
    func nudge() {
        let candidates = StoreLocation.socketCandidates(store: store.path)
        guard Nudge.send(candidates: candidates) == nil else { return }
        FileHandle.standardError.write(Data("""
            未通知守护进程：没有 xinfangd 在 \(candidates.joined(separator: ", ")) 上运行；变更已保存，守护进程启动时处理。
            no daemon was told: none listens on \(candidates.joined(separator: ", ")); the change is saved and picked up when xinfangd starts

            """.utf8))
    }

    /// Reads the schedule as the daemon keeps it, computing the cases it has not computed yet.
    var reader: ScheduleReader { get throws { ScheduleReader(store: store, registry: try registry, scheduling: try scheduling) } }

    /// Writes cases and events with the policy check of the configured policies and calendar.
    var recorder: CaseRecorder { get throws { CaseRecorder(store: store, registry: try registry, calendar: try calendar, actor: actor) } }

    /// Supervision orders (督办单) with the configured policies and calendar.
    var supervision: Supervision { get throws { Supervision(store: store, registry: try registry, calendar: try calendar) } }

    /// Who did it, for the audit log.
    var actor: String { "xinfangctl:" + (ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())") }
}

/// The registry and plugins the configuration makes (plugins loaded from copies in a private
/// temporary folder, since the daemon's runtime directory may not be writable here).
func configuredRegistry(_ config: DaemonConfig) throws -> ConfiguredRegistry {
    try configurationRefusal { () throws(ConfigurationFailure) in
        try Runtime.registry(config, pluginCopies: NSTemporaryDirectory() + "/xinfangctl-plugins-\(getuid())")
    }
}

/// Turns a configuration the runtime cannot be built from into an input failure (exit 2).
func configurationRefusal<T>(_ body: () throws(ConfigurationFailure) -> T) throws(InputFailure) -> T {
    do throws(ConfigurationFailure) { return try body() } catch { throw InputFailure(message: error.description) }
}

/// Turns a policy's refusal of an event, and store refusals, into input failures (exit 2).
func policyRefusal<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let refused as RefusedEvent { throw InputFailure(message: refused.description) } catch let error as StoreError {
        throw InputFailure(message: error.description)
    }
}

/// Turns store refusals into input failures (exit 2).
func storeRefusal<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as StoreError { throw InputFailure(message: error.description) }
}
