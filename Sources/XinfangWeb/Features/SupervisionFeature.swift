import Foundation
public import Hummingbird
import XinfangApp
import XinfangEngine
import XinfangCore
import XinfangPorts

/// 督办 (`GET /supervision`): the orders in the principal's scope with their ladder steps and
/// breaches, the yellow cards, and — for admin — the proposals for missed deadlines and the forms to
/// issue (`POST /supervision`), record feedback (`POST /supervision/feedback`) and close
/// (`POST /supervision/close`). Writes are admin only (403) and audited as `web:<admin>`; a refused
/// form is shown again with what was typed.
public struct SupervisionFeature: WebFeature {
    let store: any PrincipalPagesStore

    public init(store: any PrincipalPagesStore) { self.store = store }

    public var templates: [String: String] { ["supervision": supervisionTemplate] }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        let store = store
        pages.get("/supervision") { _, context in try Self.render(store: store, context: context, environment: environment) }
        pages.post("/supervision") { _, context -> Response in
            let f = context.form
            let typed = ["id", "caseNumber", "unit", "kind", "issuedBy", "issued", "feedbackDue", "promised"].reduce(into: [String: String]()) {
                $0[$1] = (f[$1] ?? "").trimmingCharacters(in: .whitespaces)
            }
            return try Self.write(store: store, context: context, environment: environment, typed: typed, form: "issue") { supervision, principal, today in
                func day(_ name: String, _ label: String) throws -> Day? {
                    guard let text = typed[name], !text.isEmpty else { return nil }
                    guard let day = Day(text) else { throw WebProblem.badRequest("\(label)“\(text)”不是 YYYY-MM-DD 格式的日期") }
                    return day
                }
                guard let kind = SupervisionKind(rawValue: typed["kind"] ?? "") else { throw WebProblem.badRequest("请选择督办类别") }
                let id = typed["id"] ?? ""
                try supervision.issue(
                    id: id, caseNumber: typed["caseNumber"].flatMap { $0.isEmpty ? nil : $0 }, unit: typed["unit"].flatMap { $0.isEmpty ? nil : $0 },
                    kind: kind, issuedBy: typed["issuedBy"] ?? "", issued: try day("issued", "发出日") ?? today,
                    feedbackDue: try day("feedbackDue", "反馈期限"), promised: try day("promised", "承诺办结日"), principal: principal, source: "web form")
                return "督办单 \(id) 已发出。"
            }
        }
        for (path, form) in [("/supervision/feedback", "feedback"), ("/supervision/close", "close")] {
            pages.post(RouterPath(path)) { _, context -> Response in
                let typed = ["order": (context.form["order"] ?? "").trimmingCharacters(in: .whitespaces),
                             "day": (context.form["day"] ?? "").trimmingCharacters(in: .whitespaces)]
                return try Self.write(store: store, context: context, environment: environment, typed: typed, form: form) { supervision, principal, today in
                    let order = typed["order"] ?? ""
                    guard !order.isEmpty else { throw WebProblem.badRequest("请填写督办单号") }
                    let text = typed["day"] ?? ""
                    guard let day = text.isEmpty ? today : Day(text) else { throw WebProblem.badRequest("日期“\(text)”不是 YYYY-MM-DD 格式的日期") }
                    if form == "close" {
                        try supervision.close(orderID: order, on: day, principal: principal)
                        return "督办单 \(order) 已于 \(day) 办结销号。"
                    }
                    try supervision.feedback(orderID: order, on: day, principal: principal)
                    return "督办单 \(order) 的反馈（\(day)）已记录。"
                }
            }
        }
    }

    static func supervision(store: any PrincipalPagesStore, environment: WebEnvironment) throws -> (Supervision, today: Day) {
        guard let app = environment.app else { throw WebProblem.notFound }
        let settings = app.current.settings
        return (Supervision(store: store, registry: settings.registry, calendar: settings.scheduling.calendar),
                settings.scheduling.time.day(of: environment.now()))
    }

    /// Runs an admin's write; a refusal re-renders the page (422) with the typed values and the reason.
    static func write(store: any PrincipalPagesStore, context: WebContext, environment: WebEnvironment, typed: [String: String], form: String,
                      _ body: (Supervision, Principal, Day) throws -> String) throws -> Response {
        guard let principal = context.principal else { throw WebProblem.unauthorized }
        let (supervision, today) = try Self.supervision(store: store, environment: environment)
        do {
            try supervision.authorizeWrite(principal)
        } catch let refusal as AccessRefusal {
            throw WebProblem.forbidden(refusal.description)
        }
        let message: String
        do {
            message = try body(supervision, principal, today)
        } catch let refusal as WebProblem where refusal.status == .badRequest {
            return try render(store: store, context: context, environment: environment, typed: typed, form: form, refusal: refusal.detail)
        } catch let refusal as Supervision.Refusal {
            return try render(store: store, context: context, environment: environment, typed: typed, form: form, refusal: refusal.description)
        } catch let refusal as StoreError {
            return try render(store: store, context: context, environment: environment, typed: typed, form: form, refusal: refusal.description)
        }
        environment.logger.notice("supervision: \(form) by \(principal.actor)")
        return try render(store: store, context: context, environment: environment, notice: message)
    }

    static func render(store: any PrincipalPagesStore, context: WebContext, environment: WebEnvironment, typed: [String: String] = [:],
                       form: String? = nil, refusal: String? = nil, notice: String? = nil) throws -> Response {
        guard let principal = context.principal else { throw WebProblem.unauthorized }
        let (supervision, today) = try Self.supervision(store: store, environment: environment)
        let rows = try supervision.rows(asOf: today, principal: principal)
        let visibleUnits: Set<String>? = switch principal.role {
        case .admin, .viewer: nil
        case .clerk, .api: Set(principal.units)
        case .leader: []
        }
        let cards = try supervision.yellowCards(asOf: today).filter { visibleUnits?.contains($0.unit) ?? true }
        var data: [String: Any] = [
            "today": today.description,
            "orders": rows.map { r -> [String: Any] in
                ["id": r.id, "kind": r.kind, "unit": r.unit, "caseNumber": r.caseNumber ?? "", "issuedBy": r.issuedBy, "issued": r.issued,
                 "feedbackDue": r.feedbackDue ?? "—", "feedbackReceived": r.feedbackReceived ?? "未反馈", "promised": r.promised ?? "—",
                 "closed": r.closed ?? "未办结", "steps": r.steps, "breaches": r.breaches, "hasBreaches": !r.breaches.isEmpty]
            },
            "hasOrders": !rows.isEmpty,
            "cards": cards.map { ["unit": $0.unit, "since": $0.since ?? "", "breaches": $0.breaches] as [String: Any] },
            "hasCards": !cards.isEmpty,
            "isAdmin": principal.isAdmin,
            "kinds": SupervisionKind.allCases.map { ["value": $0.rawValue, "selected": typed["kind"] == $0.rawValue] as [String: Any] },
        ]
        for (key, value) in typed { data["typed_" + key] = value }
        if let form { data["form_" + form] = true }
        if let refusal { data["refusal"] = refusal }
        if let notice { data["notice"] = notice }
        if principal.isAdmin {
            let proposals = try supervision.proposals(asOf: today)
            data["proposals"] = proposals.map {
                ["caseNumber": $0.caseNumber, "unit": $0.unit, "deadline": $0.deadline, "due": $0.due, "article": $0.article] as [String: Any]
            }
            data["hasProposals"] = !proposals.isEmpty
        }
        var response = environment.pages.render("supervision", title: "督办", context: context, data: data)
        if refusal != nil { response.status = .unprocessableContent }
        return response
    }
}
