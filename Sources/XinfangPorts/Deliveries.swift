public import XinfangCore

/// The late reminders to one recipient on one channel, as the outbox is about to fold them.
public struct LateGroup: Sendable {
    public var channel: String
    public var recipient: Recipient
    public var count: Int
    /// Distinct cases among them.
    public var cases: Int
    /// The lowest and highest reminder id in the group (with `count`, they name the group for good).
    public var firstID: Int64
    public var lastID: Int64
    /// The earliest reminders, by time and case (at most the fold's `listLimit`), for the text.
    public var listed: [Reminder]

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(channel: String, recipient: Recipient, count: Int, cases: Int, firstID: Int64, lastID: Int64, listed: [Reminder]) {
        self.channel = channel
        self.recipient = recipient
        self.count = count
        self.cases = cases
        self.firstID = firstID
        self.lastID = lastID
        self.listed = listed
    }
}

/// A folded message waiting for an attempt: its stored text and every reminder bound to it.
public struct PendingDigest: Sendable {
    public var id: Int64
    public var message: OutgoingMessage
    public var attempts: Int

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(id: Int64, message: OutgoingMessage, attempts: Int) {
        self.id = id
        self.message = message
        self.attempts = attempts
    }
}
