public import XinfangCore
public import XinfangPorts

/// The accounts of the web interface and the API: adding and changing them (`xinfangctl user …`),
/// signing in with a password (sessions), and API tokens. Passwords are kept as bcrypt hashes,
/// tokens as their SHA-256; a plaintext token is returned once, when made. Every write's audit row
/// names `actor` (administration) or the account signing in (`web:<name>`). The time is passed in
/// (`now`, Unix seconds), so the rules of lockout and expiry are tested without waiting.
///
/// bcrypt is slow on purpose (cost 12: measured in the report); a server calls `login`, `add` and
/// `passwd` off its event loop.
public struct Accounts: Sendable {
    /// After this many failed logins in a row an account is locked …
    public static let failedLoginLimit = 5
    /// … for this long.
    public static let lockSeconds: Int64 = 15 * 60
    /// A session ends after this long without a request …
    public static let idleSeconds: Int64 = 8 * 3600
    /// … and this long after it began, whatever the activity.
    public static let sessionSeconds: Int64 = 7 * 86_400
    /// A session's last use is written at most this often.
    public static let touchSeconds: Int64 = 60
    /// The least bcrypt cost accepted (2^10 rounds).
    public static let minimumBcryptCost: UInt8 = 10

    public let store: any AccountStore
    /// Who administers, for the audit log (`xinfangctl:<user>`, `web:<admin>`).
    public let actor: String
    /// The cost of new password hashes.
    public let bcryptCost: UInt8

    public init(store: any AccountStore, actor: String, bcryptCost: UInt8 = 12) {
        precondition(bcryptCost >= Self.minimumBcryptCost, "bcrypt cost \(bcryptCost) is below \(Self.minimumBcryptCost)")
        self.store = store
        self.actor = actor
        self.bcryptCost = bcryptCost
    }

    /// Adds an account after checking its name, its scope against the directory and its password
    /// (none for `api`: token only).
    @discardableResult
    public func add(
        name: String, role: Role, units: [String] = [], leader: String? = nil, displayName: String? = nil, password: String?, now: Int64
    ) throws -> Account {
        try AccountRules.checkName(name)
        try AccountRules.checkDisplayName(displayName)
        try AccountRules.checkScope(role: role, units: units, leader: leader, hasPassword: password != nil, store: store)
        if let password { try AccountRules.checkPassword(password) }
        if try store.account(name: name) != nil { throw AccountRefusal("账号 \(name) 已存在 the account \(name) already exists") }
        let account = Account(name: name, role: role, units: units, leader: leader, displayName: displayName, createdAt: now,
                              passwordChangedAt: password == nil ? nil : now)
        try refusing { try store.addAccount(account, passwordHash: password.map { Secrets.hash(password: $0, cost: bcryptCost) }, actor: actor) }
        return account
    }

    /// Sets a new password; the account's sessions end, its failures and lock are cleared.
    public func passwd(name: String, password: String, now: Int64) throws {
        let account = try existing(name)
        guard account.role != .api else { throw AccountRefusal("接口账号不设密码（用 user token） an api account has no password (use user token)") }
        try AccountRules.checkPassword(password)
        try refusing { try store.setPassword(name: name, hash: Secrets.hash(password: password, cost: bcryptCost), at: now, actor: actor) }
    }

    /// Disables an account: its sessions end and its tokens stop working until it is enabled.
    public func disable(name: String) throws {
        _ = try existing(name)
        try refusing { try store.setDisabled(name: name, true, actor: actor) }
    }

    public func enable(name: String) throws {
        _ = try existing(name)
        try refusing { try store.setDisabled(name: name, false, actor: actor) }
    }

    /// Every account, by name (no hashes).
    public func list() throws -> [Account] { try store.accounts() }

    /// A new API token for an `api` account: the plaintext, shown this once, and its id (to revoke it).
    public func issueAPIToken(name: String, label: String? = nil, now: Int64) throws -> (id: Int64, token: String) {
        let account = try existing(name)
        guard account.role == .api else {
            throw AccountRefusal("只有接口账号（api）使用令牌；\(name) 是\(account.role.chineseName) only an api account has tokens")
        }
        if let label, !(1...64).contains(label.count) || label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw AccountRefusal("令牌标签须为 1–64 个字符，不含控制字符 the label must be 1–64 characters without control characters")
        }
        let token = Secrets.randomToken()
        let id = try refusing { try store.addAPIToken(account: name, tokenSHA256: Secrets.sha256(token), label: label, at: now, actor: actor) }
        return (id, token)
    }

    /// Revokes the account's token `id` (the token stays listed, revoked).
    public func revokeAPIToken(name: String, id: Int64, now: Int64) throws {
        _ = try existing(name)
        try refusing { try store.revokeAPIToken(account: name, id: id, at: now, actor: actor) }
    }

    /// The account's tokens, oldest first (no hashes).
    public func apiTokens(name: String) throws -> [StoredAPIToken] { try store.apiTokens(account: name) }

    private func existing(_ name: String) throws -> Account {
        guard let account = try store.account(name: name) else { throw AccountRefusal("没有账号 \(name) no account \(name)") }
        return account
    }

    /// A store's refusal is the caller's refusal.
    private func refusing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StoreError { throw AccountRefusal(error.description) }
    }
}
