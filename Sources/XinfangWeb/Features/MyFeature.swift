import Foundation
public import Hummingbird
import XinfangApp
import XinfangEngine
import XinfangCore
import XinfangPolicy
import XinfangPorts

/// 我的 (`GET /me`): the principal's own cases, the reminders to acknowledge (签收, one button form
/// each: `POST /reminders/{id}/ack`), the next reception days with their briefings, deputies and
/// absences.
public struct MyFeature: WebFeature {
    let store: any PrincipalPagesStore

    public init(store: any PrincipalPagesStore) { self.store = store }

    public var templates: [String: String] { ["me": myTemplate] }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        let store = store
        pages.get("/me") { request, context -> Response in
            let query = request.uri.queryParameters
            let notice = (query["acked"] ?? query["already"]).map { (id: String($0), before: query["already"] != nil) }
            return try Self.render(store: store, context: context, environment: environment, notice: notice)
        }
        pages.post("/reminders/:id/ack") { _, context -> Response in
            guard let principal = context.principal else { throw WebProblem.unauthorized }
            guard let id = Int64(try context.parameters.require("id")) else { throw WebProblem.notFound }
            switch try Acknowledge.reminder(id: id, principal: principal, store: store) {
            case .acknowledged:
                environment.logger.notice("ack: reminder \(id) by \(principal.actor)")
                return Response.redirect(to: "/me?acked=\(id)", type: .normal)
            case .alreadyAcknowledged:
                return Response.redirect(to: "/me?already=\(id)", type: .normal)
            case .notAllowed:
                throw WebProblem.forbidden("您不是此提醒的接收人（或其代理人），不能签收。")
            case .notFound:
                throw WebProblem.notFound
            }
        }
    }

    static func render(store: any PrincipalPagesStore, context: WebContext, environment: WebEnvironment, notice: (id: String, before: Bool)?) throws -> Response {
        guard let principal = context.principal else { throw WebProblem.unauthorized }
        guard let app = environment.app else { throw WebProblem.notFound }
        let settings = app.current.settings
        let time = settings.scheduling.time
        let today = time.day(of: environment.now())
        let pages = MyPages(store: store, registry: settings.registry, calendar: settings.scheduling.calendar,
                            reception: settings.leaders.reception as? StandardReceptionPolicy ?? StandardReceptionPolicy(), time: time)
        let page = try pages.page(principal: principal, today: today)
        var data: [String: Any] = [
            "today": today.description,
            "cases": page.cases.items.map { item -> [String: Any] in
                var row: [String: Any] = ["number": item.caseNumber, "unit": item.unit, "light": item.light.rawValue, "lightName": item.lightName]
                if let title = item.title { row["title"] = title }
                if let d = item.deadline { row["due"] = d.due; row["deadline"] = d.name }
                return row
            },
            "reminders": page.pendingReminders.map { r -> [String: Any] in
                ["id": r.id, "caseNumber": r.caseNumber, "kind": PageText.reminderKind(r.kind), "milestone": PageText.milestone(r.milestone, kind: r.kind), "due": r.due, "recipient": r.recipient,
                 "subject": r.subject, "createdAt": r.createdAt]
            },
            "receptionDays": page.receptionDays.map { d -> [String: Any] in
                var row: [String: Any] = ["day": d.day, "weekday": d.weekday, "place": d.place, "openCount": d.placeOpenCount,
                                          "provisional": d.provisional,
                                          "cases": d.placeCases.map { ["number": $0.number, "due": $0.nextDue?.description ?? "—"] }]
                if let why = d.why { row["why"] = why }
                return row
            },
            "deputies": page.deputies.map { d -> [String: Any] in
                ["deputy": d.deputy, "absence": d.absence, "from": d.from ?? "", "until": d.until ?? ""]
            },
            "isLeader": principal.role == .leader,
        ]
        data["hasCases"] = !page.cases.items.isEmpty
        data["hasReminders"] = !page.pendingReminders.isEmpty
        data["hasReceptionDays"] = !page.receptionDays.isEmpty
        data["hasDeputies"] = !page.deputies.isEmpty
        if let notice, let id = Int64(notice.id), let state = try store.reminder(id: id),
           principal.canAcknowledge(recipient: state.reminder.recipient.name), let at = state.ackedAt {
            let what = "提醒 \(id)（\(state.reminder.caseNumber) \(PageText.milestone(state.reminder.milestone, kind: state.reminder.kind))）"
            data["notice"] = notice.before ? "\(what)此前已于 \(time.format(at)) 签收，无需再次签收。" : "\(what)已签收（\(time.format(at))）。"
        }
        return environment.pages.render("me", title: "我的", context: context, data: data)
    }
}
