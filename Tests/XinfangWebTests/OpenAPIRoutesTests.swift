import Foundation
import Hummingbird
import Logging
import Testing
import XinfangFiles
import XinfangStore
import XinfangWeb

@Suite("XinfangWeb: the OpenAPI document and the API's router agree")
struct OpenAPIRoutesTests {
    /// docs/openapi.json, found from this file.
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.json")

    @Test("every route under /api/v1 in the router is an operation of docs/openapi.json, and every operation is a route")
    func routesAndDocument() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("x.sqlite").path)
        let environment = WebEnvironment(settings: HTTPSettings(), authority: InMemoryAuthority(accounts: [:]), now: { 0 }, logger: Logger(label: "test"))
        let router = WebServer(environment: environment, features: [APIFeature(store: store, changes: nil)]).router()
        // The router spells a capture `{number}` as `:number` or `{number}`: compare in OpenAPI's spelling.
        let routed = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" }.filter { $0.contains(" /api/v1/") }
            .map { $0.replacingOccurrences(of: #":([a-z_]+)"#, with: "{$1}", options: .regularExpression) }
            .map { $0.replacingOccurrences(of: " /api/v1", with: " ") }
            .filter { $0 != "GET /me" })  // the server's own "who am I", not this API's
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.document)) as? [String: Any])
        #expect(json["openapi"] as? String == "3.1.0")
        let paths = try #require(json["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(!routed.isEmpty)
        #expect(routed.subtracting(documented).isEmpty, "routed, not documented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented, not routed: \(documented.subtracting(routed).sorted())")
    }
}
