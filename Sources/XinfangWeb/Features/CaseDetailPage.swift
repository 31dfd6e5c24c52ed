import Foundation
import Hummingbird
import XinfangApp
import XinfangCore

/// 案件详情 at GET /cases/{number} (`CasePages`): the facts (no personal data), the timeline, every
/// deadline with its whole explanation (article, start event, counting rule, roll-forward, holidays,
/// hearing days, extension, provisional), the reminders with their 签收 state and the supervision
/// orders. Outside the principal's scope: the same 404 page as a missing case.
///
/// POST /cases/{number}/personal (admin and the unit's clerk, `PersonalDataAccess`, audited): the
/// same page with the petitioner's contact, on that response only (`Cache-Control: no-store`).
public struct CaseDetailPage: WebFeature {
    let store: (any CaseWorkStore)?

    public init(store: (any CaseWorkStore)?) { self.store = store }

    public var templates: [String: String] { ["case": caseTemplate] }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        let store = store
        pages.get("/cases/:number") { _, context -> Response in
            let number = try context.parameters.require("number")
            let work = try environment.caseWork(store)
            let principal = try CaseWork.principal(context)
            let page = try CaseWork.refusing { try work.casePages.page(caseNumber: number, principal: principal, asOf: work.today) }
            return environment.pages.render("case", title: "案件 \(number)", context: context, data: CaseDetailPage.data(page))
        }
        pages.post("/cases/:number/personal") { _, context -> Response in
            let number = try context.parameters.require("number")
            let work = try environment.caseWork(store)
            let principal = try CaseWork.principal(context)
            let (page, contact) = try CaseWork.refusing {
                let page = try work.casePages.page(caseNumber: number, principal: principal, asOf: work.today)
                return (page, try work.personalData.open(caseNumber: number, principal: principal))
            }
            environment.logger.notice("personal data of \(number) viewed by \(principal.actor)")
            var data = CaseDetailPage.data(page)
            var personal: [String: Any] = ["none": contact == nil || contact!.isEmpty]
            if let contact {
                personal["name"] = contact.name ?? "—"
                personal["idNumber"] = contact.idNumber ?? "—"
                personal["phone"] = contact.phone ?? "—"
                personal["address"] = contact.address ?? "—"
            }
            data["personal"] = personal
            var response = environment.pages.render("case", title: "案件 \(number)", context: context, data: data)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    static func data(_ page: CasePage) -> [String: Any] {
        let v = page.view
        let f = v.facts
        var facts: [[String: String]] = [
            ["label": "案件编号", "value": f.number],
            ["label": "收到日期", "value": "\(f.received) \(f.receivedWeekday)"],
            ["label": "来源渠道", "value": f.channel],
            ["label": "类别", "value": f.category],
            ["label": "承办单位", "value": f.unit],
            ["label": "信访人数", "value": "\(f.persons)人" + (f.persons >= 5 ? "（集体访）" : "")],
            ["label": "包案领导", "value": f.leader ?? "未指定"],
            ["label": "受理途径", "value": f.intake == "organ" ? "机关直接收到" : "信访部门登记"],
            ["label": "重复信访", "value": f.repeated ? "是" : "否"],
            ["label": "越级", "value": f.skipLevel ? "是" : "否"],
            ["label": "信访人姓名、住址", "value": f.contactKnown ? "清楚" : "不清楚（不需书面告知）"],
        ]
        if let first = f.repeatOf { facts.append(["label": "初件", "value": first]) }
        if !v.repeats.isEmpty { facts.append(["label": "重件", "value": v.repeats.joined(separator: "、")]) }
        facts.append(["label": "状态", "value": f.closed.map { "已办结（\($0)）" } ?? "在办"])
        facts.append(["label": "办理规则", "value": "\(v.policy) v\(v.policyVersion) · 日历 \(v.calendar) \(v.calendarYears ?? "（无数据）")"])
        if let fallback = v.policyFallback { facts.append(["label": "规则说明", "value": PageText.policyFallback(fallback)]) }
        if let evaluation = v.evaluation {
            var text = "\(evaluation.name)，评价期至 \(evaluation.due) \(evaluation.dueWeekday)"
            if let rating = evaluation.rating { text += "，\(rating)（\(evaluation.evaluatedOn ?? "")）" }
            if let late = evaluation.lateByDays { text += "，逾期\(late)天评价" }
            facts.append(["label": "满意度评价", "value": text])
        }
        let ownership: [[String: String]] = v.ownership.map { ["leader": $0.leader, "since": $0.since, "until": $0.until ?? "今"] }
        let timeline: [[String: Any]] = v.timeline.map { e in
            var row: [String: Any] = ["seq": e.seq, "date": e.date, "name": e.name, "type": e.type, "recordedAt": e.recordedAt]
            if let d = e.details { row["details"] = PageText.eventDetail(d) }
            if let n = e.note { row["note"] = n }
            if let late = e.lateByDays { row["late"] = "逾期\(late)天提出（已记录并标注）" }
            return row
        }
        let deadlines: [[String: Any]] = v.deadlines.map(CaseDetailPage.deadline)
        let reminders: [[String: Any]] = v.reminders.map { r in
            var row: [String: Any] = [
                "id": r.id, "kind": PageText.reminderKind(r.kind), "milestone": PageText.milestone(r.milestone, kind: r.kind), "due": r.due, "recipient": r.recipient, "subject": r.subject,
                "fireAt": r.fireAt, "acked": r.ackedAt != nil, "ackedAt": r.ackedAt ?? "", "withdrawn": r.withdrawn,
                "deliveries": r.deliveries.map { PageText.delivery(channel: $0.channel, state: $0.state) + ($0.deliveredAt.map { "（\($0)）" } ?? "") }.joined(separator: "；"),
            ]
            if let late = r.lateBySeconds, late > 0 { row["late"] = "迟发\(late)秒" }
            return row
        }
        let supervision: [[String: Any]] = page.supervision.map { o in
            [
                "id": o.id, "kind": o.kind, "unit": o.unit, "issuedBy": o.issuedBy, "issued": o.issued, "feedbackDue": o.feedbackDue ?? "—",
                "feedbackReceived": o.feedbackReceived ?? "未反馈", "closed": o.closed ?? "未办结", "steps": o.steps, "breaches": o.breaches,
                "hasBreaches": !o.breaches.isEmpty,
            ] as [String: Any]
        }
        var data: [String: Any] = [
            "number": f.number, "facts": facts, "ownership": ownership, "hasOwnership": !ownership.isEmpty, "timeline": timeline,
            "deadlines": deadlines, "reminders": reminders, "noReminders": reminders.isEmpty, "supervision": supervision,
            "noSupervision": supervision.isEmpty, "asOf": v.asOf, "mayRecordEvents": page.mayRecordEvents,
            "mayViewPersonalData": page.mayViewPersonalData, "dirty": f.dirty,
            "eventTypes": EventType.allCases.filter { $0 != .received }.map { ["key": $0.key, "name": $0.chineseName] },
        ]
        if let note = v.scheduleNote { data["scheduleNote"] = PageText.scheduleNote(note) }
        if let imported = v.importedState {
            data["imported"] = "导入时的状态：\(imported.state)（\(imported.source)）" + (imported.undated.isEmpty ? "" : "，无日期的事件：\(imported.undated.joined(separator: "、"))")
        }
        return data
    }

    static let statusText = ["open": "未到期", "met": "已按期完成", "missed": "逾期", "not_applicable": "不适用"]

    static func partyText(_ party: String) -> String {
        switch party {
        case "office": "机关职责（到期提醒，逾期记录）"
        case "officeOption": "机关可选（不行使即失效，不计逾期）"
        case "petitioner": "信访人期间（不提醒机关；逾期提出的请求照常记录并标注）"
        default: party
        }
    }

    /// One deadline with every part of its explanation, in Chinese.
    static func deadline(_ d: CaseReport.DeadlineRow) -> [String: Any] {
        var lines: [String] = []
        lines.append("依据：\(d.article)（规则 \(d.policy)）")
        if let rule = d.rule { lines.append("计算规则：\(rule)") }
        if let start = d.start {
            let event = d.startEvent.flatMap { EventType(key: $0)?.chineseName } ?? d.startEvent ?? "起算事件"
            lines.append("起算：\(event) \(start)（起算日不计入）")
        }
        if let end = d.nominalEnd {
            if d.rollForward, let due = d.due, end != due {
                lines.append("期间届满日 \(end) 为节假日或休息日，顺延至 \(due) \(d.dueWeekday ?? "")")
            } else {
                lines.append("期间届满日 \(end)")
            }
        }
        lines.append(d.holidays.isEmpty ? "节假日：无需跳过或顺延" : "计入或顺延的节假日：" + d.holidays.joined(separator: "；"))
        lines.append("听证：" + (d.pauseDays > 0 ? "听证\(d.pauseDays)日不计入期限" : "无听证日扣除"))
        lines.append("延期：" + (d.extensionNote ?? "未延期"))
        if d.provisional { lines.append("暂定：期间跨越尚无节假日数据的年份，到期日可能变动") }
        if let note = d.note { lines.append("说明：\(PageText.deadlineNote(note))") }
        var row: [String: Any] = [
            "kind": d.kind, "name": d.name, "status": d.status, "statusText": statusText[d.status] ?? d.status, "party": partyText(d.party),
            "lines": lines, "provisional": d.provisional, "due": d.due ?? "", "dueWeekday": d.dueWeekday ?? "", "hasDue": d.due != nil,
        ]
        if let done = d.fulfilledOn { row["done"] = done }
        if d.daysOverdue > 0 { row["overdue"] = "已逾期\(d.daysOverdue)天" }
        return row
    }
}
