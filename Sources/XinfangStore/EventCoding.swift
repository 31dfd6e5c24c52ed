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

    static func encode(_ kind: CaseEvent.Kind) -> String? {
        var p = Payload()
        switch kind {
        case .forwarded(let to): p.to = to
        case .assigned(let to, let due): p.to = to; p.report_due = due?.number
        case .extensionGranted(let days, let approver, let reason): p.days = days; p.approver = approver; p.reason = reason
        case .evaluated(let rating): p.rating = rating.rawValue
        default: return nil
        }
        guard let data = try? JSONEncoder().encode(p) else { return nil }
        return String(decoding: data, as: UTF8.self)
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
