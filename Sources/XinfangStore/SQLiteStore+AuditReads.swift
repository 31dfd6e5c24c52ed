import GRDB
public import XinfangPorts

extension SQLiteStore: AuditReads {
    public func auditEntries(before: Int64?, limit: Int) throws -> [AuditEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, at, actor, action, subject, detail FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT ?",
                             arguments: [before ?? Int64.max, limit]).map {
                AuditEntry(seq: $0["seq"], at: $0["at"], actor: $0["actor"], action: $0["action"], subject: $0["subject"], detail: $0["detail"])
            }
        }
    }

    public func checkAuditChain() throws -> AuditChainCheck {
        let result = try verifyAudit()
        return AuditChainCheck(rows: result.rows, brokenAt: result.firstBroken?.seq, reason: result.firstBroken?.reason)
    }
}
