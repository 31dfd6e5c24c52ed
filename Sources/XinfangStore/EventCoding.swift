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

    /// The kind stored as `type` with `data`; nil for a type not in the vocabulary or an
    /// evaluation without its rating.
    static func decode(type: String, data: String?) -> CaseEvent.Kind? {
        guard let type = EventType(key: type) else { return nil }
        let p = data.flatMap { try? JSONDecoder().decode(Payload.self, from: Data($0.utf8)) } ?? Payload()
        return try? CaseEvent.Kind(type, values: StoredValues(payload: p))
    }

    /// A stored event's values; missing ones of an extension read as 0 and empty texts.
    private struct StoredValues: EventValueSource {
        struct NoRating: Error {}
        var payload: Payload

        func optionalText(_ key: EventValueKey) throws(NoRating) -> String? { text(key) }
        func requiredText(_ key: EventValueKey) throws(NoRating) -> String { text(key) ?? "" }
        func optionalDay(_ key: EventValueKey) throws(NoRating) -> Day? { payload.report_due.map(Day.init(number:)) }
        func requiredInt(_ key: EventValueKey) throws(NoRating) -> Int { payload.days ?? 0 }
        func rating(_ key: EventValueKey) throws(NoRating) -> Rating {
            guard let rating = payload.rating.flatMap(Rating.init(rawValue:)) else { throw NoRating() }
            return rating
        }

        private func text(_ key: EventValueKey) -> String? {
            switch key {
            case .approver: payload.approver
            case .reason: payload.reason
            default: payload.to
            }
        }
    }
}
