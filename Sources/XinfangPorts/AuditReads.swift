/// One row of the audit log, as the 管理 pages list it.
public struct AuditEntry: Equatable, Sendable {
    public var seq: Int64
    /// Unix seconds.
    public var at: Int64
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String

    public init(seq: Int64, at: Int64, actor: String, action: String, subject: String, detail: String) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}

/// What a check of the audit chain found: how many rows, and the first that does not match.
public struct AuditChainCheck: Equatable, Sendable {
    public var rows: Int
    public var brokenAt: Int64?
    public var reason: String?

    public init(rows: Int, brokenAt: Int64?, reason: String?) {
        self.rows = rows
        self.brokenAt = brokenAt
        self.reason = reason
    }
}

/// The audit log read back (管理 → 审计日志), and the check of its hash chain (`audit verify`).
public protocol AuditReads: Sendable {
    /// The latest rows, newest first: at most `limit` with `seq` below `before` (all when nil).
    func auditEntries(before: Int64?, limit: Int) throws -> [AuditEntry]
    /// Recomputes every hash of the chain.
    func checkAuditChain() throws -> AuditChainCheck
}
