import GRDB
public import XinfangPorts

extension SQLiteStore: FeedTokenStore {
    @discardableResult
    public func issueFeedToken(leader: String, sha256: String, actor: String) throws -> Bool {
        try pool.write { db in
            try requireLeader(db, leader)
            let now = Self.now()
            try db.execute(sql: "UPDATE feed_tokens SET revoked_at = ? WHERE leader = ? AND revoked_at IS NULL", arguments: [now, leader])
            let revoked = db.changesCount > 0
            try db.execute(sql: "INSERT INTO feed_tokens (leader, token_sha256, created_at) VALUES (?, ?, ?)", arguments: [leader, sha256, now])
            try AuditChain.append(db, actor: actor, action: "leader.feed-token", subject: leader, detail: revoked ? "issued; the previous one revoked" : "issued")
            return revoked
        }
    }

    @discardableResult
    public func revokeFeedToken(leader: String, actor: String) throws -> Bool {
        try pool.write { db in
            try requireLeader(db, leader)
            try db.execute(sql: "UPDATE feed_tokens SET revoked_at = ? WHERE leader = ? AND revoked_at IS NULL", arguments: [Self.now(), leader])
            guard db.changesCount > 0 else { return false }
            try AuditChain.append(db, actor: actor, action: "leader.feed-token.revoke", subject: leader, detail: "revoked")
            return true
        }
    }

    public func feedTokenLeader(sha256: String) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT leader FROM feed_tokens WHERE token_sha256 = ? AND revoked_at IS NULL", arguments: [sha256])
        }
    }

    public func liveFeedTokens() throws -> [String: Int64] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT leader, created_at FROM feed_tokens WHERE revoked_at IS NULL")
            return Dictionary(rows.map { ($0["leader"] as String, $0["created_at"] as Int64) }, uniquingKeysWith: { a, _ in a })
        }
    }

    private func requireLeader(_ db: Database, _ leader: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM leaders WHERE name = ?)", arguments: [leader]) == true else {
            throw StoreError("unknown leader \(leader); add it first with `xinfangctl leader add`")
        }
    }
}
