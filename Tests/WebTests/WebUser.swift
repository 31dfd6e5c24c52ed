import Foundation

/// One user agent over `RawHTTP`: a cookie jar (what the server set, sent back), the session's CSRF
/// token read from a page's forms, form and bearer requests. No redirects are followed: the test
/// sees every 303.
struct WebUser {
    let http: RawHTTP
    var cookies: [String: String] = [:]
    /// The session's CSRF token (from the logout form of the first page after login).
    var csrf: String?
    /// `Authorization: Bearer …` on every request (an api client), if set.
    var bearer: String?

    init(_ http: RawHTTP, bearer: String? = nil) {
        self.http = http
        self.bearer = bearer
    }

    /// Sends a request with the jar's cookies; keeps the cookies the answer sets (Max-Age=0 removes).
    mutating func send(_ method: String, _ target: String, form: [(String, String)]? = nil, json: String? = nil,
                       headers extra: [String: String] = [:]) throws -> RawHTTP.Response {
        var headers = extra
        if !cookies.isEmpty { headers["Cookie"] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let bearer { headers["Authorization"] = "Bearer \(bearer)" }
        var body = ""
        if let form {
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = WebUser.encode(form)
        } else if let json {
            headers["Content-Type"] = "application/json"
            body = json
        }
        let response = try http.request(method, target, headers: headers, body: body)
        for line in response.headers("set-cookie") {
            let pair = line.prefix { $0 != ";" }
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            if value.isEmpty || line.contains("Max-Age=0") { cookies.removeValue(forKey: name) } else { cookies[name] = value }
        }
        return response
    }

    /// GET /login, then POST /login with its CSRF cookie (double submit); returns the POST's answer.
    /// On a 303 the session cookie is in the jar and `csrf` is read from the page it leads to.
    @discardableResult
    mutating func login(_ name: String, _ password: String) throws -> RawHTTP.Response {
        _ = try send("GET", "/login")
        let token = cookies["xinfang_login_csrf"] ?? ""
        let answer = try send("POST", "/login", form: [("csrf", token), ("name", name), ("password", password), ("next", "/")])
        if answer.status == 303 {
            let home = try send("GET", "/")
            csrf = WebUser.csrfField(home.body)
        }
        return answer
    }

    /// The value of the first hidden `csrf` field of a page.
    static func csrfField(_ html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ form: [(String, String)]) -> String {
        form.map { "\(percent($0.0))=\(percent($0.1))" }.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters stay; everything else (UTF-8 bytes included) is percent-encoded.
    static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
    }
}
