public import Foundation
public import XinfangCore
public import XinfangPolicy

/// Delivers reminders as mail into a local Maildir (id `maildir`), for any mail reader or an MDA
/// that forwards it. One RFC 5322 message per `OutgoingMessage`, in Simplified Chinese as written.
///
/// The Message-ID and the `X-Xinfang-Dedupe-Key` header come from the message's dedupe key, so a
/// repeated delivery (at-least-once) is recognisable as the same message.
public struct MaildirNotifier: Notifier {
    /// `maildir`.
    public var id: String { "maildir" }
    /// The Maildir's folder; it and its `tmp/`, `new/`, `cur/` are created (mode 0700) if missing.
    public let root: String
    /// The `From:` address, e.g. `xinfangd@localhost`.
    public let from: String
    /// The zone the `Date:` header is written in.
    public let timeZone: TimeZone
    private let host: String

    /// A notifier writing into the Maildir at `root`.
    public init(root: String, from: String = "xinfangd@localhost", timeZone: TimeZone = .current) {
        self.root = root
        self.from = from
        self.timeZone = timeZone
        self.host = Maildir.hostName()
    }

    /// Writes the message into `new/` durably (file and folder fsynced) or throws. A recipient without
    /// a valid mail address is a non-retryable error; file-system failures are retryable.
    public func deliver(_ message: OutgoingMessage) throws(DeliveryError) {
        _ = try write(message)
    }

    /// As `deliver`, and returns the path of the file in `new/`.
    public func write(_ message: OutgoingMessage) throws(DeliveryError) -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let seconds = Int64(now.tv_sec)
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let bytes = try MailMessage.render(message, from: from, date: MailDate.format(unixSeconds: seconds, utcOffset: offset))
        let name = Maildir.messageName(fireAt: message.reminders.map(\.fireAt).min() ?? seconds, dedupeKey: message.dedupeKey, host: host)
        return try Maildir(root: root).deliver(bytes, uniqueName: name)
    }
}
