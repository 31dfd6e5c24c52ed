public import XinfangCore
public import XinfangPolicy

/// A case's timeline and deadlines as `case explain` shows them, in text or JSON.
public struct CaseReport: Encodable {
    public struct EventRow: Encodable {
        public var on: String
        public var type: String
        public var name: String
        public var detail: String?
        public var lateByDays: Int?
    }

    public struct DeadlineRow: Encodable {
        public var kind: String
        public var name: String
        public var party: String
        public var status: String
        public var start: String?
        public var startEvent: String?
        public var due: String?
        public var dueWeekday: String?
        public var fulfilledOn: String?
        public var provisional: Bool
        public var policy: String
        public var article: String
        public var rule: String?
        public var nominalEnd: String?
        public var rollForward: Bool
        public var holidays: [String]
        public var pauseDays: Int
        public var extensionDays: Int?
        public var extensionNote: String?
        public var note: String?
        public var daysOverdue: Int
    }

    public var caseNumber: String
    public var category: String
    public var unit: String
    public var received: String
    public var policy: String
    public var policyVersion: String
    public var calendar: String
    public var calendarYears: String?
    public var asOf: String
    public var events: [EventRow]
    public var deadlines: [DeadlineRow]

    public init(timeline: CaseTimeline, acceptances: [EventAcceptance], deadlines: [Deadline], policy: PolicyDescriptor,
         calendar: WorkingCalendar, asOf: Day)
    {
        let facts = timeline.facts
        caseNumber = facts.number
        category = facts.category.rawValue
        unit = facts.unit
        received = facts.received.description
        self.policy = policy.id
        policyVersion = policy.version
        self.calendar = calendar.id
        calendarYears = calendar.years.map { "\($0.lowerBound)–\($0.upperBound)" }
        self.asOf = asOf.description
        // acceptances[i] belongs to events[i + 1] (events[0] is the implied `received`).
        events = timeline.events.enumerated().map { i, event in
            EventRow(on: event.on.description, type: event.kind.name, name: event.kind.chineseName,
                     detail: CaseReport.detail(event.kind), lateByDays: i > 0 && i - 1 < acceptances.count ? acceptances[i - 1].lateByDays : nil)
        }
        self.deadlines = deadlines.map { d in
            let v = d.derivation
            return DeadlineRow(
                kind: d.kind.rawValue, name: d.kind.chineseName, party: d.kind.party.rawValue, status: d.status.rawValue,
                start: d.start?.description, startEvent: v.startEvent, due: d.due?.description, dueWeekday: d.due?.chineseWeekday,
                fulfilledOn: d.fulfilledOn?.description, provisional: d.provisional, policy: v.policyID, article: v.article,
                rule: v.period.map(CaseReport.describe), nominalEnd: v.nominalEnd?.description, rollForward: v.rollForward,
                holidays: v.holidays.map { "\($0.name) \($0.from)…\($0.to)" }, pauseDays: v.pauseDays,
                extensionDays: v.extension_?.days,
                extensionNote: v.extension_.map { "延长\($0.days)日，\($0.grantedOn) 经\($0.approver)批准：\($0.reason)（\($0.article)）" },
                note: v.note, daysOverdue: d.daysOverdue(on: asOf))
        }
    }

    public static func describe(_ period: Period) -> String {
        switch period {
        case .calendarDays(let n): "\(n)日（自然日，起算日不计）"
        case .workingDays(let n): "\(n)个工作日"
        case .setByAssigningBody: "交办机关确定的期限"
        }
    }

    public static func detail(_ kind: CaseEvent.Kind) -> String? {
        switch kind {
        case .forwarded(let to?): "→ \(to)"
        case .assigned(let to, let due):
            [to.map { "→ \($0)" }, due.map { "办结报告 due \($0)" }].compactMap { $0 }.joined(separator: ", ")
        case .extensionGranted(let days, let approver, let reason): "+\(days)日, \(approver): \(reason)"
        case .evaluated(let rating): rating.rawValue
        default: nil
        }
    }

    private static let statusText = ["open": "未到期 open", "met": "按期 met", "missed": "逾期 MISSED", "not_applicable": "不适用 n/a"]

    public var text: String {
        var lines: [String] = []
        lines.append("\(caseNumber)  \(category)类  \(unit)  收到 \(received)")
        lines.append("policy \(policy) v\(policyVersion) · calendar \(calendar) \(calendarYears ?? "(no data)") · as of \(asOf)")
        lines.append("")
        lines.append("Events 事件")
        for e in events {
            var line = "  \(e.on)  \(e.type.padding(toLength: 18, withPad: " ", startingAt: 0)) \(e.name)"
            if let d = e.detail, !d.isEmpty { line += "  \(d)" }
            if let late = e.lateByDays { line += "  [LATE by \(late) day(s): recorded, marked late]" }
            lines.append(line)
        }
        lines.append("")
        lines.append("Deadlines 期限")
        for d in deadlines {
            var head = "  \(d.kind.padding(toLength: 3, withPad: " ", startingAt: 0)) \(d.name) — \(CaseReport.statusText[d.status] ?? d.status)"
            if let due = d.due { head += ", due \(due) \(d.dueWeekday ?? "")" }
            if let done = d.fulfilledOn { head += ", done \(done)" }
            if d.daysOverdue > 0 { head += ", \(d.daysOverdue) day(s) overdue" }
            if d.provisional { head += "  [PROVISIONAL: no calendar data for part of the period]" }
            lines.append(head)
            var why = "      \(d.article)"
            if let rule = d.rule { why += ": \(rule)" }
            if let start = d.start { why += ", from \(d.startEvent ?? "start") \(start)" }
            if let end = d.nominalEnd, let due = d.due, end != due, d.rollForward { why += "; ends \(end), rolled forward to \(due)" }
            lines.append(why)
            if let ext = d.extensionNote { lines.append("      \(ext)") }
            if d.pauseDays > 0 { lines.append("      听证 \(d.pauseDays) 日不计入期限 (hearing days excluded)") }
            if !d.holidays.isEmpty { lines.append("      节假日: " + d.holidays.joined(separator: "; ")) }
            if let note = d.note { lines.append("      note: \(note)") }
        }
        return lines.joined(separator: "\n")
    }
}
