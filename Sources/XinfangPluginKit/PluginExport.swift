import CXinfangPlugin
import Foundation
import Synchronization
public import XinfangCore
public import XinfangPolicy

/// What a plugin provides: its identity and the policies and notifiers it registers.
public struct PluginContents: Sendable {
    public var id: String
    public var version: String
    public var summary: String
    public var policies: [any DeadlinePolicy]
    public var notifiers: [any ConfigurableNotifier]

    public init(id: String, version: String, summary: String, policies: [any DeadlinePolicy] = [], notifiers: [any ConfigurableNotifier] = []) {
        self.id = id
        self.version = version
        self.summary = summary
        self.policies = policies
        self.notifiers = notifiers
    }
}

/// A notifier shipped in a plugin: it gets its `[notify.plugin.<id>]` settings with every message.
public protocol ConfigurableNotifier: Sendable {
    var id: String { get }
    func deliver(_ message: OutgoingMessage, settings: [String: String]) throws(DeliveryError)
}

/// Builds the C table a plugin's entry point returns. A plugin's whole glue code:
///
/// ```swift
/// @_cdecl("xinfang_plugin_entry")
/// public func xinfangPluginEntry() -> UnsafeRawPointer {
///     PluginExport.table { PluginContents(id: "zhejiang", version: "1.0.0", summary: "…", policies: [ZhejiangPolicy()]) }
/// }
/// ```
public enum PluginExport {
    private static let state = Mutex<(contents: PluginContents, table: UnsafeMutablePointer<xinfang_plugin>)?>(nil)

    /// The table, made once from `make` (later calls return the same table).
    public static func table(_ make: () -> PluginContents) -> UnsafeRawPointer {
        state.withLock { state in
            if let existing = state { return UnsafeRawPointer(existing.table) }
            let contents = make()
            let descriptor: [String: Any] = [
                "id": contents.id, "version": contents.version, "api_version": Int(XINFANG_PLUGIN_API_VERSION),
                "summary": contents.summary, "policies": contents.policies.map(\.descriptor.id), "notifiers": contents.notifiers.map(\.id),
            ]
            let json = (try? JSONSerialization.data(withJSONObject: descriptor, options: [.sortedKeys])) ?? Data("{}".utf8)
            let table = UnsafeMutablePointer<xinfang_plugin>.allocate(capacity: 1)
            table.initialize(to: xinfang_plugin(
                api_version: XINFANG_PLUGIN_API_VERSION,
                descriptor_json: UnsafePointer(strdup(String(decoding: json, as: UTF8.self))),
                call: { request in PluginExport.answer(request) },
                release: { reply in free(reply) }))
            state = (contents, table)
            return UnsafeRawPointer(table)
        }
    }

    /// Answers one request; never throws across the C boundary.
    static func answer(_ request: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
        let reply: [String: Any]
        do {
            reply = try handle(request.map { String(cString: $0) } ?? "")
        } catch let error as DeliveryError {
            reply = ["error": error.description, "retryable": error.retryable]
        } catch {
            reply = ["error": "\(error)", "retryable": false]
        }
        let data = (try? JSONSerialization.data(withJSONObject: reply)) ?? Data(#"{"error":"unencodable reply"}"#.utf8)
        return strdup(String(decoding: data, as: UTF8.self))
    }

    struct PluginError: Error, CustomStringConvertible { var description: String }

    static func handle(_ text: String) throws -> [String: Any] {
        guard let contents = state.withLock({ $0?.contents }) else { throw PluginError(description: "plugin not initialised") }
        guard let request = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], let op = request["op"] as? String else {
            throw PluginError(description: "malformed request")
        }
        switch op {
        case "policy.rules":
            guard let id = request["policy"] as? String, let policy = contents.policies.first(where: { $0.descriptor.id == id }) else {
                throw PluginError(description: "no policy \(request["policy"] ?? "?") in plugin \(contents.id)")
            }
            let encoded = try JSONEncoder().encode(policy.rules)
            let descriptor = try JSONEncoder().encode(policy.descriptor)
            return ["ok": ["rules": try JSONSerialization.jsonObject(with: encoded), "descriptor": try JSONSerialization.jsonObject(with: descriptor)]]
        case "notifier.deliver":
            guard let id = request["notifier"] as? String, let notifier = contents.notifiers.first(where: { $0.id == id }) else {
                throw PluginError(description: "no notifier \(request["notifier"] ?? "?") in plugin \(contents.id)")
            }
            let messageData = try JSONSerialization.data(withJSONObject: request["message"] ?? [:])
            let message = try JSONDecoder().decode(OutgoingMessage.self, from: messageData)
            let settings = request["settings"] as? [String: String] ?? [:]
            try notifier.deliver(message, settings: settings)
            return ["ok": true]
        default:
            throw PluginError(description: "unknown op \(op)")
        }
    }
}
