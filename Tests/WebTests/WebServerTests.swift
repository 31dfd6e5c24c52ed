import Foundation
import Testing
import XinfangTesting

/// xinfangd's HTTP server, the real binary over real sockets: where it listens, what every response
/// carries, how it fails and how it stops.
@Suite("xinfangd's web server over real HTTP")
struct WebServerTests {
    static let securityPolicy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'"

    @Test("on loopback: /healthz answers plain ok, with the security headers on it")
    func healthzOnLoopback() throws {
        let port = RawHTTP.freePort()
        let daemon = try WebDaemon(http: "listen = \"127.0.0.1:\(port)\"")
        let client = RawHTTP(address: .tcp(host: "127.0.0.1", port: port))
        #expect(daemon.waitUntilServing(client), "\(daemon.log)")
        let response = try client.request("GET", "/healthz")
        #expect(response.status == 200)
        #expect(response.body == "ok\n")
        #expect(response.header("content-type") == "text/plain; charset=utf-8")
        #expect(response.header("content-security-policy") == Self.securityPolicy)
        #expect(response.header("x-content-type-options") == "nosniff")
        #expect(response.header("referrer-policy") == "same-origin")
        #expect(daemon.log.contains("http: listening on 127.0.0.1:\(port)"), "\(daemon.log)")
    }

    @Test("on a unix socket (listen = \"unix:/…\"): /healthz answers; the socket is group-writable (0660) for the proxy")
    func unixSocket() throws {
        let root = TemporaryFolder.make("web-unix")
        defer { TemporaryFolder.remove(root) }
        let path = root + "/http.sock"
        let daemon = try WebDaemon(http: "listen = \"unix:\(path)\"")
        let client = RawHTTP(address: .unix(path: path))
        #expect(daemon.waitUntilServing(client), "\(daemon.log)")
        #expect(try client.request("GET", "/healthz").body == "ok\n")
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        #expect(mode & 0o777 == 0o660, "mode \(String(mode, radix: 8))")
    }

    @Test("an unknown path is a Chinese 404 page (no stack trace, no Swift error); / without a session goes to /login; the login page is Chinese and has its CSRF cookie")
    func pagesWithoutSession() throws {
        let port = RawHTTP.freePort()
        let daemon = try WebDaemon(http: "listen = \"127.0.0.1:\(port)\"")
        let client = RawHTTP(address: .tcp(host: "127.0.0.1", port: port))
        #expect(daemon.waitUntilServing(client), "\(daemon.log)")

        let missing = try client.request("GET", "/no/such/page?name=%E5%BC%A0%E4%B8%89")  // 张三
        #expect(missing.status == 404)
        #expect(missing.header("content-type") == "text/html; charset=utf-8")
        #expect(missing.body.contains("<html lang=\"zh-CN\">") && missing.body.contains("页面不存在"))
        for leak in ["HTTPError", "Swift", "Error(", "notFound", "Fatal", "at /"] { #expect(!missing.body.contains(leak), "\(leak)") }
        #expect(missing.header("content-security-policy") == Self.securityPolicy)
        #expect(missing.header("cache-control") == "no-store")

        let home = try client.request("GET", "/")
        #expect(home.status == 303)
        #expect(home.header("location") == "/login?next=/")

        let login = try client.request("GET", "/login")
        #expect(login.status == 200)
        #expect(login.body.contains("<meta name=\"viewport\"") && login.body.contains("登录") && login.body.contains("name=\"csrf\""))
        let cookie = login.headers("set-cookie").first { $0.hasPrefix("xinfang_login_csrf=") } ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), "\(cookie)")

        let css = try client.request("GET", "/static/app.css")
        #expect(css.status == 200 && css.header("content-type") == "text/css; charset=utf-8" && css.body.contains("@media"))

        // The access log names the route pattern, never the raw path or query.
        #expect(daemon.wait(seconds: 5) { daemon.log.contains("http GET (no route) 404") }, "\(daemon.log)")
        #expect(daemon.log.contains("http GET /login 200"))
        #expect(!daemon.log.contains("%E5%BC%A0") && !daemon.log.contains("张三") && !daemon.log.contains("/no/such/page"))
    }

    @Test("under /api an error is application/problem+json with type, title, status and detail")
    func apiProblemJSON() throws {
        let port = RawHTTP.freePort()
        let daemon = try WebDaemon(http: "listen = \"127.0.0.1:\(port)\"")
        let client = RawHTTP(address: .tcp(host: "127.0.0.1", port: port))
        #expect(daemon.waitUntilServing(client), "\(daemon.log)")
        let missing = try client.request("GET", "/api/nope")
        #expect(missing.status == 404)
        #expect(missing.header("content-type") == "application/problem+json; charset=utf-8")
        let problem = try JSONSerialization.jsonObject(with: Data(missing.body.utf8)) as? [String: Any]
        #expect(problem?["type"] as? String == "urn:xinfang:problem:not-found")
        #expect(problem?["title"] as? String == "页面不存在")
        #expect(problem?["status"] as? Int == 404)
        #expect((problem?["detail"] as? String)?.isEmpty == false)
        let unauthorized = try client.request("GET", "/api/v1/me", headers: ["Authorization": "Bearer nonsense"])
        #expect(unauthorized.status == 401)
        #expect(unauthorized.header("content-type") == "application/problem+json; charset=utf-8")
    }

    @Test("a POST without the CSRF token is refused 403 with a Chinese page, and nothing is done")
    func postWithoutCSRF() throws {
        let port = RawHTTP.freePort()
        let daemon = try WebDaemon(http: "listen = \"127.0.0.1:\(port)\"")
        let client = RawHTTP(address: .tcp(host: "127.0.0.1", port: port))
        #expect(daemon.waitUntilServing(client), "\(daemon.log)")
        let refused = try client.request("POST", "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                         body: "name=admin&password=secret")
        #expect(refused.status == 403)
        #expect(refused.header("content-type") == "text/html; charset=utf-8")
        #expect(refused.body.contains("CSRF 校验失败"))
        #expect(!refused.body.contains("secret"))
        #expect(refused.headers("set-cookie").allSatisfy { !$0.hasPrefix("xinfang_session=") })
        // With the double-submitted token the store's accounts refuse the login: there is no account
        // `admin` in this store, and the answer is the one a wrong password gets.
        let page = try client.request("GET", "/login")
        let token = String((page.headers("set-cookie").first { $0.hasPrefix("xinfang_login_csrf=") } ?? "").dropFirst("xinfang_login_csrf=".count).prefix { $0 != ";" })
        let tried = try client.request("POST", "/login", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "xinfang_login_csrf=\(token)"],
                                       body: "csrf=\(token)&name=admin&password=secret")
        #expect(tried.status == 200)
        #expect(tried.body.contains("用户名或密码错误") && tried.body.contains("value=\"admin\"") && !tried.body.contains("secret"))
    }

    @Test("enabled = false: the scheduler runs and nothing listens on the address")
    func disabled() throws {
        let port = RawHTTP.freePort()
        let daemon = try WebDaemon(http: "enabled = false\nlisten = \"127.0.0.1:\(port)\"")
        #expect(daemon.waitUntilReady(), "\(daemon.log)")
        usleep(500_000)
        #expect(throws: RawHTTP.Failure.self) { try RawHTTP(address: .tcp(host: "127.0.0.1", port: port)).connect() }
        #expect(daemon.process.isRunning)
        #expect(!daemon.log.contains("http: listening"))
    }

    @Test("a port in use: xinfangd exits 1 at start, and its log names the address")
    func portInUse() throws {
        let port = RawHTTP.freePort()
        let holder = RawHTTP.occupy(port: port)
        defer { close(holder) }
        let daemon = try WebDaemon(http: "listen = \"127.0.0.1:\(port)\"")
        #expect(daemon.wait(seconds: 20) { !daemon.process.isRunning }, "\(daemon.log)")
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus == 1)
        #expect(daemon.log.contains("http: cannot listen on 127.0.0.1:\(port)"), "\(daemon.log)")
        #expect(daemon.log.contains("Address already in use"), "\(daemon.log)")
    }

    @Test("listening beyond loopback (0.0.0.0) is allowed and warned about")
    func beyondLoopbackWarned() throws {
        let port = RawHTTP.freePort()
        let daemon = try WebDaemon(http: "listen = \"0.0.0.0:\(port)\"")
        #expect(daemon.waitUntilServing(RawHTTP(address: .tcp(host: "127.0.0.1", port: port))), "\(daemon.log)")
        #expect(daemon.log.contains("http: listening on 0.0.0.0:\(port), beyond this machine"), "\(daemon.log)")
    }

    @Test("SIGTERM stops the daemon with its server within 2 s, exit 0; the port is free afterwards")
    func sigtermStopsServer() throws {
        let port = RawHTTP.freePort()
        let daemon = try WebDaemon(http: "listen = \"127.0.0.1:\(port)\"")
        let client = RawHTTP(address: .tcp(host: "127.0.0.1", port: port))
        #expect(daemon.waitUntilServing(client), "\(daemon.log)")
        #expect(daemon.waitUntilReady(), "\(daemon.log)")
        let seconds = daemon.terminate()
        #expect(seconds != nil && seconds! < 2.0, "took \(seconds.map { String($0) } ?? "forever"): \(daemon.log)")
        #expect(daemon.process.terminationStatus == 0, "\(daemon.log)")
        #expect(throws: RawHTTP.Failure.self) { try client.connect() }
        #expect(daemon.log.contains("http: stopped listening on 127.0.0.1:\(port)"), "\(daemon.log)")
    }
}
