import ArgumentParser
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangStore

extension CaseCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "查看信访事项 Show a stored case: facts, ownership history (包案), timeline, deadlines, schedule and reminders.",
            discussion: """
                Deadlines are computed live from the stored events with the unit's policy, as `case explain` does, as of today
                (or --as-of). The schedule is what the daemon stored. Petitioners' data is never shown.
                """)

        @Argument(help: "The case number.") var number: String
        @Option(name: .customLong("as-of"), help: "Judge open/missed as of this date (default: today in Asia/Shanghai).") var asOf: String?
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let asOfDay = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
            let context = try storeOptions.open()
            guard let record = try context.store.caseRecord(number: number) else { throw InputFailure(message: "unknown case \(number)") }
            let view = try CaseView(record: record, reader: try context.reader, time: context.time, asOf: asOfDay)
            if json { return try printJSON(view) }
            print(view.text)
        }
    }
}

extension CaseView.ReminderRow {
    /// `#12 XF-… D6 before-10wd 期限 due 2026-12-08 → leader 王副县长, 提醒于 fired 2026-11-24 09:00; maildir sent; 签收 acked 2026-11-25 10:02`
    var line: String {
        var line = "#\(id) \(caseNumber) \(kind) \(milestone) 期限 due \(due) → \(recipientRole) \(recipient), 提醒于 fired \(fireAt)"
        if let late = lateBySeconds { line += "（补发，迟 \(late / 60) 分钟 late by \(late / 60) min）" }
        line += "; " + (deliveries.isEmpty ? "仅日志 journal only" : deliveries.map { d in
            var s = "\(d.channel) \(d.state)"
            if d.attempts != 1 || d.state != "sent" { s += " (\(d.attempts) attempt\(d.attempts == 1 ? "" : "s"))" }
            if let e = d.lastError, d.state != "sent" { s += ": \(e)" }
            return s
        }.joined(separator: ", "))
        line += "; " + (ackedAt.map { "签收 acked \($0)" } ?? "not acked 未签收")
        if withdrawn { line += "; 逾期记录已撤销 overdue record withdrawn: later events show it was not overdue" }
        return line
    }
}

extension CaseView {
    var text: String {
        var lines: [String] = []
        var head = "\(facts.number)  \(facts.category)类  \(facts.unit)  收到 \(facts.received) \(facts.receivedWeekday)  \(facts.channel)"
        head += facts.persons > 1 ? " · \(facts.persons)人" : ""
        if facts.repeated { head += " · 重复信访" }
        if let first = facts.repeatOf { head += " · 重件 repeat of \(first)" }
        if facts.skipLevel { head += " · 越级" }
        head += facts.closed.map { " · 办结 closed \($0)" } ?? " · open"
        lines.append(head)
        lines.append("intake \(facts.intake)\(facts.contactKnown ? "" : " · contact unknown") · version \(facts.version) · created \(facts.createdAt)"
            + (facts.dirty ? " · waiting for the daemon (待计算)" : ""))
        if let fallback = policyFallback { lines.append("POLICY FALLBACK: \(fallback)") }
        if !repeats.isEmpty { lines.append("重件 repeats: \(repeats.joined(separator: ", "))") }
        if let e = evaluation {
            var line = "满意度评价 evaluation: \(e.name) \(e.state)"
            if let rating = e.rating, let on = e.evaluatedOn { line += " \(rating) on \(on)" }
            line += " · window \(e.opened)…\(e.due) \(e.dueWeekday)"
            if let late = e.lateByDays { line += " · 逾期评价 LATE by \(late) day(s)" }
            lines.append(line)
        }
        lines.append("")
        lines.append("Ownership 包案领导")
        if ownership.isEmpty { lines.append("  (none)") }
        for o in ownership { lines.append("  \(o.leader)  since \(o.since)" + (o.until.map { " until \($0)" } ?? " (current)")) }
        lines.append("")
        lines.append("Timeline 事件")
        var table = TextTable("  seq", "date", "type", "事件", "details", "recorded")
        for e in timeline {
            var details = e.details ?? ""
            if let note = e.note { details += (details.isEmpty ? "" : "; ") + "note: \(note)" }
            if let late = e.lateByDays { details += (details.isEmpty ? "" : "; ") + "LATE by \(late) day(s)" }
            table.append(["  \(e.seq)", e.date, e.type, e.name, details, e.recordedAt])
        }
        lines.append(table.text)
        if let s = importedState {
            lines.append("  导入状态 imported state: \(s.state) (from \(s.source)); its events have no day in the export "
                + "(\(s.undated.joined(separator: ", "))): not recorded as events, no day invented")
        }
        lines.append("")
        lines.append(contentsOf: deadlineText)
        lines.append("")
        lines.append("Schedule 提醒计划" + (scheduleNote.map { " — \($0)" } ?? ""))
        let scheduled = schedule.filter { $0.nextMilestoneIndex != nil }
        if scheduled.isEmpty { lines.append("  (nothing scheduled)") }
        for s in scheduled {
            lines.append("  \(s.kind.padding(toLength: 3, withPad: " ", startingAt: 0)) \(s.name): next \(s.nextMilestone ?? "?") fires \(s.firesAt ?? "?")"
                + (s.due.map { " (due \($0))" } ?? ""))
        }
        lines.append("")
        lines.append("Reminders 提醒")
        if reminders.isEmpty { lines.append("  (none)") }
        for r in reminders { lines.append("  " + r.line) }
        return lines.joined(separator: "\n")
    }
}
