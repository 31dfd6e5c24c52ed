import Crypto
public import Logging
import XinfangCore
public import XinfangPolicy
public import XinfangStore

/// Delivers queued reminders through one channel: at least once, retried with backoff, late
/// reminders to the same recipient folded into one digest. Each channel has its own outbox on its
/// own thread, so a failing or slow channel never blocks the others or the scheduler.
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

    /// Delivers what is due on this channel now; returns how many messages were handed over.
    @discardableResult
    public func deliverDue() throws -> Int {
        let now = clock.now()
        let pending = try store.pendingDeliveries(now: now, limit: 500).filter { $0.channel == notifier.id }
        var sent = 0
        for (message, attempts) in Outbox.messages(pending) {
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
        return sent
    }

    /// Groups pending deliveries into messages: late reminders to one recipient become one digest.
    static func messages(_ pending: [PendingDelivery]) -> [(OutgoingMessage, attempts: Int)] {
        var out: [(OutgoingMessage, Int)] = []
        var late: [Recipient: [PendingDelivery]] = [:]
        var lateOrder: [Recipient] = []
        for p in pending {
            if p.reminder.lateBySeconds != nil {
                if late[p.reminder.recipient] == nil { lateOrder.append(p.reminder.recipient) }
                late[p.reminder.recipient, default: []].append(p)
            } else {
                out.append((single(p.reminder), p.attempts))
            }
        }
        for recipient in lateOrder {
            let list = late[recipient]!
            if list.count == 1 { out.append((single(list[0].reminder), list[0].attempts)); continue }
            out.append((digest(recipient, list.map(\.reminder)), list.map(\.attempts).max() ?? 0))
        }
        return out
    }

    static func single(_ r: Reminder) -> OutgoingMessage {
        OutgoingMessage(recipient: r.recipient, subject: r.subject, body: r.body, dedupeKey: r.dedupeKey, reminders: [r])
    }

    static func digest(_ recipient: Recipient, _ reminders: [Reminder]) -> OutgoingMessage {
        let keys = reminders.map(\.dedupeKey).sorted().joined(separator: "\n")
        let hash = SHA256.hash(data: Array(keys.utf8)).prefix(12).map { byte in
            let hex = Array("0123456789abcdef")
            return String([hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        }.joined()
        let cases = Set(reminders.map(\.caseNumber)).count
        var body = "【补发提醒汇总】服务中断期间应发出的\(reminders.count)条提醒（涉及\(cases)件信访事项），汇总如下：\n"
        for (i, r) in reminders.sorted(by: { ($0.fireAt, $0.caseNumber) < ($1.fireAt, $1.caseNumber) }).enumerated() {
            body += "\n\(i + 1). \(r.subject)\n   \(r.body.split(separator: "\n").first.map(String.init) ?? "")"
        }
        return OutgoingMessage(
            recipient: recipient, subject: "【补发提醒汇总】\(reminders.count)条期限提醒（\(cases)件）", body: body,
            dedupeKey: "digest:\(hash)", reminders: reminders)
    }
}
