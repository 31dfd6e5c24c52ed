import ArgumentParser
import XinfangCore
import XinfangEngine
import XinfangStore

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "日程 What will fire in a window of days, changing nothing: deadlines' milestones, reception days, duties and digests, with their recipients.",
        discussion: """
            The window is [--from 00:00, --from + --days) local time. For every scheduled deadline, the milestones from its
            next one on whose fire time falls in the window are listed. Cases the daemon has not computed yet are scheduled
            here as the daemon would at the window's start (or now, if later), and marked "(not yet scheduled by the
            daemon)". A milestone whose time has passed without firing (the daemon was down) is marked late: it fires as
            soon as the daemon runs.
            """)

    @Option(help: "The first day (default: today).") var from: String?
    @Option(help: "How many days (1–3660, default 7).") var days = 7
    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    struct Item: Encodable {
        var caseNumber: String
        var kind: String
        var name: String
        var milestone: String
        var milestoneDay: String
        var fireAt: String
        var due: String
        var dueWeekday: String
        var provisional: Bool
        var unit: String
        var leader: String?
        var recipients: [String]
        /// Its time passed without firing: it fires as soon as the daemon runs.
        var late: Bool
        var notYetScheduled: Bool
        var fireAtUnix: Int64
    }

    struct Output: Encodable {
        var from: String
        var until: String
        var days: Int
        var items: [Item]
    }

    func run() throws {
        let first = try from.map { try parseDay($0, option: "--from") } ?? today()
        guard (1...3660).contains(days) else { throw InputFailure(message: "--days: \(days) is not between 1 and 3660") }
        let context = try storeOptions.open()
        let time = context.time
        let scheduling = try context.scheduling
        let start = time.instant(first, secondOfDay: 0)
        let end = time.instant(first.adding(days: days), secondOfDay: 0)
        let now = ReadSupport.now()
        let stored = try context.store.scheduledDeadlines(firingBefore: end).filter { !$0.caseDirty }
        let computed = ReadSupport.computedRows(try context.store.dirtyCases(), registry: try context.registry, scheduling: scheduling,
                                                now: min(now, start))
        var items: [Item] = []
        for row in stored + computed {
            let d = row.deadline
            guard let next = d.nextMilestone, let startDay = d.start, let due = d.due else { continue }
            let milestones = scheduling.reminders.milestones(kind: d.kind, start: startDay, due: due, periodDays: d.periodDays ?? (due - startDay), calendar: scheduling.calendar)
            for i in milestones.indices where i >= next {
                let m = milestones[i]
                let at = i == next ? (d.nextFireAt ?? time.reminderInstant(m.day)) : time.reminderInstant(m.day)
                let late = at < now
                guard (start..<end).contains(at) || (late && (start..<end).contains(now)) else { continue }
                items.append(Item(
                    caseNumber: row.caseNumber, kind: d.kind.rawValue, name: d.kind.chineseName, milestone: m.name, milestoneDay: m.day.description,
                    fireAt: time.format(at), due: due.description, dueWeekday: due.chineseWeekday, provisional: d.provisional, unit: row.unit,
                    leader: row.leader, recipients: ["unit:\(row.unit)"] + (row.leader.map { ["leader:\($0)"] } ?? []), late: late,
                    notYetScheduled: row.caseDirty, fireAtUnix: at))
            }
        }
        items += try timerItems(context, first: first, start: start, end: end, now: now)
        items.sort { ($0.fireAtUnix, $0.caseNumber, $0.kind) < ($1.fireAtUnix, $1.caseNumber, $1.kind) }
        let until = first.adding(days: days)
        if json { return try printJSON(Output(from: first.description, until: until.description, days: days, items: items)) }
        print("日程 agenda \(first) 00:00 … \(until) 00:00（\(days)天 day(s)）：\(items.count) 项提醒 reminder(s)")
        if items.isEmpty { return }
        var table = TextTable("提醒时间 fires", "案件/事项 case", "类型 kind", "节点 milestone", "截止 due", "", "收件人 recipients", "")
        for i in items {
            var note: [String] = []
            if i.late { note.append("late (was \(i.milestoneDay)): fires as soon as the daemon runs") }
            if i.notYetScheduled { note.append("(not yet scheduled by the daemon)") }
            if i.provisional { note.append("provisional") }
            table.append([i.late ? "asap (late)" : i.fireAt, i.caseNumber, i.kind, i.milestone, i.due, i.dueWeekday, i.recipients.joined(separator: ", "),
                          note.joined(separator: "; ")])
        }
        print(table.text)
    }

    /// Reception reminders (接访), recurring duties (例行事项) and leaders' weekly digests (包案周报)
    /// whose time falls in the window, as the daemon's timers will fire them.
    func timerItems(_ context: Context, first: Day, start: Int64, end: Int64, now: Int64) throws -> [Item] {
        let time = context.time
        let calendar = try context.calendar
        let policy = context.receptionPolicy
        let last = time.day(of: end - 1)
        func item(_ subject: String, kind: String, name: String, milestone: String, day: Day, due: Day, unit: String, recipients: [String]) -> Item? {
            let at = time.reminderInstant(day)
            guard (start..<end).contains(at) else { return nil }
            return Item(caseNumber: subject, kind: kind, name: name, milestone: milestone, milestoneDay: day.description, fireAt: time.format(at),
                        due: due.description, dueWeekday: due.chineseWeekday, provisional: false, unit: unit, leader: nil,
                        recipients: recipients, late: false, notYetScheduled: false, fireAtUnix: at)
        }
        var items: [Item] = []
        // Reminders come up to a few working days before the reception day: look beyond the window.
        for o in try context.occurrences(from: first, through: last.adding(days: 30)) where o.isHeld {
            for m in policy.milestones(for: o, calendar: calendar) {
                if let i = item(o.place, kind: "reception", name: "接访", milestone: m.name, day: m.day, due: o.day, unit: o.place,
                                recipients: ["leader:\(o.leader)"]) { items.append(i) }
            }
        }
        let known = Set(try context.store.units().map(\.name)), leaderNames = Set(try context.store.leaders().map(\.name))
        // A digest goes only to a leader who owns open cases.
        let leaders = try context.store.leaders().filter { !(try context.store.briefingCases(leader: $0.name)).isEmpty }
        var day = first
        while day <= last {
            for duty in context.config.duties where duty.falls(on: day) {
                let to = duty.to.filter { known.contains($0) || leaderNames.contains($0) }
                if !to.isEmpty, let i = item(duty.name, kind: "duty", name: "例行事项", milestone: duty.kind.rawValue, day: day, due: day, unit: to.first ?? "",
                                recipients: to.map { leaderNames.contains($0) ? "leader:\($0)" : "unit:\($0)" }) { items.append(i) }
            }
            if day.isoWeekday == context.config.digestWeekday {
                for l in leaders {
                    if let i = item("周报 \(day)", kind: "digest", name: "包案周报", milestone: "weekly", day: day, due: day, unit: l.name,
                                    recipients: ["leader:\(l.name)"]) { items.append(i) }
                }
            }
            day = day.adding(days: 1)
        }
        return items
    }
}
