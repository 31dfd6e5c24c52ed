public import XinfangCore

/// An account as the store keeps it, without its password hash (`AccountStore.passwordHash`).
public struct Account: Equatable, Sendable {
    /// The login, `[a-z0-9._-]{2,32}`.
    public var name: String
    public var role: Role
    /// The clerk's unit, or the api client's units; empty for the other roles.
    public var units: [String]
    /// The leader (as the directory names them) a leader account is.
    public var leader: String?
    public var displayName: String?
    public var disabled: Bool
    /// Failed logins in a row (reset by a success).
    public var failedLogins: Int
    /// Until when (Unix seconds) logins are refused after too many failures.
    public var lockedUntil: Int64?
    public var createdAt: Int64
    public var passwordChangedAt: Int64?

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(
        name: String, role: Role, units: [String] = [], leader: String? = nil, displayName: String? = nil, disabled: Bool = false,
        failedLogins: Int = 0, lockedUntil: Int64? = nil, createdAt: Int64, passwordChangedAt: Int64? = nil
    ) {
        self.name = name
        self.role = role
        self.units = units
        self.leader = leader
        self.displayName = displayName
        self.disabled = disabled
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
        self.passwordChangedAt = passwordChangedAt
    }

    /// The principal requests of this account act for.
    public var principal: Principal { Principal(username: name, role: role, units: units, leader: leader) }
}

/// A signed-in browser's session, keyed by the SHA-256 (hex) of its token.
public struct StoredSession: Equatable, Sendable {
    public var tokenSHA256: String
    public var account: String
    public var csrf: String
    public var createdAt: Int64
    public var lastSeenAt: Int64
    /// The absolute end, whatever the activity.
    public var expiresAt: Int64

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(tokenSHA256: String, account: String, csrf: String, createdAt: Int64, lastSeenAt: Int64, expiresAt: Int64) {
        self.tokenSHA256 = tokenSHA256
        self.account = account
        self.csrf = csrf
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}

/// An API token of an account, as listed (its hash stays in the store).
public struct StoredAPIToken: Equatable, Sendable {
    public var id: Int64
    public var account: String
    public var label: String?
    public var createdAt: Int64
    public var revokedAt: Int64?

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(id: Int64, account: String, label: String?, createdAt: Int64, revokedAt: Int64?) {
        self.id = id
        self.account = account
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// What the accounts use cases (`XinfangApp.Accounts`) need from a store. Secrets arrive hashed
/// (bcrypt for passwords, SHA-256 for tokens): the store never sees a password or a token. Every
/// write is one transaction with its audit row naming `actor`; a refusal (`StoreError`) writes
/// nothing. Refreshing a session's last use and dropping an expired session are bookkeeping, not
/// audited.
public protocol AccountStore: Sendable {
    /// Whether the directory has this unit / this leader (what an account's scope may name).
    func unitExists(name: String) throws -> Bool
    func leaderExists(name: String) throws -> Bool

    /// Adds an account; refuses a taken name.
    func addAccount(_ account: Account, passwordHash: String?, actor: String) throws
    /// The account, or nil when unknown.
    func account(name: String) throws -> Account?
    /// Every account, by name.
    func accounts() throws -> [Account]
    /// The account's bcrypt hash; nil when unknown or it has none (api).
    func passwordHash(name: String) throws -> String?
    /// Sets the password (clearing failures and the lock) and ends the account's sessions.
    func setPassword(name: String, hash: String, at: Int64, actor: String) throws
    /// Disables (ending its sessions) or enables an account.
    func setDisabled(name: String, _ disabled: Bool, actor: String) throws

    /// Counts a failed login, atomically: the count in a row (restarted when a lock has run out)
    /// and, when it reaches `limit`, a lock until `now + lockSeconds`. Returns both.
    func recordLoginFailure(name: String, now: Int64, limit: Int, lockSeconds: Int64, actor: String) throws -> (failures: Int, lockedUntil: Int64?)
    /// A successful login: clears the count and the lock, stores the session.
    func recordLogin(_ session: StoredSession, actor: String) throws
    /// The session with this token hash and its account; nil when unknown.
    func session(tokenSHA256: String) throws -> (session: StoredSession, account: Account)?
    /// Moves a session's last use forward (not audited).
    func touchSession(tokenSHA256: String, lastSeenAt: Int64) throws
    /// Ends a session: logged out (audited), or found expired (`actor` nil: not audited).
    func endSession(tokenSHA256: String, actor: String?) throws

    /// Stores a token hash for the account; returns its id.
    func addAPIToken(account: String, tokenSHA256: String, label: String?, at: Int64, actor: String) throws -> Int64
    /// Revokes the account's token `id`; refuses an unknown or already revoked one.
    func revokeAPIToken(account: String, id: Int64, at: Int64, actor: String) throws
    /// A number that moves with every write to an account or an API token (migration v16): what
    /// was looked up of them may be kept while it stays.
    func accountsVersion() throws -> Int64
    /// The token with this hash and its account; nil when unknown.
    func apiToken(tokenSHA256: String) throws -> (token: StoredAPIToken, account: Account)?
    /// The account's tokens, oldest first.
    func apiTokens(account: String) throws -> [StoredAPIToken]
}
