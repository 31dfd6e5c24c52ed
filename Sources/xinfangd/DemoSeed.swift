import Foundation
import Logging
import XinfangApp
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangStore

/// `xinfangd --demo`: a store of its own under ./var/demo, seeded from etc/demo (units, leaders,
/// cases and events), with reminders also written as mail into ./var/demo/Maildir.
enum DemoSeed {
    static let directory = "var/demo"

    /// The configuration for a demo run: its own store, socket and Maildir.
    static func prepare(_ config: DaemonConfig) throws -> DaemonConfig {
        var demo = config
        demo.storePath = directory + "/xinfang.sqlite"
        demo.runtimeDirectory = directory
        demo.maildir = DaemonConfig.Maildir(path: directory + "/Maildir", from: "xinfangd@localhost")
        return demo
    }

    /// Adds the demo units, leaders, cases and events that are not in the store yet (idempotent).
    static func seed(store: SQLiteStore, config: DaemonConfig, logger: Logger) throws {
        let directoryFile: DirectoryFile
        do throws(InputError) { directoryFile = try DirectoryFile.read(path: "etc/demo/directory.toml") } catch {
            throw ConfigurationFailure(error.description)
        }
        let knownUnits = Set(try store.units().map(\.name))
        for unit in directoryFile.units where !knownUnits.contains(unit.name) {
            try store.addUnit(name: unit.name, address: unit.address, actor: "xinfangd --demo")
        }
        let knownLeaders = Set(try store.leaders().map(\.name))
        for leader in directoryFile.leaders where !knownLeaders.contains(leader.name) {
            try store.addLeader(name: leader.name, title: leader.title, unit: leader.unit, address: leader.address, actor: "xinfangd --demo")
        }
        let knownRules = Set(try store.receptionRules().map(\.id))
        for rule in directoryFile.receptions where !knownRules.contains(rule.id) {
            try store.addReceptionRule(rule, actor: "xinfangd --demo")
        }
        try DemoAccounts.seed(store: store)
        let batch: ImportBatch
        do throws(InputErrors) { batch = try ImportFile.read(path: "etc/demo/cases.jsonl") } catch { throw ConfigurationFailure(error.description) }
        let runtime = try Runtime.build(config)
        let recorder = CaseRecorder(store: store, registry: runtime.settings.registry, calendar: runtime.settings.scheduling.calendar,
                                    actor: "xinfangd --demo")
        let outcome = try recorder.importFile(batch, petitioners: false)
        logger.notice("demo store \(config.storePath): \(outcome.casesAdded) case(s) and \(outcome.eventsAdded) event(s) added; reminders go to the journal and \(directory)/Maildir")
    }
}
