public import XinfangCore

/// What the web server asks about accounts: logins, the sessions they open, API tokens. The server
/// keeps no account state of its own; `XinfangApp`'s accounts implement this over the store.
///
/// `now` is Unix seconds on the daemon's clock (the test clock in test mode). Methods may block
/// briefly (a store read or write). A thrown error other than `LoginRefusal` is a failure of the
/// authority (the store): the request is answered 500 and the error is logged.
public protocol SessionAuthority: Sendable {
    /// Checks a name and password and opens a session: its cookie token, its CSRF token and who it
    /// is. Throws `LoginRefusal` (unknown name, wrong password, locked, disabled) with the message
    /// the login page shows.
    func login(name: String, password: String, now: Int64) throws -> (token: String, csrf: String, principal: Principal)
    /// The open session with this cookie token, or nil when it is unknown, expired or closed.
    func session(token: String, now: Int64) throws -> (principal: Principal, csrf: String)?
    /// Closes the session (logout); an unknown token is not an error.
    func logout(token: String) throws
    /// The principal of an API token (`Authorization: Bearer …`), or nil when it is unknown or revoked.
    func apiPrincipal(token: String, now: Int64) throws -> Principal?
}

/// A refused login, with the Chinese message shown on the login page (e.g. `用户名或密码错误`,
/// `登录失败次数过多，请于 15 分钟后再试`). It must not say whether the name exists.
public struct LoginRefusal: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// The authority of a daemon without accounts: refuses every login and every token. Sessions never
/// exist, so every page but the login page redirects to it.
public struct NoAccounts: SessionAuthority {
    public init() {}
    public func login(name: String, password: String, now: Int64) throws -> (token: String, csrf: String, principal: Principal) {
        throw LoginRefusal("尚未设置账户，无法登录（xinfangctl user add）")
    }
    public func session(token: String, now: Int64) throws -> (principal: Principal, csrf: String)? { nil }
    public func logout(token: String) throws {}
    public func apiPrincipal(token: String, now: Int64) throws -> Principal? { nil }
}
