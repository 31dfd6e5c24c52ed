import ArgumentParser
import XinfangApp
import XinfangStore

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "提醒 Reminders (提醒) the daemon created, with their delivery on each channel, and their acknowledgement (签收).",
        subcommands: [List.self, Ack.self, Link.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出提醒 List reminders, newest first (the default subcommand: `xinfangctl reminders --pending` lists).",
            discussion: "Delivery states per channel: sent, pending (to be retried), failed (given up). A reminder without channels was only logged.")

        @Flag(help: "Only those with a delivery still pending.") var pending = false
        @Flag(help: "Only those with a delivery that failed for good.") var failed = false
        @Flag(help: "Only those not yet acknowledged (未签收).") var unacked = false
        @Option(name: .customLong("case"), help: "Only the reminders of this case.") var caseNumber: String?
        @Option(help: "At most this many (1–100000).") var limit = 100
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let chosen = [(pending, ReminderFilter.pending), (failed, .failed), (unacked, .unacked)].filter(\.0).map(\.1)
            guard chosen.count <= 1 else { throw InputFailure(message: "--pending, --failed and --unacked exclude each other: choose one") }
            guard (1...100_000).contains(limit) else { throw InputFailure(message: "--limit: \(limit) is not between 1 and 100000") }
            let context = try storeOptions.open()
            if let caseNumber { try ReadSupport.requireCase(caseNumber, in: context.store) }
            let states = try context.store.reminders(chosen.first ?? .all, caseNumber: caseNumber, limit: limit)
            let rows = states.map { CaseView.ReminderRow($0, time: context.time) }
            if json { return try printJSON(rows) }
            if rows.isEmpty { return print("无提醒 no reminders") }
            for r in rows { print(r.line) }
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "签收提醒 Acknowledge (签收) a reminder: records who and when in the store and the audit log.",
            discussion: "Refuses an unknown id and a reminder already acknowledged (exit 2).")

        @Argument(help: "The reminder's id (see `xinfangctl reminders`).") var id: Int64
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print the acknowledged reminder as JSON.") var json = false

        func run() throws {
            let context = try storeOptions.openForWriting()
            guard let state = try context.store.reminder(id: id) else { throw InputFailure(message: "unknown reminder \(id)") }
            if let acked = state.ackedAt {
                throw InputFailure(message: "reminder \(id) was already acknowledged (签收) at \(context.time.format(acked))")
            }
            let done = try storeRefusal { try context.store.ack(reminderID: id, actor: context.actor) }
            let row = CaseView.ReminderRow(done, time: context.time)
            if json { return try printJSON(row) }
            print("已签收 reminder \(id) acknowledged (签收) at \(row.ackedAt ?? "?"): \(row.caseNumber) \(row.kind) \(row.milestone) → \(row.recipient)")
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "签收链接 Print a reminder's 签收 link (/ack/<token>, valid 30 days after the reminder was created), signed with the daemon's link.key.",
            discussion: "Exit 2 for an unknown reminder; exit 1 when link.key is missing (xinfangd creates it at its first start) or unsafe.")

        @Argument(help: "The reminder's id (see `xinfangctl reminders`).") var id: Int64
        @Option(help: "The public base URL of the web interface (e.g. https://xf.example.cn), to print the full URL.") var base: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.open()
            guard let state = try context.store.reminder(id: id) else { throw InputFailure(message: "unknown reminder \(id)") }
            let secret: LinkSecret
            do {
                secret = try LinkSecret.load(path: LinkSecret.path(store: context.store.path))
            } catch {
                throw RuntimeFailure(message: "\(error)")
            }
            let links = AckLinks(secret: secret)
            print(AckLinks.path(token: links.token(for: state.reminder)))
            if let base { print(links.url(base: base, for: state.reminder)) }
        }
    }
}
