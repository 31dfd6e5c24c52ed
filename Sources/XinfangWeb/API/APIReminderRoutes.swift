import Foundation
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangPorts

/// `GET /reminders?unacked=true&limit=&cursor=`: the reminders to the principal (its units, or the
/// leader) not yet acknowledged, newest first; `POST /reminders/{id}/ack`: 签收 (`Acknowledge`).
struct APIReminderRoutes {
    let api: APIContext

    /// The most reminders one listing walks (pages are cut from them).
    static let walked = 10_000

    func add(to group: RouterGroup<WebContext>) {
        let api = api
        group.get("/reminders") { request, context in try api.reminders(request, context) }
        group.post("/reminders/{id}/ack") { _, context in try api.acknowledge(context) }
    }
}

/// The answer to a 签收: `acknowledged` now, or `already-acknowledged` at `ackedAt` before.
struct AckAnswer: Encodable {
    var state: String
    var message: String
    var reminder: CaseView.ReminderRow
}

extension APIContext {
    func reminders(_ request: Request, _ context: WebContext) throws -> Response {
        let principal = try Self.principal(context)
        let query = try APIQuery(request, known: ["unacked", "limit", "cursor"])
        guard try query.bool("unacked", default: true) else {
            throw WebProblem.badRequest("参数 unacked 目前仅支持 true（未签收的提醒）")
        }
        let limit = try query.int("limit", default: 100, in: 1...500)
        let before = try query.text("cursor").map { cursor -> Int64 in
            guard let id = Int64(try APICursor.decode(cursor)) else { throw APICursor.invalid }
            return id
        }
        let time = try time
        let rows = try store.unackedReminders(recipients: MyPages.recipients(of: principal), limit: APIReminderRoutes.walked)
            .filter { state in principal.canAcknowledge(recipient: state.reminder.recipient.name) && (before.map { state.reminder.id < $0 } ?? true) }
        let page = rows.prefix(limit).map { CaseView.ReminderRow($0, time: time) }
        let next = rows.count > limit ? page.last.map { APICursor.encode(String($0.id)) } : nil
        return try Self.json(APIPage(items: Array(page), nextCursor: next))
    }

    func acknowledge(_ context: WebContext) throws -> Response {
        let principal = try Self.principal(context)
        let text = try context.parameters.require("id")
        guard let id = Int64(text) else { throw WebProblem.notFound }
        let time = try time
        switch try Acknowledge.reminder(id: id, principal: principal, store: store) {
        case .acknowledged(let state):
            let row = CaseView.ReminderRow(state, time: time)
            return try Self.json(AckAnswer(state: "acknowledged", message: "已签收", reminder: row))
        case .alreadyAcknowledged(let at, let state):
            return try Self.json(AckAnswer(state: "already-acknowledged", message: "已于\(time.format(at))签收，无需重复签收",
                                           reminder: CaseView.ReminderRow(state, time: time)))
        case .notAllowed: throw WebProblem.forbidden("\(principal.role.chineseName)无权签收此提醒")
        case .notFound: throw WebProblem.notFound
        }
    }
}
