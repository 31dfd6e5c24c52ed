import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import XinfangCore
import XinfangFiles
import XinfangWeb

/// The web framework in process: sessions, CSRF, the login page, the error pages, against an
/// in-memory authority (the real accounts are tested against the real daemon after the merge).
@Suite("XinfangWeb: login, session cookie, CSRF, error pages")
struct WebFrameworkTests {
    static let wang = Principal(username: "wang.clerk", role: .clerk, units: ["县住建局"])
    static let api = Principal(username: "gov.portal", role: .api, units: ["县住建局"])

    let authority = InMemoryAuthority(accounts: ["wang.clerk": ("correct horse", WebFrameworkTests.wang)], tokens: ["tok-1": WebFrameworkTests.api])

    func application(publicURL: String = "http://127.0.0.1:8470") -> some ApplicationProtocol {
        var settings = HTTPSettings()
        settings.publicURL = publicURL
        let environment = WebEnvironment(settings: settings, authority: authority, now: { 1_800_000_000 }, logger: Logger(label: "test"))
        return Application(router: WebServer(environment: environment).router())
    }

    /// The `Set-Cookie` header that sets `name`, if any.
    static func setCookie(_ response: TestResponse, _ name: String) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    /// The value a `Set-Cookie` header gives its cookie.
    static func value(_ setCookie: String?) -> String? {
        setCookie.flatMap { $0.split(separator: ";").first }.map { String($0.split(separator: "=", maxSplits: 1).last ?? "") }
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
    }

    static let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// GET /login, then POST it with the pre-session cookie and token; returns the POST's response.
    func login(_ client: some TestClientProtocol, name: String, password: String, next: String = "/") async throws -> TestResponse {
        let page = try await client.execute(uri: "/login", method: .get)
        let csrf = try #require(Self.value(Self.setCookie(page, "xinfang_login_csrf")))
        var headers = Self.formType
        headers[.cookie] = "xinfang_login_csrf=\(csrf)"
        return try await client.execute(uri: "/login", method: .post, headers: headers,
                                        body: Self.form([("csrf", csrf), ("name", name), ("password", password), ("next", next)]))
    }

    @Test("a refused login shows the authority's message and keeps the typed name, never the password; the fifth failure's successor shows the lockout")
    func refusedLogin() async throws {
        try await application().test(.router) { client in
            let refused = try await login(client, name: "wang.clerk", password: "wrong-pass-9")
            let html = String(buffer: refused.body)
            #expect(refused.status == .ok)
            #expect(html.contains("用户名或密码错误"))
            #expect(html.contains(#"value="wang.clerk""#))
            #expect(!html.contains("wrong-pass-9"))
            #expect(Self.setCookie(refused, "xinfang_session") == nil)
            for _ in 2...5 { _ = try await login(client, name: "wang.clerk", password: "wrong-pass-9") }
            let locked = try await login(client, name: "wang.clerk", password: "correct horse")
            #expect(String(buffer: locked.body).contains("登录失败次数过多，账户已锁定 15 分钟"))
        }
    }

    @Test("the typed name is HTML-escaped on the login page")
    func escapesTypedName() async throws {
        try await application().test(.router) { client in
            let refused = try await login(client, name: "<script>alert(1)</script>", password: "x")
            let html = String(buffer: refused.body)
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test("a login sets xinfang_session HttpOnly, SameSite=Strict, Path=/, not Secure over http; redirects to next; the 工作台 names the user")
    func loginOverHTTP() async throws {
        try await application().test(.router) { client in
            let response = try await login(client, name: "wang.clerk", password: "correct horse", next: "/cases?unit=x")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/cases?unit=x")
            let cookie = try #require(Self.setCookie(response, "xinfang_session"))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/") && cookie.contains("Max-Age=28800"))
            #expect(!cookie.contains("Secure"))
            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: "xinfang_session=\(Self.value(cookie)!)"])
            #expect(home.status == .ok)
            let html = String(buffer: home.body)
            #expect(html.contains("工作台") && html.contains("wang.clerk") && html.contains("承办单位经办人"))
            #expect(html.contains(#"<input type="hidden" name="csrf" value="csrf-1">"#), "the logout form carries the session's token")
            #expect(home.headers[.cacheControl] == "no-store")
        }
    }

    @Test("behind https (public_url https://…) the cookies are Secure")
    func secureCookiesBehindTLS() async throws {
        try await application(publicURL: "https://xinfang.example.gov.cn").test(.router) { client in
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(Self.setCookie(page, "xinfang_login_csrf")?.contains("Secure") == true)
            let response = try await login(client, name: "wang.clerk", password: "correct horse")
            #expect(Self.setCookie(response, "xinfang_session")?.contains("Secure") == true)
        }
    }

    @Test("next after login is a path of this site only: //evil.example and https://evil.example go to /")
    func nextStaysOnSite() async throws {
        try await application().test(.router) { client in
            for next in ["//evil.example/x", "https://evil.example/", "/\\evil.example"] {
                let response = try await login(client, name: "wang.clerk", password: "correct horse", next: next)
                #expect(response.headers[.location] == "/", "\(next)")
            }
        }
    }

    @Test("a page without a session redirects to /login?next=…; /api/v1 answers 401 problem+json")
    func requireLogin() async throws {
        try await application().test(.router) { client in
            let page = try await client.execute(uri: "/?light=red", method: .get)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=/%3Flight%3Dred")
            let api = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType] == "application/problem+json; charset=utf-8")
            let problem = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
            #expect(problem?["status"] as? Int == 401)
            #expect(problem?["title"] as? String == "未认证")
            #expect(problem?["type"] as? String == "urn:xinfang:problem:unauthorized")
        }
    }

    @Test("a bearer token names its api principal on /api/v1; an unknown one is 401")
    func bearerToken() async throws {
        try await application().test(.router) { client in
            let ok = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer tok-1"])
            #expect(ok.status == .ok)
            let me = try JSONDecoder().decode(Principal.self, from: Data(buffer: ok.body))
            #expect(me == Self.api)
            let unknown = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer tok-2"])
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test("POST /logout without the session's CSRF token is refused 403 (Chinese page) and the session stays; with it the session closes")
    func logoutNeedsCSRF() async throws {
        try await application().test(.router) { client in
            let login = try await login(client, name: "wang.clerk", password: "correct horse")
            let token = try #require(Self.value(Self.setCookie(login, "xinfang_session")))
            var headers = Self.formType
            headers[.cookie] = "xinfang_session=\(token)"
            for body in [Self.form([]), Self.form([("csrf", "csrf-2")])] {
                let refused = try await client.execute(uri: "/logout", method: .post, headers: headers, body: body)
                #expect(refused.status == .forbidden)
                #expect(String(buffer: refused.body).contains("CSRF 校验失败"))
            }
            #expect(authority.state.withLock { $0.sessions[token] != nil && $0.loggedOut.isEmpty })
            let out = try await client.execute(uri: "/logout", method: .post, headers: headers, body: Self.form([("csrf", "csrf-1")]))
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            #expect(Self.setCookie(out, "xinfang_session")?.contains("Max-Age=0") == true)
            #expect(authority.state.withLock { $0.sessions[token] == nil && $0.loggedOut == [token] })
        }
    }

    @Test("the login form without its pre-session cookie, or with another token, is refused 403: no login is tried")
    func loginNeedsDoubleSubmit() async throws {
        try await application().test(.router) { client in
            let body = Self.form([("csrf", "forged"), ("name", "wang.clerk"), ("password", "correct horse")])
            let noCookie = try await client.execute(uri: "/login", method: .post, headers: Self.formType, body: body)
            #expect(noCookie.status == .forbidden)
            var headers = Self.formType
            headers[.cookie] = "xinfang_login_csrf=real-one"
            let mismatch = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(mismatch.status == .forbidden)
            #expect(Self.setCookie(mismatch, "xinfang_session") == nil)
            #expect(authority.state.withLock { $0.sessions.isEmpty && $0.failures.isEmpty })
        }
    }

    @Test("a malformed form is 400, a body over 1 MiB 413, a form of another type 415 — each a Chinese page")
    func badBodies() async throws {
        try await application().test(.router) { client in
            var headers = Self.formType
            headers[.cookie] = "xinfang_login_csrf=abc"
            let malformed = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "csrf=abc&name=%E4%Bx"))
            #expect(malformed.status == .badRequest)
            #expect(String(buffer: malformed.body).contains("表单内容无法解析"))
            let large = try await client.execute(uri: "/login", method: .post, headers: headers,
                                                 body: ByteBuffer(string: "csrf=abc&name=" + String(repeating: "x", count: (1 << 20) + 1)))
            #expect(large.status == .contentTooLarge)
            #expect(String(buffer: large.body).contains("1 MiB"))
            headers[.contentType] = "application/json"
            let json = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
            #expect(json.status == .unsupportedMediaType)
            for response in [malformed, large, json] {
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'self'; form-action 'self'; frame-ancestors 'none'")
            }
        }
    }
}
