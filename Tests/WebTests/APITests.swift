import Foundation
import Testing
import XinfangCore
import XinfangTesting

/// The JSON API of the real xinfangd over real HTTP, with accounts and tokens made by the real
/// `xinfangctl user add|token`, and cases imported by `xinfangctl import` (with petitioners'
/// personal data, which no response may carry).
@Suite("JSON API /api/v1 over HTTP", .serialized)
struct APITests {
    /// Distinctive personal data kept with the cases: never in any API response.
    static let personal = ["欧阳秘密", "110101199003077777", "13912345678", "幸福路99号"]

    /// A daemon on a free port with two units (A: 3 cases, B: 1 case), an api token for unit A.
    final class Fixture {
        let daemon: WebDaemon
        let http: RawHTTP
        let store: String
        let token: String
        let today = TestClock.today()

        init() throws {
            let port = Int.random(in: 20_000..<60_000)
            daemon = try WebDaemon(http: "listen = \"127.0.0.1:\(port)\"")
            http = RawHTTP(address: .tcp(host: "127.0.0.1", port: port))
            store = daemon.root + "/state/xinfang.sqlite"
            guard daemon.waitUntilReady(), daemon.waitUntilServing(http) else { throw RawHTTP.Failure(description: "xinfangd did not start: \(daemon.log)") }
            let d = { (days: Int) in TestClock.today().adding(days: days).description }
            let p = Self.personal(APITests.personal)
            let lines = [
                // Overdue for acceptance (D3): reminders to 单位A fire at once.
                #"{"record":"case","number":"XF-A-1","received":"\#(d(-40))","category":"申诉求决","unit":"单位A","leader":"李领导",\#(p)}"#,
                #"{"record":"case","number":"XF-A-2","received":"\#(d(-10))","category":"申诉求决","unit":"单位A",\#(p)}"#,
                #"{"record":"event","case":"XF-A-2","seq":1,"type":"accepted","on":"\#(d(-8))"}"#,
                #"{"record":"case","number":"XF-A-3","received":"\#(d(-3))","category":"建议意见","unit":"单位A","title":"道路维修"}"#,
                #"{"record":"case","number":"XF-B-1","received":"\#(d(-5))","category":"申诉求决","unit":"单位B",\#(p)}"#,
            ]
            let file = daemon.root + "/cases.jsonl"
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            for unit in ["单位A", "单位B"] { try Self.ctl(["unit", "add", unit], store: store) }
            try Self.ctl(["leader", "add", "李领导"], store: store)
            try Self.ctl(["import", file], store: store)
            try Self.ctl(["user", "add", "sys-a", "--role", "api", "--unit", "单位A"], store: store)
            token = try Self.ctl(["user", "token", "sys-a", "--label", "test"], store: store).trimmingCharacters(in: .whitespacesAndNewlines)
            // The daemon computes the imported cases and fires what is due.
            _ = daemon.wait(seconds: 20) { (try? Self.ctl(["reminders", "--json"], store: self.store))?.contains("XF-A-1") == true }
        }

        static func personal(_ values: [String]) -> String {
            #""petitioner_name":"\#(values[0])","petitioner_id":"\#(values[1])","petitioner_phone":"\#(values[2])","petitioner_address":"\#(values[3])""#
        }

        /// Runs `xinfangctl` on the store (test clock), stdin empty or `input`; throws on a non-zero exit.
        @discardableResult
        static func ctl(_ arguments: [String], store: String, input: String = "") throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Checkout.binary("xinfangctl"))
            process.arguments = arguments + ["--store", store]
            var environment = ProcessInfo.processInfo.environment
            for key in ["STATE_DIRECTORY", "CONFIGURATION_DIRECTORY", "NOTIFY_SOCKET"] { environment.removeValue(forKey: key) }
            // The daemon's runtime directory: the nudge after a write reaches it.
            environment["RUNTIME_DIRECTORY"] = URL(fileURLWithPath: store).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("run").path
            environment.merge(TestClock.environment) { $1 }
            process.environment = environment
            let out = Pipe(), err = Pipe(), inp = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = inp
            try process.run()
            inp.fileHandleForWriting.write(Data(input.utf8))
            try inp.fileHandleForWriting.close()
            let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw RawHTTP.Failure(description: "xinfangctl \(arguments.joined(separator: " ")): exit \(process.terminationStatus): \(error)")
            }
            return output
        }

        func get(_ target: String, token: String? = nil) throws -> RawHTTP.Response {
            try http.request("GET", "/api/v1" + target, headers: ["Authorization": "Bearer \(token ?? self.token)"])
        }

        func post(_ target: String, body: String, key: String?, token: String? = nil) throws -> RawHTTP.Response {
            var headers = ["Authorization": "Bearer \(token ?? self.token)", "Content-Type": "application/json"]
            if let key { headers["Idempotency-Key"] = key }
            return try http.request("POST", "/api/v1" + target, headers: headers, body: body)
        }

        func eventCount(_ number: String) throws -> Int {
            let page = try JSONSerialization.jsonObject(with: Data(try get("/cases/\(number)").body.utf8)) as! [String: Any]
            return ((page["view"] as! [String: Any])["timeline"] as! [Any]).count
        }
    }

    static func json(_ response: RawHTTP.Response) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any], "not a JSON object: \(response.body)")
    }

    static func urlEncoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    @Test("scope: a case or unit outside the token's units answers 404, the very body of a missing case; no token or a revoked one, 401")
    func scope() throws {
        let f = try Fixture()
        #expect(try f.get("/cases/XF-A-1").status == 200)
        let outside = try f.get("/cases/XF-B-1"), missing = try f.get("/cases/XF-NONE-9")
        #expect(outside.status == 404 && missing.status == 404)
        #expect(outside.body == missing.body)
        #expect(outside.header("content-type")?.hasPrefix("application/problem+json") == true)
        #expect(try f.get("/due?unit=\(Self.urlEncoded("单位B"))").status == 404)
        #expect(try f.post("/cases/XF-B-1/events", body: #"{"type":"accepted","day":"\#(f.today)"}"#, key: "k-out").body == missing.body)
        let listed = try Self.json(try f.get("/cases?limit=500"))["items"] as! [[String: Any]]
        #expect(Set(listed.map { $0["caseNumber"] as! String }) == ["XF-A-1", "XF-A-2", "XF-A-3"])
        #expect(try f.http.request("GET", "/api/v1/cases").status == 401)
        let list = try Fixture.ctl(["user", "list", "--json"], store: f.store)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])?
            .first { $0["name"] as? String == "sys-a" }.flatMap { ($0["tokens"] as? [[String: Any]])?.first?["id"] as? Int })
        try Fixture.ctl(["user", "token", "sys-a", "--revoke", String(id)], store: f.store)
        let revoked = try f.get("/cases/XF-A-1")
        #expect(revoked.status == 401)
        #expect(revoked.header("content-type")?.hasPrefix("application/problem+json") == true)
    }

    @Test("POST events: a replay with the same key records one event and answers the identical body; the key with another body is 422")
    func idempotentReplay() throws {
        let f = try Fixture()
        let before = try f.eventCount("XF-A-3")
        let body = #"{"type":"accepted","day":"\#(f.today)","note":"已受理"}"#
        let first = try f.post("/cases/XF-A-3/events", body: body, key: "key-1")
        let again = try f.post("/cases/XF-A-3/events", body: body, key: "key-1")
        #expect(first.status == 201, "\(first.body)")
        #expect(again.status == 201)
        #expect(again.body == first.body)
        #expect(again.header("idempotent-replayed") == "true")
        #expect(try f.eventCount("XF-A-3") == before + 1)
        let reused = try f.post("/cases/XF-A-3/events", body: #"{"type":"not_accepted","day":"\#(f.today)"}"#, key: "key-1")
        #expect(reused.status == 422)
        #expect(reused.header("content-type")?.hasPrefix("application/problem+json") == true)
        #expect(try Self.json(reused)["type"] as? String == "urn:xinfang:problem:idempotency-key-reused")
        #expect(try f.eventCount("XF-A-3") == before + 1)
        let noKey = try f.post("/cases/XF-A-3/events", body: body, key: nil)
        #expect(noKey.status == 400)
        #expect((try Self.json(noKey)["detail"] as? String)?.contains("Idempotency-Key") == true)
    }

    @Test("a second extension is refused 422 problem+json with the rule and 条例2022 第34条; its replay answers the same refusal")
    func brokenRule() throws {
        let f = try Fixture()
        let ext = #"{"type":"extension","day":"\#(f.today)","days":30,"approver":"县信访局","reason":"情况复杂"}"#
        #expect(try f.post("/cases/XF-A-2/events", body: ext, key: "ext-1").status == 201)
        let before = try f.eventCount("XF-A-2")
        let second = try f.post("/cases/XF-A-2/events", body: ext, key: "ext-2")
        #expect(second.status == 422)
        #expect(second.header("content-type")?.hasPrefix("application/problem+json") == true)
        let problem = try Self.json(second)
        #expect((problem["rule"] as? String)?.isEmpty == false)
        #expect((problem["article"] as? String)?.contains("第34条") == true, "\(problem)")
        #expect(problem["status"] as? Int == 422 && problem["title"] != nil && problem["detail"] != nil && problem["type"] != nil)
        #expect(try f.post("/cases/XF-A-2/events", body: ext, key: "ext-2").body == second.body)
        #expect(try f.eventCount("XF-A-2") == before)
    }

    @Test("bad input is 400 naming the field, and records nothing: malformed JSON, an unknown field, a wrong type, a malformed day")
    func badInput() throws {
        let f = try Fixture()
        let before = try f.eventCount("XF-A-3")
        let cases: [(String, String)] = [
            (#"{"type":"accepted","day":"#, "JSON"),
            (#"{"type":"accepted","day":"\#(f.today)","colour":"red"}"#, "colour"),
            (#"{"type":"extension","day":"\#(f.today)","days":"thirty","approver":"x","reason":"y"}"#, "days"),
            (#"{"type":"accepted","day":"2026-02-30"}"#, "day"),
            (#"{"type":"accepted","day":"12/01/2026"}"#, "day"),
            (#"{"type":"teleported","day":"\#(f.today)"}"#, "type"),
            (#"["accepted"]"#, "JSON"),
        ]
        for (i, (body, field)) in cases.enumerated() {
            let response = try f.post("/cases/XF-A-3/events", body: body, key: "bad-\(i)")
            #expect(response.status == 400, "\(body): \(response.body)")
            #expect(response.header("content-type")?.hasPrefix("application/problem+json") == true)
            #expect((try Self.json(response)["detail"] as? String)?.contains(field) == true, "\(body): \(response.body)")
        }
        #expect(try f.get("/due?days=many").status == 400)
        #expect(try f.get("/cases?limit=0").status == 400)
        #expect(try f.get("/cases?lmit=5").status == 400)
        #expect(try f.eventCount("XF-A-3") == before)
    }

    @Test("pagination: /cases and /due walked a page of one at a time give every item exactly once")
    func pagination() throws {
        let f = try Fixture()
        for (path, key) in [("/cases?limit=1", "caseNumber"), ("/due?days=60&limit=1", "kind")] {
            var seen: [String] = [], cursor: String?, pages = 0
            repeat {
                let target = path + (cursor.map { "&cursor=\(Self.urlEncoded($0))" } ?? "")
                let page = try Self.json(try f.get(target))
                let items = page["items"] as! [[String: Any]]
                #expect(items.count <= 1)
                seen += items.map { "\($0["caseNumber"]!)|\($0[key]!)" }
                cursor = page["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 50
            let whole = (try Self.json(try f.get(path.replacingOccurrences(of: "limit=1", with: "limit=500")))["items"] as! [[String: Any]])
                .map { "\($0["caseNumber"]!)|\($0[key]!)" }
            #expect(!whole.isEmpty)
            #expect(seen == whole, "\(path)")
            #expect(Set(seen).count == seen.count)
        }
        #expect(try f.get("/cases?cursor=bm90LWEtY3Vyc29y").status == 400)
    }

    @Test("签收 over the API: the first ack acknowledges, the second says when it already was; a reminder outside the scope is 404")
    func acknowledgeTwice() throws {
        let f = try Fixture()
        let listed = try Self.json(try f.get("/reminders?unacked=true"))["items"] as! [[String: Any]]
        let reminder = try #require(listed.first { $0["recipient"] as? String == "单位A" }, "no reminder to 单位A: \(listed)")
        let id = reminder["id"] as! Int
        let first = try f.post("/reminders/\(id)/ack", body: "", key: nil)
        #expect(first.status == 200, "\(first.body)")
        #expect(try Self.json(first)["state"] as? String == "acknowledged")
        let second = try Self.json(try f.post("/reminders/\(id)/ack", body: "", key: nil))
        #expect(second["state"] as? String == "already-acknowledged")
        #expect((second["message"] as? String)?.contains("已于") == true)
        let after = try Self.json(try f.get("/reminders?unacked=true"))["items"] as! [[String: Any]]
        #expect(!after.contains { $0["id"] as? Int == id })
        #expect(try f.post("/reminders/999999/ack", body: "", key: nil).status == 404)
    }

    @Test("no personal data in any API response: the petitioners' name, ID, phone and address are in none")
    func noPersonalData() throws {
        let f = try Fixture()
        var bodies: [String] = []
        for target in ["/cases", "/cases/XF-A-1", "/cases/XF-A-2", "/due?days=60", "/reminders", "/reception-days", "/bulletin",
                       "/bulletin?period=\(f.today.description.prefix(7))", "/cases/XF-B-1", "/openapi.json"] {
            let response = try f.get(target)
            #expect(response.status == 200 || target == "/cases/XF-B-1", "\(target): \(response.status) \(response.body)")
            bodies.append(response.body)
        }
        bodies.append(try f.post("/cases/XF-A-1/events", body: #"{"type":"accepted","day":"\#(f.today)"}"#, key: "pd-1").body)
        for body in bodies {
            for value in Self.personal { #expect(!body.contains(value), "\(value) in \(body.prefix(200))") }
        }
        #expect(bodies[0].contains("XF-A-1"))
    }

    @Test("/api/v1/openapi.json serves docs/openapi.json byte for byte, an OpenAPI 3.1 document, with a token and without one (it holds no data); the rest of the API still wants one")
    func openAPIServed() throws {
        let f = try Fixture()
        let served = try f.get("/openapi.json")
        #expect(served.status == 200)
        let docs = try String(contentsOfFile: Checkout.root.appendingPathComponent("docs/openapi.json").path, encoding: .utf8)
        #expect(served.body == docs, "served and docs/openapi.json differ: run scripts/openapi-embed")
        #expect(try Self.json(served)["openapi"] as? String == "3.1.0")
        let anonymous = try f.http.request("GET", "/api/v1/openapi.json")
        #expect(anonymous.status == 200 && anonymous.body == docs, "\(anonymous.status)")
        #expect(try f.http.request("GET", "/api/v1/cases").status == 401)
        // The document says so: its own operation has no security requirement, the API's default stays bearer.
        let json = try Self.json(served)
        let operation = (json["paths"] as? [String: Any]).flatMap { $0["/openapi.json"] as? [String: Any] }.flatMap { $0["get"] as? [String: Any] }
        #expect((operation?["security"] as? [Any])?.isEmpty == true)
        #expect((json["security"] as? [[String: Any]])?.first?["bearer"] != nil)
    }
}
