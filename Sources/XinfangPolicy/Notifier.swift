public import XinfangCore

/// Why one delivery attempt failed. The outbox retries with backoff; a failing channel never blocks
/// the others or the scheduler.
public struct DeliveryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    /// False when retrying cannot help (a recipient without an address for this channel).
    public var retryable: Bool

    public init(_ description: String, retryable: Bool = true) {
        self.description = description
        self.retryable = retryable
    }
}

/// A delivery channel for reminders (journal, Maildir, exec, …), registered like policies.
///
/// `deliver` makes one attempt and returns when the message is handed over, or throws. It may block
/// (it runs on the outbox's own thread, never the scheduler's) but must give up within its own
/// timeout. Delivery is at-least-once: the message's dedupe key lets the receiving side drop repeats.
public protocol Notifier: Sendable {
    /// The channel's id as used in configuration (`maildir`, `exec`).
    var id: String { get }
    /// Hands one message over, or throws.
    func deliver(_ message: OutgoingMessage) throws(DeliveryError)
}
