public import XinfangCore
public import XinfangPolicy

/// The `[policy]` section of `xinfangd.toml`: the default policy, the per-unit selections, and the
/// roll-forward convention.
///
/// ```toml
/// [policy]
/// default = "cn-2022"
/// roll_forward = true          # a period ending on a rest day ends on the next working day
/// [policy.units]
/// "某市某区人社局" = "cn-2005"
/// ```
public struct PolicySettings: Equatable, Sendable {
    public var defaultPolicy: String?
    public var rollForward: Bool
    public var units: [String: String]
    /// Lines of the unit entries, for errors found when applying them.
    var unitLines: [String: Int] = [:]
    var file: String = ""

    public init(defaultPolicy: String? = nil, rollForward: Bool = true, units: [String: String] = [:]) {
        self.defaultPolicy = defaultPolicy
        self.rollForward = rollForward
        self.units = units
    }

    /// Reads the `[policy]` table of a configuration file (other sections belong to other readers).
    public static func read(path: String) throws(InputError) -> PolicySettings {
        let root = try DataDocument.read(path: path).reader
        guard root.has("policy") else { return PolicySettings() }
        let policy = try root.table("policy")
        try policy.rejectUnknownKeys(["default", "roll_forward", "units"])
        var settings = PolicySettings(
            defaultPolicy: try policy.optionalString("default"), rollForward: try policy.bool("roll_forward", default: true))
        settings.file = path
        if policy.has("units") {
            let units = try policy.table("units")
            for key in units.table.keys.sorted() {
                settings.units[key] = try units.nonEmptyString(key)
                settings.unitLines[key] = units.line(key)
            }
        }
        return settings
    }

    /// Registers the built-ins with this convention and applies the selections; an unknown policy id
    /// is an error naming the file and line.
    public func registry(extra: [any DeadlinePolicy] = []) throws(InputError) -> PolicyRegistry {
        try registry(extra: extra, plugins: nil)
    }

    /// As `registry(extra:)`, with `plugins` registering what plugins provide before the selections
    /// are applied. With plugins, a unit selecting a policy that no loaded plugin provides falls back
    /// to the default (recorded in `PolicyRegistry.fallbacks`) instead of failing: a broken plugin
    /// must not stop the daemon. `policy.default` must always exist.
    public func registry(extra: [any DeadlinePolicy] = [], plugins: ((inout PolicyRegistry) -> Void)?) throws(InputError) -> PolicyRegistry {
        var registry = PolicyRegistry(defaultPolicyID: StatutoryPolicy.cn2022.descriptor.id)
        do throws(RegistryError) {
            for policy in [StatutoryPolicy.cn2022, .cn2005] {
                try registry.register(policy.rollingForward(rollForward), origin: .builtIn)
            }
            for policy in extra { try registry.register(policy, origin: .builtIn) }
        } catch {
            throw InputError(file: file.isEmpty ? "<built-in>" : file, reason: error.description)
        }
        plugins?(&registry)
        if let id = defaultPolicy {
            do throws(RegistryError) { try registry.setDefault(id) } catch {
                throw InputError(file: file, field: "policy.default", reason: error.description)
            }
        }
        for (unit, id) in units.sorted(by: { $0.key < $1.key }) {
            if plugins != nil {
                registry.select(orFallBack: id, forUnit: unit, reason: "no loaded plugin provides it")
                continue
            }
            do throws(RegistryError) { try registry.select(id, forUnit: unit) } catch {
                throw InputError(file: file, line: unitLines[unit], field: "policy.units.\(unit)", reason: error.description)
            }
        }
        return registry
    }
}
