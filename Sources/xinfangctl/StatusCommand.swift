import ArgumentParser
import XinfangApp
import XinfangFiles
import XinfangStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "运行状态 The store at a glance: open cases, deadlines due soon and overdue, reminders, the next firing, the last audit row.",
        discussion: """
            Deadline counts are of the rows the daemon stored (offices' duties only); cases it has not computed yet are
            counted apart as waiting for the daemon. "Due soon" is due from today through today + 3 days.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let context = try storeOptions.open()
        let out = try StatusView(store: context.store, today: today(), time: context.time, daemonSocket: context.daemonSocket)
        if json { return try printJSON(out) }
        var table = TextTable("存储 store", out.store)
        table.append(["守护进程 daemon", out.daemonSocket.map { "running 运行中 (\($0))" } ?? "not running 未运行 (no xinfangd listens for this store)"])
        table.append(["截至 as of", out.asOf])
        table.append(["未结案件 open cases", "\(out.openCases)" + (out.dirtyCases > 0 ? " (\(out.dirtyCases) case(s) waiting for the daemon 待计算)" : "")])
        table.append(["期限 deadlines", "\(out.dueWithin3Days) due within 3 days, \(out.overdue) overdue (逾期)"])
        table.append(["提醒 reminders", "\(out.reminders): \(out.remindersPending) pending, \(out.remindersFailed) failed, \(out.remindersUnacked) not acknowledged (未签收)"])
        table.append(["下次提醒 next firing", out.nextFiring.map { "\($0.at) \($0.caseNumber) \($0.kind)" } ?? "无 nothing scheduled"])
        table.append(["审计 last audit", out.lastAuditAt.map { "\($0) (\(out.auditRows) rows)" } ?? "no rows"])
        print(table.text)
    }
}
