import Foundation
import XinfangCore
import ArgumentParser
import XinfangFiles
import XinfangPlugins
import XinfangPolicy

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "期限政策 Deadline policies in the registry.",
        subcommands: [List.self, Diff.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出政策 List the policies, the default, and per-unit selections.")

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var id: String
            var version: String
            var apiVersion: Int
            var summary: String
            var origin: String
            var isDefault: Bool
            var units: [String]
        }

        func run() throws {
            let registry = try configuredRegistry(try storeOptions.loadConfig()).registry
            let rows = registry.entries.values.sorted { $0.policy.descriptor.id < $1.policy.descriptor.id }.map { entry in
                let d = entry.policy.descriptor
                return Row(
                    id: d.id, version: d.version, apiVersion: d.apiVersion, summary: d.summary, origin: entry.origin.description,
                    isDefault: d.id == registry.defaultPolicyID,
                    units: registry.unitPolicies.filter { $0.value == d.id }.map(\.key).sorted())
            }
            if json { return try printJSON(rows) }
            for row in rows {
                let mark = row.isDefault ? " (default)" : ""
                print("\(row.id)\(mark)  v\(row.version)  API \(row.apiVersion)  \(row.origin)  \(row.summary)")
                if !row.units.isEmpty { print("    units: " + row.units.joined(separator: ", ")) }
            }
        }
    }
}

/// `--config`: the daemon's configuration file, whose `[policy]` section selects policies per unit.
struct ConfigOption: ParsableArguments {
    @Option(help: "Configuration file (default: ./etc/xinfangd.toml when present).")
    var config: String?

    /// The registry as the daemon would build it from this configuration, plugins included.
    func registry() throws -> PolicyRegistry {
        let loaded: DaemonConfig
        do throws(InputError) { loaded = try DaemonConfig.load(path: config) } catch { throw InputFailure(message: error.description) }
        return try configuredRegistry(loaded).registry
    }
}
