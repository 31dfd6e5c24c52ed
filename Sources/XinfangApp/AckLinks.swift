import Crypto
public import XinfangCore
public import XinfangPorts

/// 签收 links: tokens naming exactly one reminder and their expiry, signed with the link secret
/// (HMAC-SHA256 over `xinfang-ack-v1|<id>|<expires-at>`), checked in constant time.
public struct AckLinks: Sendable {
    public let secret: LinkSecret

    public init(secret: LinkSecret) { self.secret = secret }

    /// What a token's check finds.
    public enum Check: Hashable, Sendable {
        /// Signed by us and not expired: it names this reminder.
        case valid(reminderID: Int64)
        /// Signed by us, but `now` is at or past its expiry.
        case expired
        /// Malformed, or a MAC that does not match (any byte changed).
        case altered
    }

    /// The token for `reminder`, expiring 30 days after it was created.
    public func token(for reminder: Reminder) -> String { token(AckToken(for: reminder)) }

    /// The signed text of `token`.
    public func token(_ token: AckToken) -> String {
        token.text(mac: Array(HMAC<SHA256>.authenticationCode(for: token.message, using: secret.key)))
    }

    /// Checks `text` as of `now` (Unix seconds): the MAC first (constant time), then the expiry.
    public func verify(_ text: String, now: Int64) -> Check {
        guard let parsed = AckToken.parse(text),
              HMAC<SHA256>.isValidAuthenticationCode(parsed.mac, authenticating: parsed.token.message, using: secret.key) else { return .altered }
        return now < parsed.token.expiresAt ? .valid(reminderID: parsed.token.reminderID) : .expired
    }

    /// The path a token is served at: `/ack/<token>`.
    public static func path(token: String) -> String { "/ack/" + token }

    /// The full link for `reminder` under `base` (e.g. `https://xf.example.cn`; a trailing `/` is dropped).
    public func url(base: String, for reminder: Reminder) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + Self.path(token: token(for: reminder))
    }
}

/// 签收 from a mail's link, without logging in: the token names the reminder, the reminder's
/// recipient is the audit actor (`link:<recipient>`), and the store's one ack path records it once.
public struct AckByLink: Sendable {
    public let store: any ReminderAcknowledgements
    public let links: AckLinks

    public init(store: any ReminderAcknowledgements, links: AckLinks) {
        self.store = store
        self.links = links
    }

    public enum Outcome: Sendable {
        /// Acknowledged by this call (its `ackedAt` is now).
        case acknowledged(ReminderState)
        /// Acknowledged before, at `at` (Unix seconds); nothing changed.
        case alreadyAcknowledged(at: Int64, ReminderState)
        /// A genuine token past its 30 days; nothing changed.
        case expired
        /// A token we did not sign (altered or malformed); nothing changed.
        case invalid
        /// A genuine token naming a reminder the store does not have (e.g. another store's).
        case unknownReminder
    }

    /// Acknowledges the reminder `token` names, as of `now` (Unix seconds, for the expiry).
    public func acknowledge(token: String, now: Int64) throws -> Outcome {
        let id: Int64
        switch links.verify(token, now: now) {
        case .altered: return .invalid
        case .expired: return .expired
        case .valid(let reminderID): id = reminderID
        }
        guard let state = try store.reminder(id: id) else { return .unknownReminder }
        if let at = state.ackedAt { return .alreadyAcknowledged(at: at, state) }
        do {
            return .acknowledged(try store.ack(reminderID: id, actor: Self.actor(for: state.reminder)))
        } catch {
            // Acknowledged by someone else between the read and the write: say so, not fail.
            if let again = try store.reminder(id: id), let at = again.ackedAt { return .alreadyAcknowledged(at: at, again) }
            throw error
        }
    }

    /// The audit actor of an acknowledgement by link: `link:<recipient>`.
    public static func actor(for reminder: Reminder) -> String { "link:" + reminder.recipient.name }
}

/// What a Maildir needs to put a 签收 link in each reminder's mail: the public base URL and the links.
public struct MailLinks: Sendable {
    public let base: String
    public let links: AckLinks

    public init(base: String, links: AckLinks) {
        self.base = base
        self.links = links
    }

    /// The link for `reminder`.
    public func url(for reminder: Reminder) -> String { links.url(base: base, for: reminder) }

    /// `url(for:)` as the closure the Maildir notifier takes.
    public var ackLink: @Sendable (Reminder) -> String { { [self] reminder in url(for: reminder) } }
}
