import Foundation
import XinfangCore

/// The Chinese the pages show for the read models' machine words: reminder kinds and milestones,
/// delivery channels and states, the deadline engine's notes, the timeline's details. The read
/// models keep their words (the CLI prints them, API clients depend on them); only the pages
/// translate, here, in one place. A word not known here is shown as it is.
enum PageText {
    /// A reminder's kind: a deadline's code with its name (`D3 受理告知`), or the kind's Chinese name.
    static func reminderKind(_ raw: String) -> String {
        if let kind = DeadlineKind(rawValue: raw) { return "\(kind.rawValue) \(kind.chineseName)" }
        return ownKindNames[raw] ?? raw
    }

    static let ownKindNames = [
        "reception": "接访提醒", "digest": "包案周报", "escalation": "未签收转办", "supervision": "督办",
        "daily-report": "日报", "duty": "例行事项",
    ]

    /// A reminder's milestone (`before-1wd`, `due`, `overdue`, a supervision step, a duty's kind).
    static func milestone(_ raw: String, kind: String = "") -> String {
        if let n = number(in: raw, prefix: "before-", suffix: "wd") { return "到期前\(n)个工作日" }
        if let n = number(in: raw, prefix: "reminder-", suffix: "wd") { return "到期前\(n)个工作日提醒" }
        switch raw {
        case "due": return kind == "reception" ? "接访当日" : "到期当日"
        case "overdue": return kind == "daily-report" ? "逾期未报" : "已逾期"
        case "urge": return "催办通知"
        case "bulletin": return kind == "duty" ? "通报" : "通报建议"
        case "reminder": return "提醒"
        case "weekly": return "每周"
        case "meeting": return "会议"
        case "dispatch": return "积案调度会"
        default: return raw
        }
    }

    static let channelNames = ["maildir": "邮件", "journal": "系统日志", "exec": "外部程序"]
    static let deliveryStateNames = ["pending": "待发送", "sent": "已发送", "failed": "发送失败", "withdrawn": "已撤回"]

    /// One delivery: `邮件：已发送`.
    static func delivery(channel: String, state: String) -> String {
        "\(channelNames[channel] ?? channel)：\(deliveryStateNames[state] ?? state)"
    }

    /// The deadline engine's note on a status, in Chinese.
    static func deadlineNote(_ note: String) -> String {
        if let n = firstNumber(note, after: "done ", before: " day(s) late") { return "逾期\(n)天办结" }
        if let n = firstNumber(note, after: "request ", before: " day(s) after the window closed") { return "期间届满后\(n)天才提出请求：已记录并标注逾期" }
        if let day = between(note, "decided on acceptance on ", " without objection") { return "已于 \(day) 作出受理决定，未提出异议" }
        if let day = between(note, "case closed on ", " before the due day") { return "案件已于 \(day) 办结，早于到期日" }
        if let policy = between(note, "", " sets no time limit for "), let rest = between(note, " sets no time limit for ", " (") {
            return "\(policy) 对\(rest)未设办理期限"
        }
        switch note {
        case "no objection within the period: the option lapsed": return "期间内未提出异议，该项权利失效"
        case "window closed without a request": return "期间届满，未提出请求"
        case "name or address unclear: no written notice owed": return "信访人姓名、住址不清楚：无需书面告知"
        default: return note
        }
    }

    /// A timeline event's detail (`→ 单位, 办结报告 due 2026-08-01`, `+30日, 局长: 理由`).
    static func eventDetail(_ detail: String) -> String {
        if detail.hasPrefix("+"), let days = between(detail, "+", "日, "), let colon = detail.range(of: ": ") {
            let approver = detail[detail.index(detail.startIndex, offsetBy: days.count + 4)..<colon.lowerBound]
            return "延长\(days)日，\(approver)批准：\(detail[colon.upperBound...])"
        }
        return detail.replacingOccurrences(of: "办结报告 due ", with: "办结报告期限 ").replacingOccurrences(of: ", ", with: "，")
    }

    /// The daemon's note on a case whose schedule is not yet (re)computed.
    static func scheduleNote(_ note: String) -> String {
        if note.hasPrefix("not yet scheduled") { return "守护进程尚未计算本案的提醒（待计算）" }
        if note.hasPrefix("from an earlier version") { return "以下提醒来自本案较早的版本：守护进程尚未重新计算（待计算）" }
        return note
    }

    /// Why a unit's policy is not the one in force.
    static func policyFallback(_ note: String) -> String {
        guard let id = between(note, "policy ", " is not available"), let fallback = note.range(of: "; the unit runs on ") else { return note }
        return "政策 \(id) 不可用，本单位按 \(note[fallback.upperBound...]) 办理（详见守护进程日志）"
    }

    /// The built-in policies' summaries in Chinese (a plugin's summary is shown as the plugin gives it).
    static func policySummary(id: String, summary: String) -> String {
        builtInPolicySummaries[id] ?? summary
    }

    static let builtInPolicySummaries = [
        "cn-2022": "《信访工作条例》（2022年）全国规则",
        "cn-2005": "《信访条例》（国务院令第431号，2005年）规则",
    ]

    private static func number(in text: String, prefix: String, suffix: String) -> Int? {
        guard text.hasPrefix(prefix), text.hasSuffix(suffix) else { return nil }
        return Int(text.dropFirst(prefix.count).dropLast(suffix.count))
    }

    private static func firstNumber(_ text: String, after: String, before: String) -> Int? {
        between(text, after, before).flatMap { Int($0) }
    }

    /// The text between `start` (at the beginning when empty) and the first `end` after it.
    private static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let s = start.isEmpty ? text.startIndex..<text.startIndex : text.range(of: start),
              let e = text.range(of: end, range: s.upperBound..<text.endIndex) else { return nil }
        return String(text[s.upperBound..<e.lowerBound])
    }
}
