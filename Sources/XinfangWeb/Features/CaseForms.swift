import Foundation
import Hummingbird
import XinfangApp
import XinfangCore
import XinfangPorts

/// The forms that write: 登记案件 (GET /cases/new, POST /cases) and 记录事件 (GET
/// /cases/{number}/events/new?type=KEY, POST /cases/{number}/events), through `PrincipalRecorder`
/// with the principal's audit actor. Every event is checked by the rules of the case's policy, as
/// `xinfangctl` does, with the same refusal (e.g. a second extension, 条例2022 第34条). A refused
/// or malformed form is shown again with `.error` and every typed value, status 422 (400 for a
/// field that cannot be read), nothing written; success goes to the case page (303).
public struct CaseForms: WebFeature {
    let store: (any CaseWorkStore)?

    public init(store: (any CaseWorkStore)?) { self.store = store }

    public var templates: [String: String] { ["case-form": caseFormTemplate, "event-form": eventFormTemplate] }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        let store = store
        pages.get("/cases/new") { _, context -> Response in
            let principal = try CaseWork.principal(context)
            try CaseForms.requireWriter(principal)
            let work = try environment.caseWork(store)
            let typed = CaseFormInput(FormFields(), principal: principal, today: work.today)
            return environment.pages.render("case-form", title: "登记案件", context: context, data: typed.data(principal: principal))
        }
        pages.post("/cases") { _, context -> Response in
            let principal = try CaseWork.principal(context)
            try CaseForms.requireWriter(principal)
            let work = try environment.caseWork(store)
            let typed = CaseFormInput(context.form, principal: principal, today: work.today)
            func refuse(_ message: String, status: HTTPResponse.Status) -> Response {
                var data = typed.data(principal: principal)
                data["error"] = message
                var response = environment.pages.render("case-form", title: "登记案件", context: context, data: data)
                response.status = status
                return response
            }
            let parsed: (facts: CaseFacts, contact: PetitionerContact?)
            do { parsed = try typed.parse() } catch let error as FormError { return refuse(error.message, status: .unprocessableContent) }
            do {
                try work.recorder.addCase(parsed.facts, petitioner: parsed.contact, principal: principal)
            } catch let refusal as AccessRefusal {
                throw CaseWork.problem(refusal)
            } catch let error as StoreError {
                return refuse(CaseForms.chinese(error), status: .unprocessableContent)
            }
            work.changed()
            environment.logger.notice("case \(parsed.facts.number) added by \(principal.actor)")
            return Response.redirect(to: "/cases/\(CaseForms.pathSegment(parsed.facts.number))", type: .normal)
        }

        pages.get("/cases/:number/events/new") { request, context -> Response in
            let number = try context.parameters.require("number")
            let principal = try CaseWork.principal(context)
            let work = try environment.caseWork(store)
            try CaseWork.refusing { try work.recorder.authorizeEvents(caseNumber: number, principal: principal) }
            var typed = EventFormInput(FormFields(), today: work.today)
            if let type = request.uri.queryParameters["type"] { typed.type = String(type) }
            var data = typed.data(caseNumber: number)
            if let type = request.uri.queryParameters["type"], EventFormInput.type(String(type)) == nil {
                data["error"] = EventFormInput.unknownType(String(type))
            }
            return environment.pages.render("event-form", title: "记录事件 \(number)", context: context, data: data)
        }
        pages.post("/cases/:number/events") { _, context -> Response in
            let number = try context.parameters.require("number")
            let principal = try CaseWork.principal(context)
            let work = try environment.caseWork(store)
            try CaseWork.refusing { try work.recorder.authorizeEvents(caseNumber: number, principal: principal) }
            let typed = EventFormInput(context.form, today: work.today)
            func refuse(_ message: String, rule: String? = nil) -> Response {
                var data = typed.data(caseNumber: number)
                data["error"] = message
                if let rule { data["rule"] = rule }
                var response = environment.pages.render("event-form", title: "记录事件 \(number)", context: context, data: data)
                response.status = .unprocessableContent
                return response
            }
            let parsed: (event: CaseEvent, note: String?)
            do { parsed = try typed.parse() } catch let error as FormError { return refuse(error.message) }
            do {
                _ = try work.recorder.appendEvent(caseNumber: number, event: parsed.event, note: parsed.note, principal: principal)
            } catch let refusal as AccessRefusal {
                throw CaseWork.problem(refusal)
            } catch let refused as RefusedEvent {
                return refuse(refused.reason, rule: refused.rule)
            } catch let error as StoreError {
                return refuse(CaseForms.chinese(error))
            }
            work.changed()
            environment.logger.notice("event \(parsed.event.kind.name) on \(number) recorded by \(principal.actor)")
            return Response.redirect(to: "/cases/\(CaseForms.pathSegment(number))", type: .normal)
        }
    }

    /// Leaders and viewers write nothing: 403 before any form is shown.
    static func requireWriter(_ principal: Principal) throws {
        guard principal.isAdmin || principal.role == .clerk else {
            throw WebProblem.forbidden("\(principal.role.chineseName)无权登记案件或记录事件。")
        }
    }

    static func pathSegment(_ number: String) -> String {
        number.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? number
    }

    /// The store's refusals, in Chinese.
    static func chinese(_ error: StoreError) -> String {
        let text = error.description
        if text.hasPrefix("case "), text.hasSuffix(" already exists") { return "案件编号已存在：\(text.dropFirst(5).dropLast(15))，未登记。" }
        if text.hasPrefix("unknown unit ") { return "承办单位不存在：\(text.dropFirst(13).prefix { $0 != ";" })（须先由管理员添加），未作任何更改。" }
        if text.hasPrefix("unknown leader ") { return "包案领导不存在：\(text.dropFirst(15).prefix { $0 != ";" })（须先由管理员添加），未作任何更改。" }
        if text.hasPrefix("unknown case ") || text.hasPrefix("no case ") { return "案件不存在，未作任何更改。" }
        return "未能保存（\(text)），未作任何更改。"
    }
}

/// A field of a form that cannot be read, in Chinese.
struct FormError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Reading a form's day fields: `YYYY-MM-DD`, a day that exists and is plausible (as `xinfangctl`).
enum FormDay {
    static func parse(_ text: String, label: String) throws -> Day {
        guard let day = Day(text) else { throw FormError("\(label)：“\(text.prefix(40))”不是存在的日期（格式 YYYY-MM-DD）。") }
        if day.implausibility != nil {
            throw FormError("\(label)：\(day) 不在合理范围 \(Day.plausible.lowerBound)…\(Day.plausible.upperBound) 内。")
        }
        return day
    }
}

/// 登记案件 as typed.
struct CaseFormInput {
    var values: [String: String]
    var flags: Set<String>
    /// The units the principal may register for (a clerk's own; nil: any, typed).
    var units: [String]?

    static let textFields = ["number", "received", "channel", "category", "unit", "persons", "leader", "place", "title", "intake",
                             "petitioner_name", "petitioner_id", "petitioner_phone", "petitioner_address"]
    static let flagFields = ["repeated", "skip_level", "contact_unknown"]

    init(_ form: FormFields, principal: Principal, today: Day) {
        values = [:]
        for name in Self.textFields { values[name] = (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        flags = Set(Self.flagFields.filter { form[$0] != nil })
        if form.pairs.isEmpty {
            values["received"] = today.description
            values["persons"] = "1"
        }
        units = principal.isAdmin ? nil : principal.units
        if let units, values["unit"]!.isEmpty || !units.contains(values["unit"]!) { values["unit"] = units.first ?? "" }
    }

    func parse() throws -> (facts: CaseFacts, contact: PetitionerContact?) {
        func required(_ name: String, _ label: String) throws -> String {
            guard let v = values[name], !v.isEmpty else { throw FormError("请填写“\(label)”。") }
            return v
        }
        func optional(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }
        let number = try required("number", "案件编号")
        guard number.count <= 64, !number.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "?" || $0 == "#" }) else {
            throw FormError("案件编号：不可含空格或 / ? #，且不超过64个字符。")
        }
        let received = try FormDay.parse(try required("received", "收到日期"), label: "收到日期")
        let channelText = try required("channel", "来源渠道")
        guard let channel = PetitionChannel(rawValue: channelText) else {
            throw FormError("来源渠道：“\(channelText.prefix(20))”不是\(PetitionChannel.allCases.map(\.rawValue).joined(separator: "、"))之一。")
        }
        let categoryText = try required("category", "类别")
        guard let category = PetitionCategory(rawValue: categoryText) else {
            throw FormError("类别：“\(categoryText.prefix(20))”不是\(PetitionCategory.allCases.map(\.rawValue).joined(separator: "、"))之一。")
        }
        let unit = try required("unit", "承办单位")
        let personsText = try required("persons", "信访人数")
        guard let persons = Int(personsText), persons >= 1, persons <= 100_000 else { throw FormError("信访人数：须为不小于1的整数（收到“\(personsText.prefix(20))”）。") }
        let intakeText = optional("intake") ?? "bureau"
        guard let intake = Intake(rawValue: intakeText) else { throw FormError("受理途径：须为“信访部门登记”或“机关直接收到”。") }
        let facts = CaseFacts(
            number: number, received: received, channel: channel, category: category, unit: unit, persons: persons,
            repeated: flags.contains("repeated"), skipLevel: flags.contains("skip_level"), leader: optional("leader"), intake: intake,
            contactKnown: !flags.contains("contact_unknown"), place: optional("place"), title: optional("title"))
        let contact = PetitionerContact(name: optional("petitioner_name"), idNumber: optional("petitioner_id"), phone: optional("petitioner_phone"),
                                        address: optional("petitioner_address"))
        return (facts, contact.isEmpty ? nil : contact)
    }

    func data(principal: Principal) -> [String: Any] {
        var data: [String: Any] = values
        data["channels"] = PetitionChannel.allCases.map { ["value": $0.rawValue, "selected": values["channel"] == $0.rawValue] }
        data["categories"] = PetitionCategory.allCases.map { ["value": $0.rawValue, "selected": values["category"] == $0.rawValue] }
        data["intakes"] = [("bureau", "信访部门登记"), ("organ", "机关直接收到")].map {
            ["value": $0.0, "name": $0.1, "selected": (values["intake"].flatMap { $0.isEmpty ? nil : $0 } ?? "bureau") == $0.0] as [String: Any]
        }
        for flag in Self.flagFields { data["flag_" + flag] = flags.contains(flag) }
        if let units {
            data["fixedUnits"] = units.map { ["value": $0, "selected": values["unit"] == $0] }
            data["hasFixedUnits"] = true
        } else {
            data["freeUnit"] = true
        }
        return data
    }
}

/// 记录事件 as typed: the type (key or Chinese name), the day, the type's own values, a note.
struct EventFormInput {
    var type: String
    var values: [String: String]

    static let valueLabels: [EventValueKey: String] = [
        .to: "接收机关", .reportDue: "办结报告期限", .days: "延长天数", .approver: "批准人", .reason: "延期理由", .rating: "评价结果",
    ]

    init(_ form: FormFields, today: Day) {
        type = (form["type"] ?? "").trimmingCharacters(in: .whitespaces)
        values = [:]
        for name in ["day", "note"] + EventValueKey.allCases.map(\.rawValue) {
            values[name] = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
        }
        if form["day"] == nil { values["day"] = today.description }
    }

    static func type(_ typed: String) -> EventType? {
        guard let t = EventType(typed: typed), t != .received else { return nil }
        return t
    }

    static func unknownType(_ typed: String) -> String {
        "事件类型“\(typed.prefix(30))”不存在，请从列表中选择。"
    }

    func parse() throws -> (event: CaseEvent, note: String?) {
        guard !type.isEmpty else { throw FormError("请选择事件类型。") }
        guard let type = Self.type(type) else { throw FormError(Self.unknownType(type)) }
        guard let dayText = values["day"], !dayText.isEmpty else { throw FormError("请填写“日期”。") }
        let day = try FormDay.parse(dayText, label: "日期")
        let kind = try CaseEvent.Kind(type, values: FormEventValues(values: values))
        let note = values["note"].flatMap { $0.isEmpty ? nil : $0 }
        return (CaseEvent(kind, on: day), note)
    }

    func data(caseNumber: String) -> [String: Any] {
        let chosen = Self.type(type) ?? .accepted
        var data: [String: Any] = ["number": caseNumber, "day": values["day"] ?? "", "note": values["note"] ?? ""]
        data["types"] = EventType.allCases.filter { $0 != .received }.map {
            ["key": $0.key, "name": $0.chineseName, "selected": $0 == chosen] as [String: Any]
        }
        data["fields"] = chosen.valueKeys.map { key -> [String: Any] in
            var field: [String: Any] = ["key": key.rawValue, "label": Self.valueLabels[key] ?? key.rawValue, "value": values[key.rawValue] ?? ""]
            switch key {
            case .rating:
                field["ratings"] = Rating.allCases.map { ["value": $0.rawValue, "selected": values["rating"] == $0.rawValue] }
                field["hasRatings"] = true
            case .reportDue: field["hint"] = "YYYY-MM-DD，可不填"
            case .days:
                field["hint"] = "1至30日"
                field["required"] = true
            case .to: field["hint"] = "可不填"
            default: field["required"] = true
            }
            return field
        }
        data["typeName"] = chosen.chineseName
        return data
    }
}

/// An event's own values read from a form (the same construction `xinfangctl event add` uses).
struct FormEventValues: EventValueSource {
    let values: [String: String]

    private func label(_ key: EventValueKey) -> String { EventFormInput.valueLabels[key] ?? key.rawValue }
    private func text(_ key: EventValueKey) -> String? { values[key.rawValue].flatMap { $0.isEmpty ? nil : $0 } }

    func optionalText(_ key: EventValueKey) throws(FormError) -> String? { text(key) }
    func requiredText(_ key: EventValueKey) throws(FormError) -> String {
        guard let v = text(key) else { throw FormError("请填写“\(label(key))”。") }
        return v
    }
    func optionalDay(_ key: EventValueKey) throws(FormError) -> Day? {
        guard let v = text(key) else { return nil }
        do { return try FormDay.parse(v, label: label(key)) } catch let error as FormError { throw error } catch { throw FormError("\(label(key))：日期有误。") }
    }
    func requiredInt(_ key: EventValueKey) throws(FormError) -> Int {
        guard let v = text(key) else { throw FormError("请填写“\(label(key))”。") }
        guard let n = Int(v) else { throw FormError("\(label(key))：“\(v.prefix(20))”不是整数。") }
        return n
    }
    func rating(_ key: EventValueKey) throws(FormError) -> Rating {
        guard let v = text(key) else { throw FormError("请选择“\(label(key))”。") }
        guard let r = Rating(rawValue: v) else { throw FormError("\(label(key))：须为\(Rating.allCases.map(\.rawValue).joined(separator: "、"))之一。") }
        return r
    }
}
