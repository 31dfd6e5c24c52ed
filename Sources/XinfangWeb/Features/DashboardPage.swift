import Foundation
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangPorts

/// 工作台 at GET /: the counts of the principal's scope (open, 黄 due within the warning window, 红
/// overdue), the filter form (a GET query: unit, leader, category, light, due within N working
/// days) and the case list most urgent first with its 红黄绿灯 light, a page at a time ("下一页"
/// carries the dashboard's cursor). No petitioner data: `Dashboard` reads none.
///
/// The page's content is kept (`KeptPages`) per scope, filters, page and day until a case of the
/// scope changes: a clerk's 工作台 is made once per change to the unit's cases, not per request.
public struct DashboardPage: WebFeature {
    let store: (any CaseWorkStore)?
    let kept: KeptPages<KeptKey, String>

    /// `changes` lets the pages' content be kept between requests (nil: made at every request).
    public init(store: (any CaseWorkStore)?, changes: (any StoreChanges)? = nil) {
        self.store = store
        kept = KeptPages(changes: changes, budget: 32 << 20) { $0.utf8.count }
    }

    public var templates: [String: String] { ["dashboard": dashboardTemplate] }

    /// What the content depends on besides the store's cases: who asks (scope and rights), the
    /// query, the day, and the calendar and default policy in force.
    struct KeptKey: Hashable, Sendable {
        var role: Role
        var units: [String]
        var leader: String?
        var query: [String?]
        var today: Int
        var calendar: String
        var policy: String
    }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        let store = store, kept = kept
        pages.get("/") { request, context -> Response in
            let principal = try CaseWork.principal(context)
            let work = try environment.caseWork(store)
            let query = DashboardQuery(request.uri.queryParameters)
            let filters = try query.filters()
            let settings = work.runtime.settings
            let key = KeptKey(role: principal.role, units: principal.units, leader: principal.leader,
                              query: [query.unit, query.leader, query.category, query.light, query.within, query.cursor],
                              today: work.today.number, calendar: settings.scheduling.calendar.id, policy: settings.registry.defaultPolicyID)
            let content = try kept.value(for: key, scope: Self.scope(principal, query)) {
                let dashboard: Dashboard
                do {
                    dashboard = try Dashboard(principal: principal, filters: filters, store: work.store, registry: settings.registry,
                                              calendar: settings.scheduling.calendar, today: work.today, limit: 50, cursor: query.cursor)
                } catch let error as DashboardError {
                    throw WebProblem.badRequest(error.description + "。")
                }
                let content = environment.pages.content("dashboard", data: DashboardPage.data(dashboard, query: query, principal: principal))
                // A case the daemon has not computed yet is shown as computed here and now: not kept.
                return (content, keep: !dashboard.items.contains(where: \.notYetComputed))
            }
            return environment.pages.render(content: content, title: "工作台", context: context)
        }
    }

    /// Whose cases the page shows: a clerk's unit, a leader's own, or (admin, viewer) those the
    /// filters name, else every case.
    static func scope(_ principal: Principal, _ query: DashboardQuery) -> ScheduleScope {
        switch principal.role {
        case .clerk where principal.units.count == 1: .unit(principal.units[0])
        case .leader: principal.leader.map(ScheduleScope.leader) ?? .all
        default: query.unit.map(ScheduleScope.unit) ?? query.leader.map(ScheduleScope.leader) ?? .all
        }
    }

    static func data(_ d: Dashboard, query: DashboardQuery, principal: Principal) -> [String: Any] {
        let lights: [[String: Any]] = Light.allCases.map { ["value": $0.rawValue, "name": $0.chineseName, "selected": query.light == $0.rawValue] }
        let categories: [[String: Any]] = PetitionCategory.allCases.map { ["value": $0.rawValue, "selected": query.category == $0.rawValue] }
        var data: [String: Any] = [
            "asOf": d.asOf, "warning": d.warningWorkingDays,
            "open": d.counts.open, "dueSoon": d.counts.dueSoon, "overdue": d.counts.overdue,
            "rows": DashboardRows.html(d.items), "empty": d.items.isEmpty, "lights": lights, "categories": categories,
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
