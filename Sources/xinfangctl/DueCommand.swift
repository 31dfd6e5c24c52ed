import ArgumentParser
import XinfangCore
import XinfangStore

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "到期与逾期 List the deadlines offices still owe, due within N days of today, or only the overdue ones (逾期).",
        discussion: """
            A deadline is owed while it is open, or missed and not yet done. Overdue ones are listed with --within too,
            first. Petitioners' windows (D8, D10) are not an office's duty and are not listed. Cases the daemon has not
            computed yet are computed here with the unit's policy and marked "*" (not yet computed by the daemon).
            """)

    @Option(help: "Due within this many days of today: 7 or 7d (default 7).") var within: String?
    @Option(help: "Only cases of this unit.") var unit: String?
    @Flag(help: "Only the overdue ones.") var overdue = false
    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    struct Item: Encodable {
        var caseNumber: String
        var kind: String
        var name: String
        var status: String
        var due: String
        var weekday: String
        /// Calendar days from today to the due day; negative when overdue.
        var daysLeft: Int
        var overdue: Bool
        var workingDaysLeft: Int?
        var provisional: Bool
        var unit: String
        var leader: String?
        var article: String
        var notYetComputed: Bool
    }

    struct Output: Encodable {
        var asOf: String
        var overdueOnly: Bool
        var withinDays: Int?
        var unit: String?
        var items: [Item]
    }

    func run() throws {
        if overdue, within != nil { throw InputFailure(message: "--overdue and --within cannot be combined") }
        let days = try within.map { try ReadSupport.parseDays($0, option: "--within") } ?? 7
        let context = try storeOptions.open()
        if let unit, try !context.store.unitExists(name: unit) { throw InputFailure(message: "--unit: unknown unit \(unit)") }
        let today = today()
        let through = overdue ? today.adding(days: -1) : today.adding(days: days)
        let stored = try context.store.owedDeadlines(dueThrough: through, unit: unit).filter { !$0.caseDirty }
        let scheduling = try context.scheduling
        let calendar = scheduling.calendar
        let computed = ReadSupport.computedRows(try context.store.dirtyCases(unit: unit), registry: try context.registry, scheduling: scheduling,
                                                now: ReadSupport.now())
            .filter { ReadSupport.owed($0.deadline) && $0.deadline.due! <= through }
        let items = (stored + computed).map { row -> Item in
            let d = row.deadline, due = d.due!
            return Item(
                caseNumber: row.caseNumber, kind: d.kind.rawValue, name: d.kind.chineseName, status: d.status.rawValue, due: due.description,
                weekday: due.chineseWeekday, daysLeft: due - today, overdue: due < today,
                workingDaysLeft: due < today ? nil : calendar.workingDays(after: today, through: due), provisional: d.provisional,
                unit: row.unit, leader: row.leader, article: d.article, notYetComputed: row.caseDirty)
        }.sorted { ($0.due, $0.caseNumber, DeadlineKind(rawValue: $0.kind)!) < ($1.due, $1.caseNumber, DeadlineKind(rawValue: $1.kind)!) }
        if json {
            return try printJSON(Output(asOf: today.description, overdueOnly: overdue, withinDays: overdue ? nil : days, unit: unit, items: items))
        }
        if items.isEmpty {
            print(overdue ? "截至\(today)无逾期 nothing overdue as of \(today)" : "\(days)天内无到期事项 no deadline due within \(days) day(s) of \(today)")
            return
        }
        var table = TextTable("案件 case", "类型 kind", "期限", "截止 due", "", "剩余 left", "承办单位 unit", "包案领导 leader", "依据 article")
        for i in items {
            var left = ReadSupport.describeLeft(i.daysLeft)
            if let w = i.workingDaysLeft, i.daysLeft > 0 { left += " (\(w) wd)" }
            if i.provisional { left += " provisional" }
            table.append([i.caseNumber + (i.notYetComputed ? "*" : ""), i.kind, i.name, i.due, i.weekday, left, i.unit, i.leader ?? "-", i.article])
        }
        print(table.text)
        if items.contains(where: \.notYetComputed) { print("* 待计算 not yet computed by the daemon: computed here from the stored events") }
    }
}
