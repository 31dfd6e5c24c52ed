public import XinfangCore
public import XinfangFiles
public import XinfangPolicy

/// The registry as the configuration and the plugins make it, and what the plugins did.
public struct ConfiguredRegistry: Sendable {
    public var registry: PolicyRegistry
    public var plugins: [PluginRecord]

    /// Registers the built-in policies, loads the plugins of the configured directories (the loaded
    /// copies kept in `copies`, by default `runtimeDirectory/plugins`), then applies the `[policy]` selections.
    public static func build(_ config: DaemonConfig, copies: String? = nil) throws(InputError) -> ConfiguredRegistry {
        var records: [PluginRecord] = []
        let directories = config.pluginDirectories ?? PluginLoader.defaultDirectories()
        let registry = try config.policy.registry(plugins: { registry in
            records = PluginLoader.load(directories: directories, copies: copies ?? config.runtimeDirectory + "/plugins", into: &registry)
        })
        return ConfiguredRegistry(registry: registry, plugins: records)
    }

    /// The plugin notifiers that `[notify.plugin.<id>]` enables, with their settings.
    public func enabledPluginNotifiers(_ config: DaemonConfig) -> [any Notifier] {
        config.pluginNotifiers.keys.sorted().compactMap { id in
            (registry.notifiers[id]?.notifier as? PluginNotifier)?.with(settings: config.pluginNotifiers[id] ?? [:])
        }
    }
}
