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
    /// The 签收 link of a reminder (`<public_url>/ack/<token>`), when links are configured: each
    /// mail then carries one `签收：` line per reminder it holds.
    public let ackLink: (@Sendable (Reminder) -> String)?
    private let host: String

    /// A notifier writing into the Maildir at `root`.
    public init(root: String, from: String = "xinfangd@localhost", timeZone: TimeZone = .current,
                ackLink: (@Sendable (Reminder) -> String)? = nil) {
        self.root = root
        self.from = from
        self.timeZone = timeZone
        self.ackLink = ackLink
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
        var message = message
        if let ackLink, !message.reminders.isEmpty { message.body += Self.ackLines(message.reminders, link: ackLink) }
        let bytes = try MailMessage.render(message, from: from, date: MailDate.format(unixSeconds: seconds, utcOffset: offset))
        let name = Maildir.messageName(fireAt: message.reminders.map(\.fireAt).min() ?? seconds, dedupeKey: message.dedupeKey, host: host)
        return try Maildir(root: root).deliver(bytes, uniqueName: name)
    }

    /// The 签收 lines appended to a mail's body: `签收：<link>` for a single reminder; for a digest, each
    /// reminder's subject (case numbers only) followed by its link; then one line in English.
    static func ackLines(_ reminders: [Reminder], link: (Reminder) -> String) -> String {
        var text = "\n\n"
        if reminders.count == 1 {
            text += "签收：\(link(reminders[0]))\n"
            text += "Acknowledge (签收) this reminder by opening the link above; it is valid for 30 days.\n"
        } else {
            for r in reminders { text += "\(r.subject)\n签收：\(link(r))\n" }
            text += "Acknowledge (签收) each reminder by opening its link above; each is valid for 30 days.\n"
        }
        return text
    }
}
