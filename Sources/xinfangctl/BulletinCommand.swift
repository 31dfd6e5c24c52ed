import ArgumentParser
import Foundation
import XinfangApp
import XinfangCore
import XinfangPolicy
import XinfangReports
import XinfangStore

/// `xinfangctl report bulletin`: the measures of docs/domain.md#measures per unit and month, as Markdown, CSV
/// or one self-contained HTML page with SVG charts; each measure with its formula printed under it.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "报表 Reports: the bulletin, and daily reports in escalation-risk periods.", subcommands: [BulletinReport.self, File.self])

    struct BulletinReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bulletin", abstract: "信访通报 The bulletin (通报): cases by status and on-time rates per unit and month, with their formulas.")
        @Option(help: "First day (YYYY-MM-DD).") var from: String
        @Option(help: "Last day (YYYY-MM-DD).") var to: String
        @Option(help: "Only this unit.") var unit: String?
        @Option(help: "md, csv, html or xlsx (xlsx needs --output).") var format: String = "md"
        @Option(help: "Write to this file (default: stdout).") var output: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let first = try parseDay(from, option: "--from"), last = try parseDay(to, option: "--to")
            guard first <= last else { throw InputFailure(message: "--to is before --from") }
            guard ["md", "csv", "html", "xlsx"].contains(format) else { throw InputFailure(message: "--format: \(FieldText.quoted(format)) is not md, csv, html or xlsx") }
            if format == "xlsx" && output == nil { throw InputFailure(message: "--output: an xlsx workbook is written to a file") }
            let context = try storeOptions.open()
            let evaluationDue = try context.registry.evaluationDue(calendar: context.calendar)
            let bulletin = try Bulletins.compute(store: context.store, from: first, through: last, unit: unit, evaluationDue: evaluationDue)
            if format == "xlsx", let output { return try BulletinWorkbook.write(bulletin, to: output) }
            let text = switch format {
            case "csv": bulletin.csv()
            case "html": bulletin.html()
            default: bulletin.markdown()
            }
            if let output {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}

extension ReportCommand {
    /// `xinfangctl report file`: a unit's daily report inside an escalation-risk period.
    struct File: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "file", abstract: "报送日报 File a unit's daily report in an escalation-risk period (敏感时期): --nil for 零报告 (无事报平安), or --text.")
        @Option(help: "The unit.") var unit: String
        @Flag(name: .customLong("nil"), help: "Nothing to report (零报告).") var nilReport = false
        @Option(help: "What there is to report.") var text: String?
        @Option(help: "The day reported on (default: today).") var day: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard nilReport != (text != nil) else { throw InputFailure(message: "give exactly one of --nil or --text") }
            let context = try storeOptions.openForWriting()
            let now = ReadSupport.now()
            let filed = DayMinute(context.time.day(of: now), minute: Int((now + Int64(context.config.utcOffsetSeconds)) % 86_400 / 60))
            let report = DailyReport(unit: unit, day: try day.map { try parseDay($0, option: "--day") } ?? filed.day, isNilReport: nilReport, filed: filed)
            try storeRefusal { try context.store.fileDailyReport(report, text: text, actor: context.actor) }
            context.nudge()
            print("\(unit): report for \(report.day) filed at \(filed)\(nilReport ? " (零报告)" : "")")
        }
    }
}
