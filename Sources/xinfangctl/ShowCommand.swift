import ArgumentParser
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
            let view = try CaseView(record: record, context: context, asOf: asOfDay)
            if json { return try printJSON(view) }
            print(view.text)
        }
    }
}

/// `case show`'s output.
struct CaseView: Encodable {
    struct Facts: Encodable {
        var number: String
        var received: String
        var receivedWeekday: String
        var channel: String
        var category: String
        var unit: String
        var persons: Int
        var repeated: Bool
        var skipLevel: Bool
        var leader: String?
        var intake: String
        var contactKnown: Bool
        var closed: String?
        var version: Int64
        /// Not yet computed by the daemon.
        var dirty: Bool
        var createdAt: String
    }

    struct Ownership: Encodable {
        var leader: String
        var since: String
        var until: String?
    }

    struct Event: Encodable {
        var seq: Int
        var date: String
        var type: String
        var name: String
        var details: String?
        var note: String?
        var recordedAt: String
        var lateByDays: Int?
    }

    struct Scheduled: Encodable {
        var kind: String
        var name: String
        var status: String
        var due: String?
        var nextMilestone: String?
        var nextMilestoneIndex: Int?
        var firesAt: String?
    }

    struct Delivery: Encodable {
        var channel: String
        var state: String
        var attempts: Int
        var lastError: String?
        var deliveredAt: String?
        var nextAttemptAt: String?
    }

    struct ReminderRow: Encodable {
        var id: Int64
        var caseNumber: String
        var kind: String
        var milestone: String
        var due: String
        var recipientRole: String
        var recipient: String
        var subject: String
        var fireAt: String
        var createdAt: String
        var lateBySeconds: Int64?
        var ackedAt: String?
        var deliveries: [Delivery]
        /// An overdue reminder whose overdue record was withdrawn: later events show the deadline met.
        var withdrawn = false

        init(_ s: ReminderState, time: LocalTime) {
            let r = s.reminder
            id = r.id
            caseNumber = r.caseNumber
            kind = r.kind
            milestone = r.milestone
            due = r.due.description
            recipientRole = r.recipient.role.rawValue
            recipient = r.recipient.name
            subject = r.subject
            fireAt = time.format(r.fireAt)
            createdAt = time.format(r.createdAt)
            lateBySeconds = r.lateBySeconds
            ackedAt = s.ackedAt.map(time.format)
            deliveries = s.deliveries.map {
                Delivery(channel: $0.channel, state: $0.state, attempts: $0.attempts, lastError: $0.lastError,
                         deliveredAt: $0.deliveredAt.map(time.format), nextAttemptAt: $0.state == "pending" ? $0.nextAttemptAt.map(time.format) : nil)
            }
        }

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

    var facts: Facts
    var ownership: [Ownership]
    var timeline: [Event]
    var policy: String
    var policyVersion: String
    /// Why the unit's selected policy is not the one in force (its plugin failed), if so.
    var policyFallback: String?
    var calendar: String
    var calendarYears: String?
    var asOf: String
    var deadlines: [CaseReport.DeadlineRow]
    var schedule: [Scheduled]
    var scheduleNote: String?
    var reminders: [ReminderRow]
    /// The 信访件状态 an export gave without the days of its events (issue 14), if any.
    var importedState: ImportedState?
    struct ImportedState: Encodable {
        var state: String
        var undated: [String]
        var source: String
    }
    /// The deadline lines exactly as `case explain` prints them.
    private var deadlineText: [String]

    private enum CodingKeys: String, CodingKey {
        case facts = "case", ownership, timeline, policy, policyVersion, policyFallback, calendar, calendarYears, asOf, deadlines, schedule, scheduleNote, reminders, importedState
    }

    init(record: CaseRecord, context: Context, asOf: Day) throws {
        let time = context.time
        let scheduling = try context.scheduling
        let calendar = scheduling.calendar
        let timeline = record.stored.timeline
        let f = timeline.facts
        let registry = try context.registry
        let policy = registry.policy(forUnit: f.unit)
        policyFallback = registry.fallbacks[f.unit]
        importedState = try context.store.importedState(number: f.number).map { ImportedState(state: $0.state, undated: $0.undated, source: $0.source) }
        facts = Facts(
            number: f.number, received: f.received.description, receivedWeekday: f.received.chineseWeekday, channel: f.channel.rawValue,
            category: f.category.rawValue, unit: f.unit, persons: f.persons, repeated: f.repeated, skipLevel: f.skipLevel, leader: f.leader,
            intake: f.intake.rawValue, contactKnown: f.contactKnown, closed: record.closed?.description, version: record.stored.version,
            dirty: record.dirty, createdAt: time.format(record.createdAt))
        ownership = record.ownership.map { Ownership(leader: $0.leader, since: time.format($0.since), until: $0.until.map(time.format)) }

        // Replays the events through the policy to find the requests recorded late.
        var partial = CaseTimeline(facts: f)
        var events: [Event] = []
        for e in record.events {
            var late: Int? = nil
            if let event = e.event, e.seq > 0 {
                late = (try? policy.check(event, against: partial, calendar: calendar))?.lateByDays
                partial = partial.appending(checked: event)
            }
            events.append(Event(
                seq: e.seq, date: e.day.description, type: e.type, name: e.event?.kind.chineseName ?? e.type,
                details: e.event.flatMap { CaseReport.detail($0.kind) }.flatMap { $0.isEmpty ? nil : $0 }, note: e.note,
                recordedAt: time.format(e.recordedAt), lateByDays: late))
        }
        self.timeline = events

        let report = CaseReport(timeline: timeline, acceptances: [], deadlines: policy.deadlines(for: timeline, calendar: calendar, asOf: asOf),
                                policy: policy.descriptor, calendar: calendar, asOf: asOf)
        self.policy = report.policy
        policyVersion = report.policyVersion
        self.calendar = report.calendar
        calendarYears = report.calendarYears
        self.asOf = report.asOf
        deadlines = report.deadlines
        let lines = report.text.components(separatedBy: "\n")
        deadlineText = [lines[1]] + (lines.firstIndex(of: "Deadlines 期限").map { Array(lines[$0...]) } ?? [])

        schedule = record.stored.deadlines.map { d in
            var row = Scheduled(kind: d.kind.rawValue, name: d.kind.chineseName, status: d.status.rawValue, due: d.due?.description)
            if let index = d.nextMilestone, let start = d.start, let due = d.due {
                let milestones = scheduling.reminders.milestones(kind: d.kind, start: start, due: due, periodDays: d.periodDays ?? (due - start), calendar: calendar)
                row.nextMilestone = index < milestones.count ? milestones[index].name : nil
                row.nextMilestoneIndex = index
                row.firesAt = d.nextFireAt.map(time.format)
            }
            return row
        }
        if record.dirty {
            scheduleNote = record.stored.deadlines.isEmpty
                ? "not yet scheduled by the daemon (待计算)"
                : "from an earlier version of the case: the daemon has not yet recomputed it (待计算)"
        }
        let standing = try context.store.overdueRecords(caseNumber: f.number)
        reminders = record.reminders.map { state in
            var row = ReminderRow(state, time: time)
            let r = state.reminder
            // An overdue reminder whose record later events withdrew (the deadline was met after all).
            row.withdrawn = r.milestone == "overdue" && r.deadlineKind != nil && !standing.contains("\(r.kind)|\(r.due)")
            return row
        }
    }

    var text: String {
        var lines: [String] = []
        var head = "\(facts.number)  \(facts.category)类  \(facts.unit)  收到 \(facts.received) \(facts.receivedWeekday)  \(facts.channel)"
        head += facts.persons > 1 ? " · \(facts.persons)人" : ""
        if facts.repeated { head += " · 重复信访" }
        if facts.skipLevel { head += " · 越级" }
        head += facts.closed.map { " · 办结 closed \($0)" } ?? " · open"
        lines.append(head)
        lines.append("intake \(facts.intake)\(facts.contactKnown ? "" : " · contact unknown") · version \(facts.version) · created \(facts.createdAt)"
            + (facts.dirty ? " · waiting for the daemon (待计算)" : ""))
        if let fallback = policyFallback { lines.append("POLICY FALLBACK: \(fallback)") }
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

extension CaseView.Scheduled {
    init(kind: String, name: String, status: String, due: String?) {
        self.init(kind: kind, name: name, status: status, due: due, nextMilestone: nil, nextMilestoneIndex: nil, firesAt: nil)
    }
}
