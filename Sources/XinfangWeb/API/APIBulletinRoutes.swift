import Foundation
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangPolicy
import XinfangReports

/// `GET /bulletin?period=&unit=`: the bulletin's figures (通报, `Bulletins`) per unit and month.
/// `period` is a month `YYYY-MM`, months `YYYY-MM..YYYY-MM` or days `YYYY-MM-DD..YYYY-MM-DD`;
/// default: the two months before this one (the bimonthly bulletin). A unit's client sees its units.
struct APIBulletinRoutes {
    let api: APIContext

    func add(to group: RouterGroup<WebContext>) {
        let api = api
        group.get("/bulletin") { request, context in try api.bulletin(request, context) }
    }
}

/// The counts of a unit (or all) for a month or the whole period.
struct BulletinFiguresJSON: Encodable {
    var received, repeated, accepted, acceptedInTime, resolvedOnce, answered, answeredOnTime, evaluated, satisfied, evaluationOverdue,
        pending, overdue: Int

    init(_ f: BulletinFigures) {
        received = f.received; repeated = f.repeated; accepted = f.accepted; acceptedInTime = f.acceptedInTime
        resolvedOnce = f.resolvedOnce; answered = f.answered; answeredOnTime = f.answeredOnTime; evaluated = f.evaluated
        satisfied = f.satisfied; evaluationOverdue = f.evaluationOverdue; pending = f.pending; overdue = f.overdue
    }
}

struct BulletinUnitJSON: Encodable {
    var unit: String
    /// Parallel to the bulletin's `months`.
    var months: [BulletinFiguresJSON]
    var period: BulletinFiguresJSON

    init(_ u: BulletinUnit) {
        unit = u.unit
        months = u.months.map(BulletinFiguresJSON.init)
        period = BulletinFiguresJSON(u.period)
    }
}

struct BulletinJSON: Encodable {
    var from: String
    var through: String
    var unit: String?
    var months: [String]
    var units: [BulletinUnitJSON]
    var total: BulletinUnitJSON
}

extension APIContext {
    func bulletin(_ request: Request, _ context: WebContext) throws -> Response {
        let principal = try Self.principal(context)
        let query = try APIQuery(request, known: ["period", "unit"])
        let (first, last) = try Self.period(query.text("period"), today: try today())
        var unit = query.text("unit")
        switch principal.role {
        case .admin, .viewer: break
        case .clerk, .api:
            if let asked = unit, !principal.units.contains(asked) { throw WebProblem.notFound }
            if unit == nil {
                guard principal.units.count == 1 else { throw WebProblem.badRequest("参数 unit 必填：本令牌可查看多个单位，请指定其一") }
                unit = principal.units[0]
            }
        case .leader: throw WebProblem.forbidden("包案领导无权查看通报")
        }
        let runtime = try runtime
        let evaluationDue = runtime.settings.registry.evaluationDue(calendar: runtime.settings.scheduling.calendar)
        let b = try Bulletins.compute(store: store, from: first, through: last, unit: unit, evaluationDue: evaluationDue)
        return try Self.json(BulletinJSON(from: b.from.description, through: b.through.description, unit: b.unitFilter, months: b.months.map(\.label),
                                          units: b.units.map(BulletinUnitJSON.init), total: BulletinUnitJSON(b.total)))
    }

    /// The period's first and last day.
    static func period(_ text: String?, today: Day) throws -> (Day, Day) {
        guard let text else {
            let p = BulletinPeriod(writtenOn: today)
            return (p.first, p.last)
        }
        let bad = WebProblem.badRequest("参数 period 须为 YYYY-MM、YYYY-MM..YYYY-MM 或 YYYY-MM-DD..YYYY-MM-DD（收到“\(text)”）")
        let parts = text.components(separatedBy: "..")
        guard parts.count <= 2 else { throw bad }
        func month(_ s: String, end: Bool) -> Day? {
            if let day = Day(s) { return day }
            let ym = s.split(separator: "-")
            guard ym.count == 2, ym[0].count == 4, ym[1].count == 2, let y = Int(ym[0]), let m = Int(ym[1]), let first = Day(year: y, month: m, day: 1)
            else { return nil }
            guard end else { return first }
            let next = m == 12 ? Day(year: y + 1, month: 1, day: 1) : Day(year: y, month: m + 1, day: 1)
            return next?.adding(days: -1)
        }
        guard let first = month(parts[0], end: false), let last = month(parts.last!, end: true), first <= last,
              last - first <= 731 else { throw bad }
        return (first, last)
    }
}
