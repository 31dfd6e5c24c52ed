import Crypto
import Foundation
public import XinfangCore
public import XinfangPorts

/// Records an event once per `Idempotency-Key` (`POST /api/v1/cases/{n}/events`): the response is
/// stored with the event in one transaction, so a replay with the same key and body answers the
/// first response (the same status and body) and records nothing, even after a crash between the
/// two; the same key with another body is refused. A refusal by the rules is a response like any
/// other: its replay answers the same refusal.
public struct IdempotentRecorder {
    public let recorder: PrincipalRecorder
    public let store: any IdempotentEventStore

    public init(recorder: PrincipalRecorder, store: any IdempotentEventStore) {
        self.recorder = recorder
        self.store = store
    }

    /// What a request got.
    public enum Outcome: Equatable, Sendable {
        /// This request ran; its response is stored under the key.
        case recorded(StoredResponse)
        /// A replay: the key's first response, nothing recorded.
        case replayed(StoredResponse)

        public var response: StoredResponse {
            switch self {
            case .recorded(let r), .replayed(let r): r
            }
        }
    }

    /// Why the key refused the request (HTTP 422; nothing recorded).
    public enum KeyRefusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// Empty, longer than 255 characters, or not printable ASCII.
        case invalidKey
        /// The key was used before with another request body.
        case reused(String)

        public var description: String {
            switch self {
            case .invalidKey: "Idempotency-Key 无效：须为1至255个可打印ASCII字符"
            case .reused(let key): "Idempotency-Key \(key) 已用于内容不同的另一请求：本请求未执行（重试须发送相同的请求体）"
            }
        }
    }

    /// Records `event` as `principal` unless the key (per principal) has a response already.
    /// `requestBody` is the request's body as received (its SHA-256 tells a replay from a reuse);
    /// `now` dates the key (purged 24 hours later); `respond` makes the stored response of the
    /// outcome (default: `Self.response`). Throws `AccessRefusal` (not stored under the key),
    /// `KeyRefusal`, or a store error (nothing written).
    public func appendEvent(
        caseNumber: String, event: CaseEvent, note: String?, principal: Principal, key: String, requestBody: [UInt8], now: Int64,
        respond: (String, CaseEvent, AppendOutcome) throws -> StoredResponse = IdempotentRecorder.response
    ) throws -> Outcome {
        guard Self.isValid(key: key) else { throw KeyRefusal.invalidKey }
        try recorder.authorizeEvents(caseNumber: caseNumber, principal: principal)
        let stored = IdempotencyKey(actor: principal.actor, key: key, bodySHA256: Self.sha256(requestBody))
        let write = try store.appendEvent(
            caseNumber: caseNumber, event: event, note: note, actor: principal.actor, key: stored, now: now,
            check: { timeline, event in try recorder.recorder(for: principal).check(timeline, event) },
            respond: { outcome in try respond(caseNumber, event, outcome) })
        switch write {
        case .written(let response): return .recorded(response)
        case .replayed(let response): return .replayed(response)
        case .keyReused: throw KeyRefusal.reused(key)
        }
    }

    static func isValid(key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= 255 && key.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }

    /// The SHA-256 of a request body, in hex.
    public static func sha256(_ body: [UInt8]) -> String {
        Hex.lowercase(SHA256.hash(data: body))
    }

    /// The recorded event (201): `{"case", "seq", "type", "day", "lateByDays"}`.
    public struct Recorded: Codable, Equatable, Sendable {
        public var `case`: String
        public var seq: Int
        public var type: String
        public var day: String
        public var lateByDays: Int?
    }

    /// A refusal by the rules (422), as `application/problem+json`: the rule and its article.
    public struct Problem: Codable, Equatable, Sendable {
        public var type: String
        public var title: String
        public var status: Int
        public var detail: String
        public var rule: String
        public var article: String?
    }

    /// The default response: 201 with `Recorded`, or 422 with `Problem` naming the rule broken.
    public static func response(caseNumber: String, event: CaseEvent, outcome: AppendOutcome) throws -> StoredResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch outcome {
        case .recorded(let seq, let acceptance):
            let body = Recorded(case: caseNumber, seq: seq, type: event.kind.name, day: event.on.description, lateByDays: acceptance.lateByDays)
            return StoredResponse(status: 201, body: String(decoding: try encoder.encode(body), as: UTF8.self))
        case .refused(let refusal):
            let article = refusal.rule.contains("第") && refusal.rule.contains("条") ? refusal.rule : nil
            let body = Problem(type: "urn:xinfang:problem:event-refused", title: "事件不符合规定，未记录", status: 422,
                               detail: refusal.description, rule: refusal.rule, article: article)
            return StoredResponse(status: 422, body: String(decoding: try encoder.encode(body), as: UTF8.self))
        }
    }
}
