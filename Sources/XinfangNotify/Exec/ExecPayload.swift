import Foundation
import XinfangCore
import XinfangPolicy

/// The JSON an exec command reads on stdin: the message and the reminders it carries, snake_case,
/// with `null` for absent values (never a missing key).
struct ExecPayload: Encodable {
    struct RecipientJSON: Encodable {
        var role: String
        var name: String
        var address: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(role, forKey: .role)
            try c.encode(name, forKey: .name)
            try c.encode(address, forKey: .address)
        }

        enum CodingKeys: String, CodingKey { case role, name, address }
    }

    struct ReminderJSON: Encodable {
        var id: Int64
        var dedupeKey: String
        var caseNumber: String
        var unit: String
        var deadline: String
        var milestone: String
        var due: String
        var fireAt: Int64
        var lateBySeconds: Int64?

        init(_ r: Reminder) {
            (id, dedupeKey, caseNumber, unit) = (r.id, r.dedupeKey, r.caseNumber, r.unit)
            (deadline, milestone, due) = (r.kind, r.milestone, r.due.description)
            (fireAt, lateBySeconds) = (r.fireAt, r.lateBySeconds)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(dedupeKey, forKey: .dedupeKey)
            try c.encode(caseNumber, forKey: .caseNumber)
            try c.encode(unit, forKey: .unit)
            try c.encode(deadline, forKey: .deadline)
            try c.encode(milestone, forKey: .milestone)
            try c.encode(due, forKey: .due)
            try c.encode(fireAt, forKey: .fireAt)
            try c.encode(lateBySeconds, forKey: .lateBySeconds)
        }

        enum CodingKeys: String, CodingKey {
            case id, unit, deadline, milestone, due
            case dedupeKey = "dedupe_key", caseNumber = "case", fireAt = "fire_at", lateBySeconds = "late_by_seconds"
        }
    }

    var dedupeKey: String
    var recipient: RecipientJSON
    var subject: String
    var body: String
    var digest: Bool
    var reminders: [ReminderJSON]

    init(_ m: OutgoingMessage) {
        dedupeKey = m.dedupeKey
        recipient = RecipientJSON(role: m.recipient.role.rawValue, name: m.recipient.name, address: m.recipient.address)
        (subject, body, digest) = (m.subject, m.body, m.isDigest)
        reminders = m.reminders.map(ReminderJSON.init)
    }

    enum CodingKeys: String, CodingKey {
        case recipient, subject, body, digest, reminders
        case dedupeKey = "dedupe_key"
    }

    /// The payload as UTF-8 JSON with sorted keys and a final newline.
    static func json(_ message: OutgoingMessage) throws(DeliveryError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(ExecPayload(message))) + [0x0A]
        } catch {
            throw DeliveryError("exec: cannot encode the message as JSON: \(error)", retryable: false)
        }
    }
}
