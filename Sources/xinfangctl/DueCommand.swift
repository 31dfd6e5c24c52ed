import ArgumentParser
import XinfangApp
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

    func run() throws {
        if overdue, within != nil { throw InputFailure(message: "--overdue and --within cannot be combined") }
        let days = try within.map { try ReadSupport.parseDays($0, option: "--within") } ?? 7
        let context = try storeOptions.open()
        if let unit, try !context.store.unitExists(name: unit) { throw InputFailure(message: "--unit: unknown unit \(unit)") }
        let today = today()
        let list = try DueList(reader: try context.reader, today: today, days: days, overdueOnly: overdue, unit: unit, now: ReadSupport.now())
        let items = list.items
        if json {
            return try printJSON(list)
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
