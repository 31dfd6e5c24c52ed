import ArgumentParser
import Foundation
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPlugins
import XinfangPolicy
import XinfangStore

/// Options of every command that reads or writes the store: the configuration file, or the store
/// file itself.
struct StoreOptions: ParsableArguments {
    @Option(help: "Configuration file (default: $CONFIGURATION_DIRECTORY/xinfangd.toml or ./etc/xinfangd.toml).")
    var config: String?

    @Option(help: "The store file (default: from the configuration, else $STATE_DIRECTORY/xinfang.sqlite or ./var/xinfang.sqlite).")
    var store: String?

    /// The configuration, with `--store` applied.
    func loadConfig() throws -> DaemonConfig {
        do throws(InputError) {
            var config = try DaemonConfig.load(path: config)
            if let store { config.storePath = store }
            return config
        } catch {
            throw InputFailure(message: error.description)
        }
    }

    /// Everything a command needs: configuration, store, policies and calendar.
    func open() throws -> Context {
        let config = try loadConfig()
        let store = try SQLiteStore(path: config.storePath)
        return Context(config: config, store: store)
    }
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
    }

    init(config: DaemonConfig, store: SQLiteStore) {
        self.config = config
        self.store = store
    }

    var calendar: WorkingCalendar {
        get throws {
            if let calendar = loaded.calendar { return calendar }
            do {
                let calendar = try TOMLCalendarSource(id: config.calendarID, directory: config.calendarDirectory + "/" + config.calendarID).loadCalendar()
                loaded.calendar = calendar
                return calendar
            } catch let errors as InputErrors {
                throw InputFailure(message: errors.description)
            }
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

    var time: LocalTime { LocalTime(utcOffsetSeconds: config.utcOffsetSeconds, reminderSecondOfDay: config.reminderSecondOfDay) }

    var scheduling: Scheduling {
        get throws {
            Scheduling(calendar: try calendar, reminders: StandardReminderPolicy(leadWorkingDays: config.leadWorkingDays), time: time,
                       lateAfterSeconds: Int64(config.lateAfterSeconds))
        }
    }

    /// Tells a running daemon that the store changed (a hint; it also catches up on start).
    func nudge() { Nudge.send(runtimeDirectory: config.runtimeDirectory) }

    /// Who did it, for the audit log.
    var actor: String { "xinfangctl:" + (ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())") }
}

/// The registry and plugins the configuration makes (plugins loaded from copies in a private
/// temporary folder, since the daemon's runtime directory may not be writable here).
func configuredRegistry(_ config: DaemonConfig) throws -> ConfiguredRegistry {
    do throws(InputError) {
        return try ConfiguredRegistry.build(config, copies: NSTemporaryDirectory() + "/xinfangctl-plugins-\(getuid())")
    } catch {
        throw InputFailure(message: error.description)
    }
}

/// Turns store refusals into input failures (exit 2).
func storeRefusal<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as StoreError { throw InputFailure(message: error.description) }
}
