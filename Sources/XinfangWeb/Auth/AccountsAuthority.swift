import Logging
import XinfangApp
public import XinfangCore
import XinfangEngine

/// The session authority of the store's accounts (XinfangApp's `Accounts`): a refused login is
/// logged with the account name and the lock (never the password) and answered with its Chinese
/// message. bcrypt takes a noticeable fraction of a second: the login route runs it off the event loop.
public struct AccountsAuthority: SessionAuthority {
    let accounts: Accounts
    let logger: Logger
    let time: XinfangEngine.LocalTime
    let tokens = APIPrincipalCache()

    public init(accounts: Accounts, time: XinfangEngine.LocalTime, logger: Logger) {
        self.accounts = accounts
        self.time = time
        self.logger = logger
    }

    public func login(name: String, password: String, now: Int64) throws -> (token: String, csrf: String, principal: Principal) {
        switch try accounts.login(name: name, password: password, now: now) {
        case .signedIn(let session):
            logger.info("login \(session.principal.username) (\(session.principal.role.rawValue))")
            return (session.token, session.csrf, session.principal)
        case .refused(let refusal):
            logger.notice("\(refusal.logMessage(time: time))")
            throw XinfangWeb.LoginRefusal(refusal.message(time: time))
        }
    }

    public func session(token: String, now: Int64) throws -> (principal: Principal, csrf: String)? {
        try accounts.session(token: token, now: now)
    }

    public func logout(token: String) throws { try accounts.logout(token: token) }

    /// Kept between requests while the accounts are unchanged (`APIPrincipalCache`).
    public func apiPrincipal(token: String, now: Int64) throws -> Principal? { try accounts.apiPrincipal(token: token, cache: tokens) }
}
