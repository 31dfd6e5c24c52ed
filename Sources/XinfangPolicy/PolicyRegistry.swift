/// Why a policy could not be registered or selected.
public struct RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Where a registered policy came from: built in, or a plugin file (path and SHA-256).
public enum PolicyOrigin: Equatable, Sendable, CustomStringConvertible {
    case builtIn
    case plugin(path: String, sha256: String)

    public var description: String {
        switch self {
        case .builtIn: "built-in"
        case .plugin(let path, let sha256): "\(path) (sha256 \(sha256))"
        }
    }
}

/// Holds the policies and calendar sources the daemon knows, and decides which policy governs a unit:
/// the unit's own selection from configuration, or the default.
public struct PolicyRegistry: Sendable {
    public struct Entry: Sendable {
        public var policy: any DeadlinePolicy
        public var origin: PolicyOrigin
    }

    /// Registered policies by id.
    public private(set) var entries: [String: Entry] = [:]
    /// Registered calendar sources by id.
    public private(set) var calendarSources: [String: any CalendarSource] = [:]
    /// Registered notifiers (channels) by id, with where they came from.
    public private(set) var notifiers: [String: (notifier: any Notifier, origin: PolicyOrigin)] = [:]
    /// Unit selections that could not be honoured (the policy is missing, e.g. its plugin failed):
    /// unit → why. Such units run on the default policy.
    public private(set) var fallbacks: [String: String] = [:]
    /// The policy for units without a selection of their own.
    public private(set) var defaultPolicyID: String
    /// Per-unit selections.
    public private(set) var unitPolicies: [String: String] = [:]

    /// A registry holding the built-in national policies, `cn-2022` as the default.
    public static func builtIn() -> PolicyRegistry {
        var registry = PolicyRegistry(defaultPolicyID: StatutoryPolicy.cn2022.descriptor.id)
        for policy in [StatutoryPolicy.cn2022, .cn2005] {
            try! registry.register(policy, origin: .builtIn)
        }
        return registry
    }

    /// An empty registry; `defaultPolicyID` must be registered before `policy(forUnit:)` is asked.
    public init(defaultPolicyID: String) {
        self.defaultPolicyID = defaultPolicyID
    }

    /// Adds a policy. Refuses a policy built for another API version, or one whose id is taken.
    public mutating func register(_ policy: any DeadlinePolicy, origin: PolicyOrigin) throws(RegistryError) {
        let d = policy.descriptor
        guard d.apiVersion == policyAPIVersion else {
            throw RegistryError("policy \(d.id) from \(origin) was built for policy API \(d.apiVersion); this daemon speaks \(policyAPIVersion)")
        }
        if let existing = entries[d.id] {
            throw RegistryError("policy \(d.id) from \(origin) is already registered from \(existing.origin)")
        }
        entries[d.id] = Entry(policy: policy, origin: origin)
    }

    /// Adds a notifier; refuses a duplicate id.
    public mutating func register(notifier: any Notifier, origin: PolicyOrigin) throws(RegistryError) {
        if let existing = notifiers[notifier.id] {
            throw RegistryError("notifier \(notifier.id) from \(origin) is already registered from \(existing.origin)")
        }
        notifiers[notifier.id] = (notifier, origin)
    }

    /// Selects a policy for a unit, or — when it is not registered — records the fallback to the
    /// default instead of failing (a plugin that did not load must not stop the daemon).
    public mutating func select(orFallBack id: String, forUnit unit: String, reason: String) {
        if entries[id] != nil {
            unitPolicies[unit] = id
            fallbacks[unit] = nil
        } else {
            unitPolicies[unit] = nil
            fallbacks[unit] = "policy \(id) is not available (\(reason)); the unit runs on \(defaultPolicyID)"
        }
    }

    /// Adds a calendar source; refuses a duplicate id.
    public mutating func register(calendarSource source: any CalendarSource) throws(RegistryError) {
        guard calendarSources[source.id] == nil else { throw RegistryError("calendar source \(source.id) is already registered") }
        calendarSources[source.id] = source
    }

    /// The policy with this id.
    public func policy(id: String) -> (any DeadlinePolicy)? { entries[id]?.policy }

    /// Makes `id` the default policy.
    public mutating func setDefault(_ id: String) throws(RegistryError) {
        guard entries[id] != nil else { throw RegistryError("unknown policy \(id); known: \(knownIDs)") }
        defaultPolicyID = id
    }

    /// Selects a policy for one unit.
    public mutating func select(_ id: String, forUnit unit: String) throws(RegistryError) {
        guard entries[id] != nil else { throw RegistryError("unknown policy \(id) for unit \(unit); known: \(knownIDs)") }
        unitPolicies[unit] = id
    }

    /// The policy that governs a unit: its own selection, else the default.
    public func policy(forUnit unit: String) -> any DeadlinePolicy {
        let id = unitPolicies[unit] ?? defaultPolicyID
        guard let policy = entries[id]?.policy else { preconditionFailure("policy \(id) is selected but not registered") }
        return policy
    }

    private var knownIDs: String { entries.keys.sorted().joined(separator: ", ") }
}
