import Foundation
import XinfangCore

/// The body of `POST /api/v1/cases/{number}/events`: a JSON object with `type` (the key, e.g.
/// `accepted`, or a Chinese name), `day` (YYYY-MM-DD), the type's own fields (`to`, `report_due`,
/// `days`, `approver`, `reason`, `rating`) and an optional `note`. Anything else — bad JSON, an
/// unknown field, a value of the wrong type, a malformed day — is a 400 naming the field.
struct EventBody {
    let event: CaseEvent
    let note: String?

    init(json bytes: [UInt8]) throws {
        let object: [String: JSONValue]
        do {
            object = try JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
        } catch {
            throw WebProblem.badRequest("请求体须为 JSON 对象（如 {\"type\":\"accepted\",\"day\":\"2026-03-02\"}），无法读取：\(Self.reason(error))")
        }
        let fields = Fields(object: object)
        let typed = try fields.requiredText("type")
        guard let type = EventType(typed: typed) else {
            throw Fields.problem("type", "未知的事件类型“\(typed)”；可用：\(EventType.allCases.filter { $0 != .received }.map(\.key).joined(separator: ", "))")
        }
        let day = try fields.requiredDay("day")
        let allowed = Set(["type", "day", "note"] + type.valueKeys.map(\.rawValue))
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Fields.problem(unknown, "事件类型 \(type.key) 没有此字段（可用：\(allowed.sorted().joined(separator: ", "))）")
        }
        event = CaseEvent(try CaseEvent.Kind(type, values: fields), on: day)
        note = try fields.optionalText("note")
    }

    /// Where JSONDecoder stopped, without Swift's type names.
    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        case DecodingError.typeMismatch: "顶层须为对象"
        default: "格式错误"
        }
    }

    /// The object's fields as an event's values (`EventValueSource`), each checked for its type.
    struct Fields: EventValueSource {
        let object: [String: JSONValue]

        static func problem(_ field: String, _ reason: String) -> WebProblem {
            .badRequest("字段 \(field)：\(reason)；未作任何更改")
        }

        func optionalText(_ name: String) throws(WebProblem) -> String? {
            switch object[name] {
            case nil, .null?: return nil
            case .string(let text)?: return text.isEmpty ? nil : text
            case let other?: throw Self.problem(name, "须为字符串（收到\(other.typeName)）")
            }
        }

        func requiredText(_ name: String) throws(WebProblem) -> String {
            guard let text = try optionalText(name), !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw Self.problem(name, "必填") }
            return text
        }

        func optionalDay(_ name: String) throws(WebProblem) -> Day? {
            guard let text = try optionalText(name) else { return nil }
            guard let day = Day(text) else { throw Self.problem(name, "须为日期 YYYY-MM-DD（收到“\(text)”）") }
            return day
        }

        func requiredDay(_ name: String) throws(WebProblem) -> Day {
            guard let day = try optionalDay(name) else { throw Self.problem(name, "必填，日期 YYYY-MM-DD") }
            return day
        }

        func optionalText(_ key: EventValueKey) throws(WebProblem) -> String? { try optionalText(key.rawValue) }
        func requiredText(_ key: EventValueKey) throws(WebProblem) -> String { try requiredText(key.rawValue) }
        func optionalDay(_ key: EventValueKey) throws(WebProblem) -> Day? { try optionalDay(key.rawValue) }

        func requiredInt(_ key: EventValueKey) throws(WebProblem) -> Int {
            switch object[key.rawValue] {
            case .int(let value)?: return value
            case nil, .null?: throw Self.problem(key.rawValue, "必填，整数")
            case let other?: throw Self.problem(key.rawValue, "须为整数（收到\(other.typeName)）")
            }
        }

        func rating(_ key: EventValueKey) throws(WebProblem) -> Rating {
            let text = try requiredText(key)
            guard let rating = Rating(rawValue: text) ?? Rating.allCases.first(where: { "\($0)" == text }) else {
                throw Self.problem(key.rawValue, "须为 \(Rating.allCases.map(\.rawValue).joined(separator: " | ")) 之一（收到“\(text)”）")
            }
            return rating
        }
    }
}

/// A JSON value as received, to check each field's type with a message of our own.
enum JSONValue: Decodable {
    case null, bool(Bool), int(Int), number(Double), string(String), array, object

    init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if single.decodeNil() { self = .null; return }
            if let b = try? single.decode(Bool.self) { self = .bool(b); return }
            if let i = try? single.decode(Int.self) { self = .int(i); return }
            if let d = try? single.decode(Double.self) { self = .number(d); return }
            if let s = try? single.decode(String.self) { self = .string(s); return }
        }
        if (try? decoder.unkeyedContainer()) != nil { self = .array; return }
        self = .object
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "布尔值"
        case .int, .number: "数字"
        case .string: "字符串"
        case .array: "数组"
        case .object: "对象"
        }
    }
}
