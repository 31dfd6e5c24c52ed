import Foundation
public import Hummingbird
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangPorts

/// 管理 (admin only; 403 for every other role): `/admin` index; `/admin/users` (list, add, disable
/// and enable — every write audited as `web:<admin>`); `/admin/audit` (the latest rows, 50 a page,
/// and 校验 running the hash chain's check); read-only `/admin/units`, `/admin/leaders`,
/// `/admin/reception`, `/admin/periods` (the runtime's escalation-risk periods) and
/// `/admin/policies` (the policy each unit is held to).
public struct AdminFeature: WebFeature {
    /// Audit rows per page.
    static let auditPage = 50
    let store: any PrincipalPagesStore

    public init(store: any PrincipalPagesStore) { self.store = store }

    public var templates: [String: String] {
        ["admin": adminIndexTemplate, "admin-users": adminUsersTemplate, "admin-audit": adminAuditTemplate, "admin-list": adminListTemplate,
         "admin-leaders": adminLeadersTemplate]
    }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        let store = store
        let admin = pages.group("/admin").add(middleware: RequireAdmin())
        admin.get("") { _, context in environment.pages.render("admin", title: "管理", context: context) }
        admin.get("/users") { _, context in try Self.users(store: store, context: context, environment: environment) }
        admin.post("/users") { _, context -> Response in
            let principal = try Self.admin(context)
            let f = context.form
            let typed: [String: String] = ["name": f["name"] ?? "", "role": f["role"] ?? "", "unit": f["unit"] ?? "", "leader": f["leader"] ?? "",
                                        "display": f["display"] ?? ""]
            func refuse(_ message: String) throws -> Response {
                var response = try Self.users(store: store, context: context, environment: environment, typed: typed, refusal: message)
                response.status = .unprocessableContent
                return response
            }
            let name = (f["name"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let role = Role(rawValue: f["role"] ?? "") else { return try refuse("请选择角色") }
            let unit = (f["unit"] ?? "").trimmingCharacters(in: .whitespaces)
            let leader = (f["leader"] ?? "").trimmingCharacters(in: .whitespaces)
            let display = (f["display"] ?? "").trimmingCharacters(in: .whitespaces)
            let password = f["password"] ?? ""
            let now = environment.now()
            do {
                // bcrypt blocks its thread for a fraction of a second: off the cooperative pool, as a login's.
                _ = try await BlockingWork.run {
                    try Accounts(store: store, actor: principal.actor).add(
                        name: name, role: role, units: unit.isEmpty ? [] : [unit], leader: leader.isEmpty ? nil : leader,
                        displayName: display.isEmpty ? nil : display, password: role == .api ? nil : password, now: now)
                }
            } catch let refusal as AccountRefusal {
                return try refuse(refusal.description)
            }
            environment.logger.notice("admin: account \(name) (\(role.rawValue)) added by \(principal.actor)")
            return Response.redirect(to: "/admin/users?added=" + Self.query(name), type: .normal)
        }
        admin.post("/users/:name/disable") { _, context in try Self.setDisabled(true, store: store, context: context, environment: environment) }
        admin.post("/users/:name/enable") { _, context in try Self.setDisabled(false, store: store, context: context, environment: environment) }
        admin.get("/audit") { request, context in
            let before = request.uri.queryParameters["before"].flatMap { Int64(String($0)) }
            return try Self.audit(store: store, before: before, check: nil, context: context, environment: environment)
        }
        admin.post("/audit/verify") { _, context in
            let principal = try Self.admin(context)
            let check = try store.checkAuditChain()
            environment.logger.notice("admin: audit chain checked by \(principal.actor): \(check.rows) rows, \(check.brokenAt.map { "broken at \($0)" } ?? "ok")")
            var response = try Self.audit(store: store, before: nil, check: check, context: context, environment: environment)
            if check.brokenAt != nil { response.status = .conflict }
            return response
        }
        admin.get("/units") { _, context in
            try Self.list("单位", ["名称", "上级/所属", "通知地址"], try store.units().map { [$0.name, $0.unit ?? "", $0.address ?? ""] },
                          context: context, environment: environment)
        }
        admin.get("/leaders") { _, context in try Self.leaders(store: store, context: context, environment: environment) }
        admin.post("/leaders/feed-token") { _, context in try Self.feedToken(revoke: false, store: store, context: context, environment: environment) }
        admin.post("/leaders/feed-token/revoke") { _, context in try Self.feedToken(revoke: true, store: store, context: context, environment: environment) }
        admin.get("/reception") { _, context in
            try Self.list("接访规则", ["编号", "领导", "地点", "周期", "起", "止"], try store.receptionRules().map {
                [$0.id, $0.leader, $0.place, Self.describe($0.recurrence), $0.validFrom.description, $0.validUntil?.description ?? "长期"]
            }, context: context, environment: environment)
        }
        admin.get("/periods") { _, context in
            let periods = environment.app?.current.settings.scheduling.periods.periods ?? []
            return try Self.list("敏感时期", ["名称", "起", "止", "级别", "单位"], periods.map {
                [$0.name, $0.first.description, $0.last.description, String($0.level), $0.units.isEmpty ? "全部" : $0.units.joined(separator: "、")]
            }, context: context, environment: environment)
        }
        admin.get("/policies") { _, context in
            guard let registry = environment.app?.current.settings.registry else { throw WebProblem.notFound }
            var rows = [["（默认）", registry.defaultPolicyID,
                         PageText.policySummary(id: registry.defaultPolicyID, summary: registry.policy(id: registry.defaultPolicyID)?.descriptor.summary ?? "")]]
            for unit in try store.units() {
                let d = registry.policy(forUnit: unit.name).descriptor
                rows.append([unit.name, "\(d.id) \(d.version)", PageText.policySummary(id: d.id, summary: d.summary)])
            }
            return try Self.list("各单位适用政策", ["单位", "政策", "说明"], rows, context: context, environment: environment)
        }
    }

    static func admin(_ context: WebContext) throws -> Principal {
        guard let principal = context.principal, principal.isAdmin else { throw WebProblem.forbidden("仅信访局管理员可使用管理页面。") }
        return principal
    }

    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    static func describe(_ recurrence: ReceptionRule.Recurrence) -> String {
        switch recurrence {
        case .monthly(let days): "每月 " + days.map(String.init).joined(separator: "、") + " 日"
        case .weekly(let weekday): "每周" + ((1...7).contains(weekday) ? ["一", "二", "三", "四", "五", "六", "日"][weekday - 1] : "?")
        }
    }

    static func users(store: any PrincipalPagesStore, context: WebContext, environment: WebEnvironment, typed: [String: String] = [:],
                      refusal: String? = nil, notice: String? = nil) throws -> Response {
        let principal = try admin(context)
        let time = environment.app?.current.settings.scheduling.time ?? LocalTime()
        let now = environment.now()
        let accounts = try Accounts(store: store, actor: principal.actor).list().map { a -> [String: Any] in
            var row: [String: Any] = ["name": a.name, "role": a.role.chineseName, "scope": (a.units + (a.leader.map { [$0] } ?? [])).joined(separator: "、"),
                                      "display": a.displayName ?? "", "disabled": a.disabled, "created": time.format(a.createdAt)]
            if let until = a.lockedUntil, until > now { row["locked"] = time.format(until) }
            return row
        }
        var data: [String: Any] = [
            "accounts": accounts,
            "roles": Role.allCases.map { r -> [String: Any] in ["value": r.rawValue, "name": r.chineseName, "selected": typed["role"] == r.rawValue] },
            "units": try store.units().map { u -> [String: Any] in ["name": u.name, "selected": typed["unit"] == u.name] },
            "leaders": try store.leaders().map { l -> [String: Any] in ["name": l.name, "selected": typed["leader"] == l.name] },
            "typedName": typed["name"] ?? "", "typedDisplay": typed["display"] ?? "",
        ]
        if let refusal { data["refusal"] = refusal }
        if let notice { data["notice"] = notice }
        return environment.pages.render("admin-users", title: "账号管理", context: context, data: data)
    }

    /// 领导: the directory's leaders, each with its calendar feed's state and the forms to issue
    /// (or reissue) and revoke it; `issued` is the new feed's URL, shown on this response only.
    static func leaders(store: any PrincipalPagesStore, context: WebContext, environment: WebEnvironment, issued: (leader: String, url: String)? = nil,
                        refusal: String? = nil, notice: String? = nil) throws -> Response {
        _ = try admin(context)
        let time = environment.app?.current.settings.scheduling.time ?? LocalTime()
        let live = try store.liveFeedTokens()
        var data: [String: Any] = [
            "leaders": try store.leaders().map { l -> [String: Any] in
                var row: [String: Any] = ["name": l.name, "title": l.title ?? "", "unit": l.unit ?? ""]
                if let at = live[l.name] { row["feedSince"] = time.format(at) }
                return row
            },
        ]
        if let issued { data["issued"] = ["leader": issued.leader, "url": issued.url] }
        if let refusal { data["refusal"] = refusal }
        if let notice { data["notice"] = notice }
        var response = environment.pages.render("admin-leaders", title: "领导", context: context, data: data)
        if issued != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// Issues (revoking the old one) or revokes a leader's calendar feed token, audited as the admin.
    static func feedToken(revoke: Bool, store: any PrincipalPagesStore, context: WebContext, environment: WebEnvironment) throws -> Response {
        let principal = try admin(context)
        let leader = (context.form["leader"] ?? "").trimmingCharacters(in: .whitespaces)
        guard try store.leaders().contains(where: { $0.name == leader }) else {
            var response = try leaders(store: store, context: context, environment: environment, refusal: "未找到领导“\(leader.prefix(40))”")
            response.status = .unprocessableContent
            return response
        }
        if revoke {
            let revoked = try LeaderFeeds.revoke(leader: leader, actor: principal.actor, in: store)
            if revoked { environment.logger.notice("admin: feed token of leader \(leader) revoked by \(principal.actor)") }
            return try leaders(store: store, context: context, environment: environment,
                               notice: revoked ? "已撤销\(leader)的日历订阅地址：原地址不再可用。" : "\(leader)没有有效的日历订阅地址，无需撤销。")
        }
        let token = try LeaderFeeds.issue(leader: leader, actor: principal.actor, in: store)
        environment.logger.notice("admin: feed token of leader \(leader) issued by \(principal.actor)")
        var base = environment.settings.publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return try leaders(store: store, context: context, environment: environment, issued: (leader, base + LeaderFeeds.path(token: token)))
    }

    static func setDisabled(_ disabled: Bool, store: any PrincipalPagesStore, context: WebContext, environment: WebEnvironment) throws -> Response {
        let principal = try admin(context)
        let name = try context.parameters.require("name")
        if disabled && name == principal.username {
            var response = try users(store: store, context: context, environment: environment, refusal: "不能停用自己正在使用的账号")
            response.status = .unprocessableContent
            return response
        }
        do {
            let accounts = Accounts(store: store, actor: principal.actor)
            if disabled { try accounts.disable(name: name) } else { try accounts.enable(name: name) }
        } catch let refusal as AccountRefusal {
            var response = try users(store: store, context: context, environment: environment, refusal: refusal.description)
            response.status = .unprocessableContent
            return response
        }
        environment.logger.notice("admin: account \(name) \(disabled ? "disabled" : "enabled") by \(principal.actor)")
        return try users(store: store, context: context, environment: environment, notice: "账号 \(name) 已\(disabled ? "停用" : "启用")。")
    }

    static func audit(store: any PrincipalPagesStore, before: Int64?, check: AuditChainCheck?, context: WebContext,
                      environment: WebEnvironment) throws -> Response {
        _ = try admin(context)
        let time = environment.app?.current.settings.scheduling.time ?? LocalTime()
        let rows = try store.auditEntries(before: before, limit: auditPage + 1)
        var data: [String: Any] = [
            "rows": rows.prefix(auditPage).map { e -> [String: Any] in
                ["seq": e.seq, "at": time.format(e.at), "actor": e.actor, "action": e.action, "subject": e.subject, "detail": e.detail]
            },
        ]
        if rows.count > auditPage, let last = rows.prefix(auditPage).last { data["older"] = last.seq }
        if before != nil { data["newest"] = true }
        if let check {
            if let broken = check.brokenAt {
                data["broken"] = ["seq": broken, "reason": check.reason ?? "", "rows": check.rows] as [String: Any]
            } else {
                data["verified"] = check.rows
            }
        }
        return environment.pages.render("admin-audit", title: "审计日志", context: context, data: data)
    }

    static func list(_ title: String, _ headers: [String], _ rows: [[String]], context: WebContext, environment: WebEnvironment) throws -> Response {
        _ = try admin(context)
        return environment.pages.render("admin-list", title: title, context: context, data: [
            "title": title, "headers": headers, "rows": rows.map { ["cells": $0] }, "empty": rows.isEmpty,
        ])
    }
}

/// Lets only an admin through (403 with a Chinese page for every other role).
struct RequireAdmin: RouterMiddleware {
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard context.principal?.isAdmin == true else { throw WebProblem.forbidden("仅信访局管理员可使用管理页面。") }
        return try await next(request, context)
    }
}
