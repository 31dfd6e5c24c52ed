import Foundation
public import Hummingbird
import XinfangApp
import XinfangEngine
import XinfangCore
import XinfangReports

/// 通报 (admin and viewer; 403 for the others): `GET /bulletin?from=&to=&unit=` shows the figures
/// of the period (default: the bimonthly period before this month, as the scheduled bulletin), and
/// `GET /bulletin.csv` with the same query downloads exactly what `xinfangctl report bulletin
/// --format csv` prints.
public struct BulletinFeature: WebFeature {
    public init() {}

    public var templates: [String: String] { ["bulletin": bulletinTemplate] }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        pages.get("/bulletin") { request, context -> Response in
            try Self.authorize(context)
            var query = Query(request, environment: environment)
            do {
                let bulletin = try query.bulletin(environment: environment)
                return environment.pages.render("bulletin", title: "通报", context: context, data: query.data.merging(Self.figures(bulletin)) { $1 })
            } catch let refusal as QueryRefusal {
                query.data["refusal"] = refusal.message
                var response = environment.pages.render("bulletin", title: "通报", context: context, data: query.data)
                response.status = .badRequest
                return response
            }
        }
        pages.get("/bulletin.csv") { request, context -> Response in
            try Self.authorize(context)
            var query = Query(request, environment: environment)
            let bulletin: Bulletin
            do { bulletin = try query.bulletin(environment: environment) } catch let refusal as QueryRefusal { throw WebProblem.badRequest(refusal.message) }
            let name = "bulletin_\(bulletin.from)_\(bulletin.through).csv"
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                            body: .init(byteBuffer: ByteBuffer(string: bulletin.csv())))
        }
    }

    static func authorize(_ context: WebContext) throws {
        guard let role = context.principal?.role, role == .admin || role == .viewer else {
            throw WebProblem.forbidden("通报仅供信访局管理员和查阅人员查看。")
        }
    }

    struct QueryRefusal: Error {
        let message: String
    }

    /// The period and unit asked for, with what was typed (kept in the form).
    struct Query {
        var data: [String: Any] = [:]
        let from: String?
        let to: String?
        let unit: String?

        init(_ request: Request, environment: WebEnvironment) {
            let q = request.uri.queryParameters
            func field(_ name: String) -> String? {
                q[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            from = field("from")
            to = field("to")
            unit = field("unit")
        }

        mutating func bulletin(environment: WebEnvironment) throws -> Bulletin {
            guard let app = environment.app else { throw WebProblem.notFound }
            let settings = app.current.settings
            let today = settings.scheduling.time.day(of: environment.now())
            let period = BulletinPeriod(writtenOn: today)
            data["from"] = from ?? period.first.description
            data["to"] = to ?? period.last.description
            data["unit"] = unit ?? ""
            let units = try app.store.units().map(\.name)
            data["units"] = units.map { ["name": $0, "selected": $0 == unit] as [String: Any] }
            func day(_ text: String?, _ otherwise: Day, _ label: String) throws -> Day {
                guard let text else { return otherwise }
                guard let day = Day(text) else { throw QueryRefusal(message: "\(label)“\(text)”不是 YYYY-MM-DD 格式的日期") }
                return day
            }
            let first = try day(from, period.first, "起始日"), last = try day(to, period.last, "截止日")
            guard first <= last else { throw QueryRefusal(message: "截止日 \(last) 早于起始日 \(first)") }
            if let unit, !units.contains(unit) { throw QueryRefusal(message: "未找到单位“\(unit)”") }
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-")
            let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
            data["csvHref"] = "/bulletin.csv?from=\(first)&to=\(last)" + (unit.map { "&unit=" + encode($0) } ?? "")
            let evaluationDue = settings.registry.evaluationDue(calendar: settings.scheduling.calendar)
            return try Bulletins.compute(store: app.store, from: first, through: last, unit: unit, evaluationDue: evaluationDue)
        }
    }

    /// The template's data: per section (合计 first, then each unit) the counts per month and the
    /// measures of the whole period.
    static func figures(_ bulletin: Bulletin) -> [String: Any] {
        let labels = bulletin.months.map(\.label) + [Bulletin.periodLabel]
        let sections = bulletin.sections.map { section -> [String: Any] in
            [
                "unit": section.unit,
                "months": zip(labels, section.months + [section.period]).map { label, f -> [String: Any] in
                    ["label": label, "received": f.received, "accepted": f.accepted, "answered": f.answered, "pending": f.pending, "overdue": f.overdue]
                },
                "measures": MeasureKind.allCases.map { kind -> [String: Any] in
                    let m = section.period[kind]
                    return ["name": m.name, "numerator": m.numerator, "denominator": m.denominator, "value": m.percentText.map { $0 + "%" } ?? "—",
                            "formula": m.formula]
                },
            ]
        }
        return ["sections": sections, "period": "\(bulletin.from) 至 \(bulletin.through)", "shown": true]
    }
}
