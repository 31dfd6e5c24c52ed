/// The version of the policy plugin API. A plugin built against another major version is refused.
public let policyAPIVersion = 1

/// What a policy is: shown by `xinfangctl plugins list`, logged at load, and checked for API version.
public struct PolicyDescriptor: Hashable, Sendable, Codable {
    /// A unique id, e.g. `cn-2022`.
    public var id: String
    /// The policy's own version.
    public var version: String
    /// The plugin API version it was built against (`policyAPIVersion`).
    public var apiVersion: Int
    /// One line on what it is, e.g. "《信访工作条例》(2022) national rules".
    public var summary: String

    public init(id: String, version: String, apiVersion: Int = policyAPIVersion, summary: String) {
        self.id = id
        self.version = version
        self.apiVersion = apiVersion
        self.summary = summary
    }
}
