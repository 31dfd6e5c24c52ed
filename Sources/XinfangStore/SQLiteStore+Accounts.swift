import Foundation
import GRDB
import XinfangCore
public import XinfangPorts

// Accounts, sessions and API tokens (v12). Secrets arrive hashed: a bcrypt hash for a password,
// the SHA-256 of a token. Audit rows name the account and what changed, never a hash.

extension SQLiteStore: AccountStore {
    public func leaderExists(name: String) throws -> Bool {
        try pool.read { db in try exists(db, leader: name) }
    }

    public func addAccount(_ account: Account, passwordHash: String?, actor: String) throws {
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE name = ?)", arguments: [account.name]) == true {
                throw StoreError("账号 \(account.name) 已存在 the account \(account.name) already exists")
            }
            try db.execute(sql: """
                INSERT INTO accounts (name, role, units, leader, display_name, password_hash, disabled, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [account.name, account.role.rawValue, Self.encodeUnits(account.units), account.leader, account.displayName,
                                 passwordHash, account.disabled, account.createdAt, account.passwordChangedAt])
            let scope = account.units.isEmpty ? "" : " units=" + account.units.joined(separator: ",")
            try AuditChain.append(db, actor: actor, action: "account.add", subject: account.name,
                                  detail: "role=\(account.role.rawValue)\(scope)" + (account.leader.map { " leader=\($0)" } ?? ""))
        }
    }

    public func account(name: String) throws -> Account? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]).map(Self.account) }
    }

    public func accounts() throws -> [Account] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY name").map(Self.account) }
    }

    public func passwordHash(name: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM accounts WHERE name = ?", arguments: [name]) }
    }

    public func setPassword(name: String, hash: String, at: Int64, actor: String) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE accounts SET password_hash = ?, password_changed_at = ?, failed_logins = 0, locked_until = NULL WHERE name = ?
                """, arguments: [hash, at, name])
            guard db.changesCount == 1 else { throw Self.unknownAccount(name) }
            try db.execute(sql: "DELETE FROM sessions WHERE account = ?", arguments: [name])
            try AuditChain.append(db, actor: actor, action: "account.passwd", subject: name, detail: "sessions ended: \(db.changesCount)")
        }
    }

    public func setDisabled(name: String, _ disabled: Bool, actor: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE accounts SET disabled = ? WHERE name = ?", arguments: [disabled, name])
            guard db.changesCount == 1 else { throw Self.unknownAccount(name) }
            var detail = ""
            if disabled {
                try db.execute(sql: "DELETE FROM sessions WHERE account = ?", arguments: [name])
                detail = "sessions ended: \(db.changesCount)"
            }
            try AuditChain.append(db, actor: actor, action: disabled ? "account.disable" : "account.enable", subject: name, detail: detail)
        }
    }

    public func recordLoginFailure(name: String, now: Int64, limit: Int, lockSeconds: Int64, actor: String) throws -> (failures: Int, lockedUntil: Int64?) {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT failed_logins, locked_until FROM accounts WHERE name = ?", arguments: [name]) else {
                throw Self.unknownAccount(name)
            }
            let lock: Int64? = row["locked_until"]
            // A lock that has run out starts a new count.
            let failures = (lock.map { $0 <= now } == true ? 0 : row["failed_logins"] as Int) + 1
            let lockedUntil: Int64? = failures >= limit ? now + lockSeconds : (lock.map { $0 > now } == true ? lock : nil)
            try db.execute(sql: "UPDATE accounts SET failed_logins = ?, locked_until = ? WHERE name = ?", arguments: [failures, lockedUntil, name])
            try AuditChain.append(db, actor: actor, action: failures >= limit ? "account.lock" : "account.login-refused", subject: name,
                                  detail: "failed logins in a row: \(failures)" + (failures >= limit ? ", locked until \(lockedUntil ?? 0)" : ""))
            return (failures, lockedUntil)
        }
    }

    public func recordLogin(_ session: StoredSession, actor: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE name = ?", arguments: [session.account])
            guard db.changesCount == 1 else { throw Self.unknownAccount(session.account) }
            try db.execute(sql: """
                INSERT INTO sessions (token_sha256, account, csrf, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [session.tokenSHA256, session.account, session.csrf, session.createdAt, session.lastSeenAt, session.expiresAt])
            try AuditChain.append(db, actor: actor, action: "account.login", subject: session.account, detail: "")
        }
    }

    public func session(tokenSHA256: String) throws -> (session: StoredSession, account: Account)? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE token_sha256 = ?", arguments: [tokenSHA256]),
                  let account = try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [row["account"] as String]).map(Self.account)
            else { return nil }
            let session = StoredSession(tokenSHA256: row["token_sha256"], account: row["account"], csrf: row["csrf"], createdAt: row["created_at"],
                                        lastSeenAt: row["last_seen_at"], expiresAt: row["expires_at"])
            return (session, account)
        }
    }

    public func touchSession(tokenSHA256: String, lastSeenAt: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_sha256 = ? AND last_seen_at < ?",
                           arguments: [lastSeenAt, tokenSHA256, lastSeenAt])
        }
    }

    public func endSession(tokenSHA256: String, actor: String?) throws {
        try pool.write { db in
            guard let account = try String.fetchOne(db, sql: "SELECT account FROM sessions WHERE token_sha256 = ?", arguments: [tokenSHA256]) else {
                return
            }
            try db.execute(sql: "DELETE FROM sessions WHERE token_sha256 = ?", arguments: [tokenSHA256])
            if let actor { try AuditChain.append(db, actor: actor, action: "account.logout", subject: account, detail: "") }
        }
    }

    public func addAPIToken(account: String, tokenSHA256: String, label: String?, at: Int64, actor: String) throws -> Int64 {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE name = ?)", arguments: [account]) == true else {
                throw Self.unknownAccount(account)
            }
            try db.execute(sql: "INSERT INTO api_tokens (token_sha256, account, label, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [tokenSHA256, account, label, at])
            let id = db.lastInsertedRowID
            try AuditChain.append(db, actor: actor, action: "account.token", subject: account, detail: "token \(id)" + (label.map { " \($0)" } ?? ""))
            return id
        }
    }

    public func revokeAPIToken(account: String, id: Int64, at: Int64, actor: String) throws {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT revoked_at FROM api_tokens WHERE id = ? AND account = ?", arguments: [id, account]) else {
                throw StoreError("账号 \(account) 没有编号为 \(id) 的令牌 the account \(account) has no token \(id)")
            }
            if (row["revoked_at"] as Int64?) != nil { throw StoreError("令牌 \(id) 已吊销 token \(id) was already revoked") }
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ?", arguments: [at, id])
            try AuditChain.append(db, actor: actor, action: "account.token-revoke", subject: account, detail: "token \(id)")
        }
    }

    public func accountsVersion() throws -> Int64 {
        try pool.read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM change_versions WHERE scope = 'accounts'")) ?? 0
        }
    }

    public func apiToken(tokenSHA256: String) throws -> (token: StoredAPIToken, account: Account)? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE token_sha256 = ?", arguments: [tokenSHA256]),
                  let account = try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [row["account"] as String]).map(Self.account)
            else { return nil }
            return (Self.apiToken(row), account)
        }
    }

    public func apiTokens(account: String) throws -> [StoredAPIToken] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_tokens WHERE account = ? ORDER BY id", arguments: [account]).map(Self.apiToken)
        }
    }

    // MARK: - Rows

    private static func account(_ row: Row) -> Account {
        Account(
            name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer, units: decodeUnits(row["units"]), leader: row["leader"],
            displayName: row["display_name"], disabled: row["disabled"], failedLogins: row["failed_logins"], lockedUntil: row["locked_until"],
            createdAt: row["created_at"], passwordChangedAt: row["password_changed_at"])
    }

    private static func apiToken(_ row: Row) -> StoredAPIToken {
        StoredAPIToken(id: row["id"], account: row["account"], label: row["label"], createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }

    private static func encodeUnits(_ units: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(units)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func decodeUnits(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    private static func unknownAccount(_ name: String) -> StoreError { StoreError("没有账号 \(name) no account \(name)") }
}
