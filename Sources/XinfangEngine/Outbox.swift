import Crypto
public import Logging
import XinfangCore
public import XinfangPolicy
public import XinfangPorts

/// Delivers queued reminders through one channel: at least once, retried with backoff, late
/// reminders to the same recipient folded into one digest, stored with the reminders it carries
/// before it is first attempted. Each channel has its own outbox on its own thread, so a failing or
/// slow channel never blocks the others or the scheduler.
public struct Outbox: Sendable {
    public let notifier: any Notifier
    let store: any EngineStore
    let clock: any EngineClock
    let logger: Logger
    /// Attempts before a delivery is given up (state `failed`).
    public var maxAttempts = 12

    public init(notifier: any Notifier, store: any EngineStore, clock: any EngineClock, logger: Logger) {
        self.notifier = notifier
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// Seconds to wait after the n-th failed attempt (n from 1): 30 s, 2 min, 10 min, 1 h, then 6 h.
    public static func backoff(afterAttempt n: Int) -> Int64 {
        let steps: [Int64] = [30, 120, 600, 3600]
        return n >= 1 && n <= steps.count ? steps[n - 1] : 21_600
    }

    /// How long late reminders wait for a catch-up in progress to finish before they are folded
    /// anyway (seconds after the oldest was queued).
    public var holdLateUpTo: Int64 = 600
    /// How many reminders a digest's body lists one by one; the rest are counted.
    public static let digestListLimit = 2000

    /// Delivers what is due on this channel now; returns how many messages were handed over.
    @discardableResult
    public func deliverDue() throws -> Int { try deliver().sent }

    /// Delivers what is due on this channel now; returns when to try next (Unix seconds), if ever.
    /// While a catch-up is folding late reminders, that is a second later.
    public func deliverDueAndNext() throws -> Int64? {
        let (_, held) = try deliver()
        let next = try store.nextDeliveryAt(channel: notifier.id)
        return held ? min(next ?? .max, clock.now() + 1) : next
    }

    /// First binds late reminders to their digests (durably, before any attempt), then attempts the
    /// digests due and the on-time reminders due.
    private func deliver() throws -> (sent: Int, held: Bool) {
        let now = clock.now()
        let (_, held) = try store.foldLateDeliveries(channel: notifier.id, now: now, holdUpTo: holdLateUpTo, listLimit: Outbox.digestListLimit) {
            Outbox.render($0)
        }
        var messages = try store.pendingDigests(channel: notifier.id, now: now, limit: 100).map { ($0.message, $0.attempts) }
        messages += try store.pendingDeliveries(channel: notifier.id, now: now, limit: 500).map { (Outbox.single($0.reminder), $0.attempts) }
        var sent = 0
        for (message, attempts) in messages {
            let ids = message.reminders.map(\.id)
            let failure: DeliveryError?
            do throws(DeliveryError) { try notifier.deliver(message); failure = nil } catch { failure = error }
            if failure == nil {
                try store.recordDelivery(reminderIDs: ids, channel: notifier.id, at: clock.now(), error: nil, retryAt: nil)
                sent += 1
            } else if let error = failure {
                let attempt = attempts + 1
                let giveUp = !error.retryable || attempt >= maxAttempts
                let retryAt = giveUp ? nil : clock.now() + Outbox.backoff(afterAttempt: attempt)
                try store.recordDelivery(reminderIDs: ids, channel: notifier.id, at: clock.now(), error: error.description, retryAt: retryAt)
                let fields: [String: String?] = [
                    "XINFANG_CHANNEL": notifier.id, "XINFANG_CASE": message.reminders.first?.caseNumber,
                    "XINFANG_RECIPIENT": message.recipient.name, "XINFANG_DEDUPE_KEY": message.dedupeKey,
                ]
                if giveUp {
                    logger.error("delivery via \(notifier.id) given up after \(attempt) attempt(s): \(error.description)",
                                 metadata: .xinfang(.deliveryGaveUp, fields))
                } else {
                    logger.warning("delivery via \(notifier.id) failed (attempt \(attempt)), retry in \(Outbox.backoff(afterAttempt: attempt)) s: \(error.description)",
                                   metadata: .xinfang(.deliveryFailed, fields))
                }
            }
        }
        return (sent, held)
    }

    /// The stored text of a fold: a lone late reminder goes out as itself, several as one digest
    /// whose key names the group (channel, recipient, id range, count) for good.
    static func render(_ group: LateGroup) -> (dedupeKey: String, subject: String, body: String) {
        if group.count == 1, let only = group.listed.first { return (only.dedupeKey, only.subject, only.body) }
        let name = [group.channel, group.recipient.role.rawValue, group.recipient.name, String(group.firstID), String(group.lastID), String(group.count)]
            .joined(separator: "\n")
        let hash = SHA256.hash(data: Array(name.utf8)).prefix(12).map { byte in
            let hex = Array("0123456789abcdef")
            return String([hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        }.joined()
        var body = "【补发提醒汇总】服务中断期间应发出的\(group.count)条提醒（涉及\(group.cases)件信访事项），汇总如下：\n"
        for (i, r) in group.listed.enumerated() {
            body += "\n\(i + 1). \(r.subject)\n   \(r.body.split(separator: "\n").first.map(String.init) ?? "")"
        }
        if group.count > group.listed.count {
            body += "\n\n另有\(group.count - group.listed.count)条未逐条列出，可用 xinfangctl reminders 查看。"
        }
        return ("digest:\(hash)", "【补发提醒汇总】\(group.count)条期限提醒（\(group.cases)件）", body)
    }

    static func single(_ r: Reminder) -> OutgoingMessage {
        OutgoingMessage(recipient: r.recipient, subject: r.subject, body: r.body, dedupeKey: r.dedupeKey, reminders: [r])
    }
}
