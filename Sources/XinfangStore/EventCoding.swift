import Foundation
import XinfangCore

/// How an event's kind is kept in the `events` table: its machine name and a small JSON object
/// with the kind's own values (`to`, `report_due`, `days`, `approver`, `reason`, `rating`).
enum EventCoding {
    private struct Payload: Codable {
        var to: String?
        var report_due: Int?
        var days: Int?
        var approver: String?
        var reason: String?
        var rating: String?
    }

    /// The kind's own values as a compact JSON object (written by hand: this runs once per
    /// imported event), or nil when it has none.
    static func encode(_ kind: CaseEvent.Kind) -> String? {
        var fields: [(String, String)] = []
        switch kind {
        case .forwarded(let to): if let to { fields.append(("to", quote(to))) }
        case .assigned(let to, let due):
            if let to { fields.append(("to", quote(to))) }
            if let due { fields.append(("report_due", String(due.number))) }
        case .extensionGranted(let days, let approver, let reason):
            fields += [("days", String(days)), ("approver", quote(approver)), ("reason", quote(reason))]
        case .evaluated(let rating): fields.append(("rating", quote(rating.rawValue)))
        default: return nil
        }
        guard !fields.isEmpty else { return nil }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func decode(type: String, data: String?) -> CaseEvent.Kind? {
        let p = data.flatMap { try? JSONDecoder().decode(Payload.self, from: Data($0.utf8)) } ?? Payload()
        switch type {
        case "received": return .received
        case "forwarded": return .forwarded(to: p.to)
        case "assigned": return .assigned(to: p.to, reportDue: p.report_due.map(Day.init(number:)))
        case "objected": return .objected
        case "accepted": return .accepted
        case "not_accepted": return .notAccepted
        case "extension": return .extensionGranted(days: p.days ?? 0, approver: p.approver ?? "", reason: p.reason ?? "")
        case "opinion_issued": return .opinionIssued
        case "opinion_received": return .opinionReceived
        case "result_reported": return .resultReported
        case "review_requested": return .reviewRequested
        case "review_answered": return .reviewAnswered
        case "recheck_requested": return .recheckRequested
        case "hearing_started": return .hearingStarted
        case "hearing_ended": return .hearingEnded
        case "recheck_answered": return .recheckAnswered
        case "closed": return .closed
        case "evaluated": return p.rating.flatMap(Rating.init(rawValue:)).map(CaseEvent.Kind.evaluated)
        default: return nil
        }
    }
}
