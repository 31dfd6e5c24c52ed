import Foundation

/// A logged-in browser without JavaScript, over `RawHTTP`: the session cookie, the session's CSRF
/// token (read from the page's forms), GET and form POSTs.
struct WebSession {
    let client: RawHTTP
    let cookie: String
    let csrf: String

    struct LoginFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Logs in through the login form (its double-submit CSRF cookie), then reads the session's
    /// CSRF token from the 工作台's logout form.
    static func login(_ client: RawHTTP, name: String, password: String) throws -> WebSession {
        let page = try client.request("GET", "/login")
        let loginCookie = page.headers("set-cookie").compactMap { WebSession.cookieValue($0, "xinfang_login_csrf") }.first ?? ""
        let token = WebSession.field(page.body, "csrf") ?? ""
        let response = try client.request("POST", "/login", headers: [
            "Cookie": "xinfang_login_csrf=\(loginCookie)", "Content-Type": "application/x-www-form-urlencoded",
        ], body: WebSession.encode([("csrf", token), ("name", name), ("password", password), ("next", "/")]))
        guard response.status == 303, let session = response.headers("set-cookie").compactMap({ WebSession.cookieValue($0, "xinfang_session") }).first
        else { throw LoginFailed(description: "login \(name): \(response.status) \(response.body.prefix(300))") }
        let home = try client.request("GET", "/", headers: ["Cookie": "xinfang_session=\(session)"])
        guard let csrf = WebSession.field(home.body, "csrf") else { throw LoginFailed(description: "no csrf on / for \(name): \(home.status)") }
        return WebSession(client: client, cookie: session, csrf: csrf)
    }

    func get(_ target: String) throws -> RawHTTP.Response {
        try client.request("GET", target, headers: ["Cookie": "xinfang_session=\(cookie)"])
    }

    /// POSTs the fields as a form, with the session's CSRF token first unless `csrf` is false.
    func post(_ target: String, _ fields: [(String, String)], csrf: Bool = true) throws -> RawHTTP.Response {
        try client.request("POST", target, headers: ["Cookie": "xinfang_session=\(cookie)", "Content-Type": "application/x-www-form-urlencoded"],
                           body: WebSession.encode((csrf ? [("csrf", self.csrf)] : []) + fields))
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    static func cookieValue(_ header: String, _ name: String) -> String? {
        guard header.hasPrefix(name + "=") else { return nil }
        let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }

    /// The value of the first `<input … name="NAME" value="…">` of a page.
    static func field(_ html: String, _ name: String) -> String? {
        guard let at = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[at.upperBound...].prefix { $0 != "\"" })
    }
}
