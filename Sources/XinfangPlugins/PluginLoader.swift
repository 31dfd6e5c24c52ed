import CXinfangPlugin
import Crypto
import Foundation
public import XinfangCore
public import XinfangPolicy

/// A plugin file the daemon looked at, and what came of it.
public struct PluginRecord: Sendable, Codable, Equatable {
    public var path: String
    public var sha256: String
    public var id: String?
    public var version: String?
    public var apiVersion: Int?
    public var summary: String?
    public var policies: [String] = []
    public var notifiers: [String] = []
    /// Why it (or part of it) was refused; nil when everything loaded.
    public var error: String?
}

/// Loads policy plugins (`*.so`) through the C entry point of `xinfang_plugin.h`, checks the API
/// version, refuses incompatible or duplicate plugins, and registers what each provides. A refused
/// plugin is reported and skipped; the rest load. Shared objects are never unloaded (unloading a
/// Swift image is unsafe); each file is loaded from a copy named by its SHA-256, so that a plugin
/// replaced on disk is loaded anew on reload.
public enum PluginLoader {
    /// The default plugin directories: `$XINFANG_PLUGINS` (colon-separated), `./plugins/lib` in a
    /// checkout, `/usr/lib/xinfang/plugins` when installed.
    public static func defaultDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let list = environment["XINFANG_PLUGINS"] { return list.split(separator: ":").map(String.init) }
        return ["plugins/lib", "/usr/lib/xinfang/plugins"]
    }

    /// Loads every `.so` in `directories` (sorted by name) into `registry`; `copies` is where loaded
    /// copies are kept (e.g. $RUNTIME_DIRECTORY/plugins).
    public static func load(directories: [String], copies: String, into registry: inout PolicyRegistry) -> [PluginRecord] {
        var records: [PluginRecord] = []
        for directory in directories {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() where name.hasSuffix(".so") {
                records.append(load(path: directory + "/" + name, copies: copies, into: &registry))
            }
        }
        return records
    }

    static func load(path: String, copies: String, into registry: inout PolicyRegistry) -> PluginRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            return PluginRecord(path: path, sha256: "", error: "cannot read the file")
        }
        let sha = Hex.lowercase(SHA256.hash(data: data))
        var record = PluginRecord(path: path, sha256: sha)
        guard let table = open(data: data, sha: sha, copies: copies, record: &record) else { return record }
        guard table.pointee.api_version == XINFANG_PLUGIN_API_VERSION else {
            record.apiVersion = Int(table.pointee.api_version)
            record.error = "built for plugin API \(table.pointee.api_version); this daemon speaks \(XINFANG_PLUGIN_API_VERSION)"
            return record
        }
        let client = PluginClient(table: table, path: path, sha256: sha)
        guard let descriptorText = table.pointee.descriptor_json.map({ String(cString: $0) }),
              let descriptor = try? JSONSerialization.jsonObject(with: Data(descriptorText.utf8)) as? [String: Any],
              let id = descriptor["id"] as? String else {
            record.error = "its descriptor is not valid JSON with an id"
            return record
        }
        record.id = id
        record.version = descriptor["version"] as? String
        record.apiVersion = descriptor["api_version"] as? Int
        record.summary = descriptor["summary"] as? String
        var problems: [String] = []
        for policyID in descriptor["policies"] as? [String] ?? [] {
            do {
                let policy = try client.policy(policyID)
                try registry.register(policy, origin: .plugin(path: path, sha256: sha))
                record.policies.append(policyID)
            } catch {
                problems.append("policy \(policyID): \(error)")
            }
        }
        for notifierID in descriptor["notifiers"] as? [String] ?? [] {
            do throws(RegistryError) {
                try registry.register(notifier: PluginNotifier(id: notifierID, client: client), origin: .plugin(path: path, sha256: sha))
                record.notifiers.append(notifierID)
            } catch {
                problems.append("notifier \(notifierID): \(error)")
            }
        }
        if !problems.isEmpty { record.error = problems.joined(separator: "; ") }
        return record
    }

    /// dlopen's a copy of the file and calls its entry point.
    private static func open(data: Data, sha: String, copies: String, record: inout PluginRecord) -> UnsafePointer<xinfang_plugin>? {
        let copy = copies + "/" + sha + ".so"
        do {
            try FileManager.default.createDirectory(atPath: copies, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: copy) { try data.write(to: URL(fileURLWithPath: copy), options: .atomic) }
        } catch {
            record.error = "cannot copy it to \(copies): \(error)"
            return nil
        }
        guard let handle = dlopen(copy, RTLD_NOW | RTLD_LOCAL) else {
            record.error = "dlopen failed: \(dlerror().map { String(cString: $0) } ?? "unknown error")"
            return nil
        }
        guard let symbol = dlsym(handle, XINFANG_PLUGIN_ENTRY) else {
            record.error = "no entry point \(XINFANG_PLUGIN_ENTRY): not a Xinfang plugin"
            return nil
        }
        let entry = unsafeBitCast(symbol, to: xinfang_plugin_entry_fn.self)
        guard let table = entry() else {
            record.error = "its entry point returned no table"
            return nil
        }
        return table
    }
}

/// Talks JSON to one loaded plugin.
struct PluginClient: @unchecked Sendable {
    let table: UnsafePointer<xinfang_plugin>
    let path: String
    let sha256: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
        var retryable: Bool
    }

    /// One request and its reply's "ok" value; an error reply (or garbage) throws.
    func call(_ request: [String: Any]) throws -> Any {
        guard let call = table.pointee.call else { throw Failure(description: "the plugin has no call function", retryable: false) }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
        guard let raw = text.withCString({ call($0) }) else { throw Failure(description: "the plugin returned no reply", retryable: false) }
        let replyText = String(cString: raw)
        table.pointee.release?(raw)
        guard let reply = try? JSONSerialization.jsonObject(with: Data(replyText.utf8)) as? [String: Any] else {
            throw Failure(description: "the plugin's reply is not a JSON object", retryable: false)
        }
        if let error = reply["error"] as? String { throw Failure(description: error, retryable: reply["retryable"] as? Bool ?? false) }
        guard let ok = reply["ok"] else { throw Failure(description: "the plugin's reply has neither ok nor error", retryable: false) }
        return ok
    }

    /// A policy's rule book, validated: a plugin cannot govern a case with periods that put a due
    /// date before its start.
    func policy(_ id: String) throws -> StatutoryPolicy {
        let ok = try call(["op": "policy.rules", "policy": id])
        guard let object = ok as? [String: Any], let rules = object["rules"], let descriptor = object["descriptor"] else {
            throw Failure(description: "policy.rules reply lacks rules or descriptor", retryable: false)
        }
        let book = try JSONDecoder().decode(RuleBook.self, from: JSONSerialization.data(withJSONObject: rules))
        let d = try JSONDecoder().decode(PolicyDescriptor.self, from: JSONSerialization.data(withJSONObject: descriptor))
        guard d.id == id, book.policyID == id else { throw Failure(description: "the policy answered as \(d.id)/\(book.policyID), not \(id)", retryable: false) }
        let problems = book.problems()
        guard problems.isEmpty else { throw Failure(description: "invalid rules: " + problems.joined(separator: "; "), retryable: false) }
        return StatutoryPolicy(descriptor: d, rules: book)
    }
}

/// A notifier that lives in a plugin; its `[notify.plugin.<id>]` settings go along with each message.
public struct PluginNotifier: Notifier {
    public let id: String
    let client: PluginClient
    public var settings: [String: String] = [:]

    public func deliver(_ message: OutgoingMessage) throws(DeliveryError) {
        do {
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(message))
            _ = try client.call(["op": "notifier.deliver", "notifier": id, "settings": settings, "message": encoded])
        } catch let failure as PluginClient.Failure {
            throw DeliveryError("plugin \(client.path): \(failure.description)", retryable: failure.retryable)
        } catch {
            throw DeliveryError("plugin \(client.path): \(error)", retryable: false)
        }
    }

    /// The same notifier with its settings.
    public func with(settings: [String: String]) -> PluginNotifier {
        var copy = self
        copy.settings = settings
        return copy
    }
}
