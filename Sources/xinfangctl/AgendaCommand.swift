import ArgumentParser
import XinfangApp
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

    func run() throws {
        let first = try from.map { try parseDay($0, option: "--from") } ?? today()
        guard (1...3660).contains(days) else { throw InputFailure(message: "--days: \(days) is not between 1 and 3660") }
        let context = try storeOptions.open()
        let agenda = try Agenda(reader: try context.reader, config: context.config, first: first, days: days, now: ReadSupport.now())
        let items = agenda.items, until = first.adding(days: days)
        if json { return try printJSON(agenda) }
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
}
