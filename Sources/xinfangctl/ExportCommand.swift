import ArgumentParser
import Foundation
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangStore

/// `xinfangctl export cases`: the store's cases as a workbook or CSV with Chinese headers.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "导出 Export the store's cases as xlsx or CSV (Chinese headers).", subcommands: [Cases.self])

    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出信访件 The cases, one row each, with their current deadline; no petitioner data.",
            discussion: "CSV is UTF-8 with a byte order mark, so that Excel opens it right.")
        @Option(help: "Only this unit.") var unit: String?
        @Option(help: "all | open | closed | overdue (an office deadline missed, as of --as-of).") var status: String = "all"
        @Option(help: "xlsx | csv") var format: String
        @Option(help: "Write to this file (default: stdout for CSV; required for xlsx).") var output: String?
        @Option(name: .customLong("as-of"), help: "The day deadlines are judged on (default: today).") var asOf: String?
        @OptionGroup var storeOptions: StoreOptions

        static let headers = ["信访件编号", "信访日期", "信访目的", "信访形式", "去向机构", "信访人数", "问题属地", "内容分类", "包案领导",
                              "信访件状态", "办结日期", "当前期限", "期限日期", "是否超期"]

        func run() throws {
            guard ["all", "open", "closed", "overdue"].contains(status) else {
                throw InputFailure(message: "--status: \(FieldText.quoted(status)) is not all, open, closed or overdue")
            }
            guard format == "xlsx" || format == "csv" else { throw InputFailure(message: "--format: \(FieldText.quoted(format)) is not xlsx or csv") }
            if format == "xlsx" && output == nil { throw InputFailure(message: "--output: an xlsx workbook is written to a file") }
            let context = try storeOptions.open()
            let registry = try context.registry
            let calendar = try context.calendar
            let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
            var rows: [[ExchangeCell?]] = []
            let open: Bool? = switch status {
            case "open", "overdue": true
            case "closed": false
            default: nil
            }
            try context.store.forEachCase(unit: unit, open: open) { stored in
                let timeline = stored.timeline
                let facts = timeline.facts
                let deadlines = registry.policy(forUnit: facts.unit).deadlines(for: timeline, calendar: calendar, asOf: day)
                let current = deadlines
                    .filter { $0.kind.party == .office && ($0.status == .open || $0.status == .missed) && $0.due != nil }
                    .min { $0.due! < $1.due! }
                let overdue = deadlines.contains { $0.kind.party == .office && $0.status == .missed }
                if status == "overdue" && !overdue { return }
                let last = timeline.events.last!
                rows.append([
                    .text(facts.number), .date(facts.received), .text(facts.category.rawValue), .text(facts.channel.rawValue),
                    .text(facts.unit), .number(Double(facts.persons)), facts.place.map { .text($0) }, facts.title.map { .text($0) },
                    facts.leader.map { .text($0) }, .text(last.kind.chineseName), timeline.summary.closed.map { .date($0) },
                    current.map { .text("\($0.kind.rawValue) \($0.kind.chineseName)") }, current?.due.map { .date($0) },
                    .text(overdue ? "是" : "否"),
                ])
            }
            if format == "xlsx", let output {
                try XLSXWriter.write(path: output, sheet: "信访件", headers: Self.headers, rows: rows)
                print("\(output): \(rows.count) case(s)")
                return
            }
            let text = ExchangeCSVWriter.text(headers: Self.headers, rows: rows)
            if let output {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
                print("\(output): \(rows.count) case(s)")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}
