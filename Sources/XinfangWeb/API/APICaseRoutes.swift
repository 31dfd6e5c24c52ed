import Foundation
import HTTPTypes
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangPorts

/// `GET /cases` (the dashboard's list in the principal's scope, urgent first, a page at a time),
/// `GET /cases/{number}` (案件详情 without personal data) and `POST /cases/{number}/events` (an
/// event, once per `Idempotency-Key`).
struct APICaseRoutes {
    let api: APIContext

    func add(to group: RouterGroup<WebContext>) {
        let api = api
        group.get("/cases") { request, context in try api.cases(request, context) }
        group.get("/cases/{number}") { _, context in try api.casePage(context) }
        group.post("/cases/{number}/events") { request, context in try await api.recordEvent(request, context) }
    }
}

extension APIContext {
    /// The dashboard's list: `?unit=&leader=&category=&light=&within=&limit=&cursor=`.
    func cases(_ request: Request, _ context: WebContext) throws -> Response {
        let principal = try Self.principal(context)
        let query = try APIQuery(request, known: ["unit", "leader", "category", "light", "within", "limit", "cursor"])
        let filters = Dashboard.Filters(
            unit: query.text("unit"), leader: query.text("leader"), category: try query.choice("category", PetitionCategory.self),
            light: try query.choice("light", Light.self), dueWithinWorkingDays: try query.text("within").map { _ in try query.int("within", default: 0, in: 0...366) })
        let runtime = try runtime
        let dashboard = try Self.refusing {
            try Dashboard(principal: principal, filters: filters, store: store, registry: runtime.settings.registry,
                          calendar: runtime.settings.scheduling.calendar, today: try today(), limit: try query.int("limit", default: 50, in: 1...500),
                          cursor: query.text("cursor"))
        }
        return try Self.json(CasesPage(items: dashboard.items, nextCursor: dashboard.nextCursor, counts: dashboard.counts, asOf: dashboard.asOf))
    }

    /// The case's page (`CasePages`): facts, timeline, deadlines explained, reminders, supervision.
    func casePage(_ context: WebContext) throws -> Response {
        let principal = try Self.principal(context)
        let number = try context.parameters.require("number")
        let runtime = try runtime
        let pages = CasePages(
            reader: reader(runtime), scopes: store,
            supervision: Supervision(store: store, registry: runtime.settings.registry, calendar: runtime.settings.scheduling.calendar), time: try time)
        return try Self.json(try Self.refusing { try pages.page(caseNumber: number, principal: principal, asOf: try today()) })
    }

    /// Records the body's event once per `Idempotency-Key` (`IdempotentRecorder`): 201 with the
    /// event, 422 with the rule and article it breaks; a replay answers the first response.
    func recordEvent(_ request: Request, _ context: WebContext) async throws -> Response {
        let principal = try Self.principal(context)
        let number = try context.parameters.require("number")
        guard let key = request.headers[.idempotencyKey] else {
            throw WebProblem.badRequest("缺少 Idempotency-Key 请求头：每次记录事件须带一个唯一的键，重试时沿用同一键")
        }
        var request = request
        let body = Array(buffer: try await request.collectBody(upTo: context.maxUploadSize))
        let input = try EventBody(json: body)
        let runtime = try runtime
        let recorder = IdempotentRecorder(
            recorder: PrincipalRecorder(store: store, registry: runtime.settings.registry, calendar: runtime.settings.scheduling.calendar),
            store: store)
        let outcome: IdempotentRecorder.Outcome
        do {
            outcome = try Self.refusing {
                try recorder.appendEvent(caseNumber: number, event: input.event, note: input.note, principal: principal, key: key,
                                         requestBody: body, now: now())
            }
        } catch let refusal as IdempotentRecorder.KeyRefusal {
            switch refusal {
            case .invalidKey: throw WebProblem.badRequest(refusal.description)
            case .reused: throw WebProblem(status: .unprocessableContent, slug: "idempotency-key-reused", title: "Idempotency-Key 已被使用",
                                           detail: refusal.description)
            }
        }
        if case .recorded(let response) = outcome, response.status == 201 {
            // The scheduler computes the case's deadlines now rather than at its next wake-up.
            Nudge.send(socket: StoreLocation.socketPath(store: runtime.config.storePath))
        }
        let stored = outcome.response
        var headers: HTTPFields = [.contentType: stored.status == 201 ? "application/json; charset=utf-8" : "application/problem+json; charset=utf-8"]
        if case .replayed = outcome { headers[.idempotentReplayed] = "true" }
        return Response(status: .init(code: stored.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: stored.body)))
    }
}

/// `GET /cases`: a page of the dashboard's list, with the scope's counts.
struct CasesPage: Encodable {
    var items: [Dashboard.Item]
    var nextCursor: String?
    var counts: DashboardCounts
    var asOf: String

    enum CodingKeys: String, CodingKey {
        case items, counts, asOf
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
        try container.encode(counts, forKey: .counts)
        try container.encode(asOf, forKey: .asOf)
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
