import Foundation
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPorts

/// What the API's handlers share: the store, the runtime in force, the clock; and the helpers every
/// resource uses — the principal, query values checked with a message naming the parameter, JSON
/// responses, and the access refusals as problems.
struct APIContext: Sendable {
    let store: any APIStore
    /// nil only where the router is built without a store behind it (its handlers then answer 500).
    let app: WebApp?
    let environment: WebEnvironment

    /// The configuration and engine settings in force.
    var runtime: WebRuntime {
        get throws {
            guard let app else { throw WebProblem.internalError }
            return app.current
        }
    }
    var time: LocalTime { get throws { Runtime.time(try runtime.config) } }
    /// Unix seconds on the daemon's clock, and its local day.
    func now() -> Int64 { environment.now() }
    func today() throws -> Day { try time.day(of: environment.now()) }

    func reader(_ runtime: WebRuntime) -> ScheduleReader {
        ScheduleReader(store: store, registry: runtime.settings.registry, scheduling: runtime.settings.scheduling)
    }

    /// The request's principal (the group lets none through without one).
    static func principal(_ context: WebContext) throws -> Principal {
        guard let principal = context.principal else { throw WebProblem.unauthorized }
        return principal
    }

    /// An `AccessRefusal` as its problem: not found is the one 404 of a missing case.
    static func problem(_ refusal: AccessRefusal) -> WebProblem {
        switch refusal {
        case .notFound: .notFound
        case .forbidden(let message): .forbidden(message)
        }
    }

    /// Runs `body`, turning the application layer's refusals into problems.
    static func refusing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let refusal as AccessRefusal { throw problem(refusal) } catch let error as DashboardError {
            throw WebProblem.badRequest(error.description)
        }
    }

    /// The JSON response of `value` (keys sorted, slashes unescaped).
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// The query parameters of a request, each checked: a bad value is a 400 naming the parameter.
struct APIQuery {
    let parameters: Hummingbird.Parameters
    let known: Set<String>

    /// Refuses any parameter not in `known` (a typo must not be silently ignored).
    init(_ request: Request, known: Set<String>) throws {
        parameters = request.uri.queryParameters
        self.known = known
        for (name, _) in parameters where !known.contains(String(name)) {
            throw WebProblem.badRequest("未知的查询参数 \(name)（可用：\(known.sorted().joined(separator: ", "))）")
        }
    }

    func text(_ name: String) -> String? {
        guard let text = parameters.get(name) else { return nil }
        return text.isEmpty ? nil : text
    }

    func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = text(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw WebProblem.badRequest("参数 \(name) 须为\(range.lowerBound)至\(range.upperBound)的整数（收到“\(text)”）")
        }
        return value
    }

    func day(_ name: String) throws -> Day? {
        guard let text = text(name) else { return nil }
        guard let day = Day(text) else { throw WebProblem.badRequest("参数 \(name) 须为日期 YYYY-MM-DD（收到“\(text)”）") }
        return day
    }

    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let text = text(name) else { return fallback }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw WebProblem.badRequest("参数 \(name) 须为 true 或 false（收到“\(text)”）")
        }
    }

    /// One of `type`'s raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = text(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw WebProblem.badRequest("参数 \(name) 须为 \(T.allCases.map(\.rawValue).joined(separator: " | ")) 之一（收到“\(text)”）")
        }
        return value
    }
}

/// A page of a list: `{"items": […], "next_cursor": "…" | null}`.
struct APIPage<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)  // null on the last page, not left out
    }
}

/// Opaque cursors: base64url of a text the resource makes and checks.
enum APICursor {
    static func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) throws -> String {
        var b64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        b64 += String(repeating: "=", count: (4 - b64.count % 4) % 4)
        guard let data = Data(base64Encoded: b64), let text = String(data: data, encoding: .utf8) else { throw invalid }
        return text
    }

    static let invalid = WebProblem.badRequest("翻页标记无效（cursor），请从第一页重新请求")
}
