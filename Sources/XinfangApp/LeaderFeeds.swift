import Crypto
public import XinfangEngine
public import XinfangPorts
import XinfangCore

/// Leaders' calendars served at a secret URL (`/feeds/<token>.ics`) for phone calendars: one live
/// token per leader, revocable; the store keeps only the token's SHA-256. The feed is the leader's
/// published calendar (reception days and the due dates of owned cases; no petitioner's data).
public struct LeaderFeeds: Sendable {
    public let store: any FeedTokenStore & DirectoryReads
    public let settings: Engine.Settings

    public init(store: any FeedTokenStore & DirectoryReads, settings: Engine.Settings) {
        self.store = store
        self.settings = settings
    }

    /// Issues a new token for `leader` (32 random bytes, base64url), revoking the old one; audited
    /// with `actor`. Refuses an unknown leader. Returns the token: it is shown once, never stored.
    public static func issue(leader: String, actor: String, in store: any FeedTokenStore) throws -> String {
        let token = Base64URL.encode(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
        try store.issueFeedToken(leader: leader, sha256: Self.digest(token), actor: actor)
        return token
    }

    /// Revokes `leader`'s live token (audited with `actor`); false when there was none.
    @discardableResult
    public static func revoke(leader: String, actor: String, in store: any FeedTokenStore) throws -> Bool {
        try store.revokeFeedToken(leader: leader, actor: actor)
    }

    /// The iCalendar text of the leader whose live token is `token`, as of `now`; nil for an unknown
    /// or revoked token.
    public func calendar(token: String, now: Int64) throws -> String? {
        guard let leader = try store.feedTokenLeader(sha256: Self.digest(token)) else { return nil }
        return try LeaderCalendars.text(leader: leader, store: store, settings: settings, now: now)
    }

    /// The path a token's feed is served at: `/feeds/<token>.ics`.
    public static func path(token: String) -> String { "/feeds/\(token).ics" }

    /// The token's SHA-256 in lowercase hex, as the store keeps it.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
