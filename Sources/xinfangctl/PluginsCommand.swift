import XinfangCore
import ArgumentParser
import XinfangPlugins
import XinfangPolicy

struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "政策插件 Policy plugins found in the plugin directories.", subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    struct Row: Encodable {
        var plugin: PluginRecord
        var units: [String]
    }

    static func rows(_ storeOptions: StoreOptions) throws -> [Row] {
        let configured = try configuredRegistry(try storeOptions.loadConfig())
        let registry = configured.registry
        return configured.plugins.map { p in
            Row(plugin: p, units: registry.unitPolicies.filter { p.policies.contains($0.value) }.map(\.key).sorted())
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出插件 id, version, API version, file, checksum, units that use it.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let rows = try PluginsCommand.rows(storeOptions)
            if json { return try printJSON(rows) }
            if rows.isEmpty { print("no plugins (directories: [plugins] directories, $XINFANG_PLUGINS, ./plugins/lib, /usr/lib/xinfang/plugins)") }
            for r in rows {
                let p = r.plugin
                let state = p.error.map { "REFUSED: \($0)" } ?? "loaded"
                print("\(p.id ?? "?")\t\(p.version ?? "?")\tAPI \(p.apiVersion.map(String.init) ?? "?")\t\(p.path)\tsha256 \(p.sha256.prefix(16))…\t\(state)")
                if !r.units.isEmpty { print("    units: " + r.units.joined(separator: ", ")) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "插件详情 One plugin in full: what it provides, its rules, and the units that use it.")
        @Argument(help: "The plugin's id.") var id: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard let row = try PluginsCommand.rows(storeOptions).first(where: { $0.plugin.id == id }) else {
                throw InputFailure(message: "no plugin \(id) in the plugin directories")
            }
            let registry = try configuredRegistry(try storeOptions.loadConfig()).registry
            struct Detail: Encodable {
                var plugin: PluginRecord
                var units: [String]
                var rules: [String: XinfangCore.RuleBook]
            }
            var rules: [String: XinfangCore.RuleBook] = [:]
            for policy in row.plugin.policies { rules[policy] = registry.policy(id: policy)?.rules }
            try printJSON(Detail(plugin: row.plugin, units: row.units, rules: rules))
        }
    }
}
