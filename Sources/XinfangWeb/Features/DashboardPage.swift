import Foundation
import Hummingbird
import XinfangApp
import XinfangCore

/// 工作台 at GET /: the counts of the principal's scope (open, 黄 due within the warning window, 红
/// overdue), the filter form (a GET query: unit, leader, category, light, due within N working
/// days) and the case list most urgent first with its 红黄绿灯 light, a page at a time ("下一页"
/// carries the dashboard's cursor). No petitioner data: `Dashboard` reads none.
public struct DashboardPage: WebFeature {
    let store: (any CaseWorkStore)?

    public init(store: (any CaseWorkStore)?) { self.store = store }

    public var templates: [String: String] { ["dashboard": dashboardTemplate] }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        let store = store
        pages.get("/") { request, context -> Response in
            let principal = try CaseWork.principal(context)
            let work = try environment.caseWork(store)
            let query = DashboardQuery(request.uri.queryParameters)
            let filters = try query.filters()
            let settings = work.runtime.settings
            let dashboard: Dashboard
            do {
                dashboard = try Dashboard(principal: principal, filters: filters, store: work.store, registry: settings.registry,
                                          calendar: settings.scheduling.calendar, today: work.today, limit: 50, cursor: query.cursor)
            } catch let error as DashboardError {
                throw WebProblem.badRequest(error.description + "。")
            }
            return environment.pages.render("dashboard", title: "工作台", context: context,
                                            data: DashboardPage.data(dashboard, query: query, principal: principal))
        }
    }

    static func data(_ d: Dashboard, query: DashboardQuery, principal: Principal) -> [String: Any] {
        let rows: [[String: Any]] = d.items.map { item in
            var row: [String: Any] = [
                "number": item.caseNumber, "title": item.title.flatMap { $0.isEmpty ? nil : $0 } ?? "—", "unit": item.unit, "leader": item.leader ?? "—",
                "category": item.category, "light": item.light.rawValue, "lightText": DashboardPage.lightText(item.light),
                "lightMeaning": item.light.meaning, "notYetComputed": item.notYetComputed,
            ]
            if let next = item.deadline {
                row["deadline"] = ["kind": next.kind, "name": next.name, "due": next.due, "weekday": next.weekday, "state": next.state,
                                   "provisional": next.provisional, "overdue": next.overdueDays != nil] as [String: Any]
            }
            return row
        }
        let lights: [[String: Any]] = Light.allCases.map { ["value": $0.rawValue, "name": $0.chineseName, "selected": query.light == $0.rawValue] }
        let categories: [[String: Any]] = PetitionCategory.allCases.map { ["value": $0.rawValue, "selected": query.category == $0.rawValue] }
        var data: [String: Any] = [
            "asOf": d.asOf, "warning": d.warningWorkingDays,
            "open": d.counts.open, "dueSoon": d.counts.dueSoon, "overdue": d.counts.overdue,
            "cases": rows, "empty": rows.isEmpty, "lights": lights, "categories": categories,
            "unit": query.unit ?? "", "leader": query.leader ?? "", "within": query.within ?? "",
            "scope": DashboardPage.scopeText(principal), "mayAddCase": principal.isAdmin || (principal.role == .clerk && !principal.units.isEmpty),
        ]
        if let next = d.nextCursor { data["next"] = query.link(cursor: next) }
        if query.cursor != nil { data["first"] = query.link(cursor: nil) }
        return data
    }

    /// 红 / 黄 / 绿: the cell text of the light.
    static func lightText(_ light: Light) -> String {
        switch light {
        case .red: "红"
        case .yellow: "黄"
        case .green: "绿"
        }
    }

    static func scopeText(_ principal: Principal) -> String {
        switch principal.role {
        case .admin, .viewer: "全部单位"
        case .clerk, .api: principal.units.isEmpty ? "（未指定单位）" : principal.units.joined(separator: "、")
        case .leader: principal.leader.map { "包案领导 \($0)" } ?? "（未关联领导）"
        }
    }
}

/// The dashboard's query string: the filters as typed (kept in the form) and the cursor.
struct DashboardQuery {
    var unit: String?
    var leader: String?
    var category: String?
    var light: String?
    var within: String?
    var cursor: String?

    init(_ parameters: Hummingbird.Parameters) {
        func value(_ name: String) -> String? {
            guard let v = parameters[name[...]].map(String.init)?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        unit = value("unit")
        leader = value("leader")
        category = value("category")
        light = value("light")
        within = value("within")
        cursor = value("cursor")
    }

    /// The dashboard's filters; a value that is none of the choices is a Chinese 400.
    func filters() throws -> Dashboard.Filters {
        var filters = Dashboard.Filters(unit: unit, leader: leader)
        if let category {
            guard let c = PetitionCategory(rawValue: category) else {
                throw WebProblem.badRequest("类别“\(category.prefix(20))”不是\(PetitionCategory.allCases.map(\.rawValue).joined(separator: "、"))之一。")
            }
            filters.category = c
        }
        if let light {
            guard let l = Light(rawValue: light) else { throw WebProblem.badRequest("灯色“\(light.prefix(20))”不是 red（红）、yellow（黄）、green（绿）之一。") }
            filters.light = l
        }
        if let within {
            guard let n = Int(within), (0...366).contains(n) else {
                throw WebProblem.badRequest("“期限内工作日数”须为0至366的整数（收到“\(within.prefix(20))”）。")
            }
            filters.dueWithinWorkingDays = n
        }
        return filters
    }

    /// `/?unit=…&cursor=…`: this query on another page.
    func link(cursor: String?) -> String {
        var pairs: [(String, String)] = []
        for (name, value) in [("unit", unit), ("leader", leader), ("category", category), ("light", light), ("within", within), ("cursor", cursor)] {
            if let value { pairs.append((name, value)) }
        }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return query.isEmpty ? "/" : "/?" + query
    }
}
