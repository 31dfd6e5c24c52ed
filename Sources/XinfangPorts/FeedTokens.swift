/// What leaders' calendar feeds need from a store: one live token per leader, kept as its SHA-256.
public protocol FeedTokenStore: Sendable {
    /// Stores `sha256` (hex) as `leader`'s live token, revoking the one before, with an audit row
    /// naming `actor`, in one transaction. Refuses an unknown leader. Returns whether one was revoked.
    @discardableResult
    func issueFeedToken(leader: String, sha256: String, actor: String) throws -> Bool
    /// Revokes `leader`'s live token, with an audit row; false (and nothing written) when there is none.
    /// Refuses an unknown leader.
    @discardableResult
    func revokeFeedToken(leader: String, actor: String) throws -> Bool
    /// The leader whose live token has this SHA-256 (hex), nil for an unknown or revoked one.
    func feedTokenLeader(sha256: String) throws -> String?
    /// The leaders that have a live token, with the instant it was issued.
    func liveFeedTokens() throws -> [String: Int64]
}
