public import XinfangCore
import XinfangPorts

/// A session just begun: the token for the cookie (shown this once; the store keeps its SHA-256),
/// the CSRF token its forms carry, whom it acts for, and its absolute end.
public struct NewSession: Sendable, Equatable {
    public var token: String
    public var csrf: String
    public var principal: Principal
    public var expiresAt: Int64
}

/// What a login came to.
public enum LoginOutcome: Sendable, Equatable {
    case signedIn(NewSession)
    case refused(LoginRefusal)
}

extension Accounts {
    /// Checks a password and begins a session. An unknown name costs one bcrypt verification too
    /// and is refused as a wrong password is; a locked account is refused before the password is
    /// looked at; the failure that reaches `failedLoginLimit` locks the account for `lockSeconds`;
    /// a success clears the count. Throws only when the store fails.
    public func login(name: String, password: String, now: Int64) throws -> LoginOutcome {
        let signer = "web:" + name
        guard let account = try store.account(name: name), account.role != .api, let hash = try store.passwordHash(name: name) else {
            _ = Secrets.verify(password: password, hash: Secrets.decoyHash(cost: bcryptCost))
            return .refused(LoginRefusal(reason: .badCredentials, name: name))
        }
        if let until = account.lockedUntil, until > now { return .refused(LoginRefusal(reason: .locked(until: until), name: name)) }
        guard Secrets.verify(password: password, hash: hash) else {
            if account.disabled { return .refused(LoginRefusal(reason: .badCredentials, name: name)) }
            let counted = try store.recordLoginFailure(name: name, now: now, limit: Self.failedLoginLimit, lockSeconds: Self.lockSeconds, actor: signer)
            let reason: LoginRefusal.Reason = counted.lockedUntil.map { .locked(until: $0) } ?? .badCredentials
            return .refused(LoginRefusal(reason: reason, name: name, failures: counted.failures))
        }
        if account.disabled { return .refused(LoginRefusal(reason: .disabled, name: name)) }
        let session = NewSession(token: Secrets.randomToken(), csrf: Secrets.randomToken(), principal: account.principal,
                                 expiresAt: now + Self.sessionSeconds)
        try store.recordLogin(StoredSession(tokenSHA256: Secrets.sha256(session.token), account: name, csrf: session.csrf, createdAt: now,
                                            lastSeenAt: now, expiresAt: session.expiresAt), actor: signer)
        return .signedIn(session)
    }

    /// The principal and CSRF token of a live session; nil when the token is unknown, the session
    /// has been idle `idleSeconds` or reached its absolute end (it is then removed), or its account
    /// is disabled. Its last use moves forward, written at most every `touchSeconds`.
    public func session(token: String, now: Int64) throws -> (principal: Principal, csrf: String)? {
        guard Self.plausible(token) else { return nil }
        let key = Secrets.sha256(token)
        guard let (session, account) = try store.session(tokenSHA256: key) else { return nil }
        if now >= session.expiresAt || now - session.lastSeenAt >= Self.idleSeconds {
            try store.endSession(tokenSHA256: key, actor: nil)
            return nil
        }
        guard !account.disabled, account.role != .api else { return nil }
        if now - session.lastSeenAt >= Self.touchSeconds { try store.touchSession(tokenSHA256: key, lastSeenAt: now) }
        return (account.principal, session.csrf)
    }

    /// Ends the session (signing out); an unknown token is no error.
    public func logout(token: String) throws {
        guard Self.plausible(token) else { return }
        let key = Secrets.sha256(token)
        guard let (_, account) = try store.session(tokenSHA256: key) else { return }
        try store.endSession(tokenSHA256: key, actor: "web:" + account.name)
    }

    /// The principal of an `api` account's token; nil when the token is unknown or revoked, or the
    /// account is disabled.
    public func apiPrincipal(token: String) throws -> Principal? {
        guard Self.plausible(token) else { return nil }
        return try apiPrincipal(tokenSHA256: Secrets.sha256(token))
    }

    /// As `apiPrincipal(token:)`, kept in `cache` while no account or token has changed: a
    /// machine client's every request would otherwise read its account again (decoding an account
    /// of 500 units took a third of a request's CPU).
    public func apiPrincipal(token: String, cache: APIPrincipalCache) throws -> Principal? {
        guard Self.plausible(token) else { return nil }
        let key = Secrets.sha256(token)
        let version = try store.accountsVersion()
        if let kept = cache.principal(key, version: version) { return kept }
        guard let principal = try apiPrincipal(tokenSHA256: key) else { return nil }
        cache.keep(principal, for: key, version: version)
        return principal
    }

    private func apiPrincipal(tokenSHA256 key: String) throws -> Principal? {
        guard let (stored, account) = try store.apiToken(tokenSHA256: key) else { return nil }
        guard stored.revokedAt == nil, !account.disabled, account.role == .api else { return nil }
        return account.principal
    }

    /// A token as `Secrets.randomToken` makes them is 43 characters; anything far longer is not
    /// one, and is not hashed.
    private static func plausible(_ token: String) -> Bool { !token.isEmpty && token.utf8.count <= 256 }
}
