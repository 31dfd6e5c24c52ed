import Foundation
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangPorts

/// `GET /reception-days?leader=&from=&days=`: the leaders' reception days (领导接访日) from `from`
/// (default today) for `days` days (default 14), as the reception rules, their exceptions and the
/// configured holiday shift make them (the schedule the daemon reminds by). A leader's token sees
/// its own only.
struct APIReceptionRoutes {
    let api: APIContext

    func add(to group: RouterGroup<WebContext>) {
        let api = api
        group.get("/reception-days") { request, context in try api.receptionDays(request, context) }
    }
}

/// One reception day.
struct ReceptionDayItem: Encodable {
    var day: String
    var weekday: String
    var leader: String
    var place: String
    /// `scheduled`, or why it is not held on its nominal day.
    var held: Bool
    var nominalDay: String
    var provisional: Bool
}

extension APIContext {
    func receptionDays(_ request: Request, _ context: WebContext) throws -> Response {
        let principal = try Self.principal(context)
        let query = try APIQuery(request, known: ["leader", "from", "days"])
        let from = try query.day("from") ?? (try today())
        let days = try query.int("days", default: 14, in: 1...366)
        var leader = query.text("leader")
        if principal.role == .leader {
            if let asked = leader, asked != principal.leader { throw WebProblem.notFound }
            leader = principal.leader ?? ""
        }
        let runtime = try runtime
        let policy = Runtime.receptionPolicy(runtime.config)
        let occurrences = policy.occurrences(
            rules: try store.receptionRules(), exceptions: try store.receptionExceptions(), from: from,
            through: from.adding(days: days - 1), calendar: runtime.settings.scheduling.calendar)
        let items = occurrences.filter { leader == nil || $0.leader == leader }.map { o in
            ReceptionDayItem(day: o.day.description, weekday: o.day.chineseWeekday, leader: o.leader, place: o.place, held: o.isHeld,
                             nominalDay: o.nominalDay.description, provisional: o.provisional)
        }
        return try Self.json(APIPage(items: items, nextCursor: nil))
    }
}
