import ArgumentParser
import Foundation
import XinfangCore
import XinfangFiles

/// `xinfangctl period`: the escalation-risk periods (敏感时期) of the periods file.
struct PeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "敏感时期 Escalation-risk periods (敏感时期): list, add.", subcommands: [List.self, Add.self])

    /// The periods file of the configuration (`DaemonConfig.periodsFilePath`, as the daemon reads it).
    static func file(_ options: StoreOptions) throws -> String { try options.loadConfig().periodsFilePath }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出敏感时期 The periods, and which are in force on a day.")
        @Option(name: .customLong("on"), help: "Mark the periods in force on this day (default: today).") var day: String?
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let path = try PeriodCommand.file(storeOptions)
            guard FileManager.default.fileExists(atPath: path) else { return print("no periods file (\(path))") }
            let periods: [SensitivePeriod]
            do throws(InputErrors) { periods = try PeriodsFile.read(path: path) } catch { throw InputFailure(message: error.description) }
            let on = try day.map { try parseDay($0, option: "--on") } ?? today()
            for p in periods {
                let cutoff = String(format: "%02d:%02d", p.dailyReportCutoffMinute / 60, p.dailyReportCutoffMinute % 60)
                print("\(p.contains(on) ? "* " : "  ")\(p.name)  \(p.first)…\(p.last)  level \(p.level)  report by \(cutoff)  units: \(p.units.isEmpty ? "all" : p.units.joined(separator: ", "))")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "添加敏感时期 Add a period to the periods file (validated); reload the daemon to apply it.")
        @Argument var name: String
        @Option var first: String
        @Option var last: String
        @Option var level: Int = 1
        @Option(help: "A unit concerned (repeat; none: all units).") var unit: [String] = []
        @Option(help: "Daily report cut-off, e.g. 16:00.") var cutoff: String = "16:00"
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let path = try PeriodCommand.file(storeOptions)
            func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            let entry = """

                [[periods]]
                name = \(quoted(name))
                first = \(try parseDay(first, option: "--first"))
                last = \(try parseDay(last, option: "--last"))
                level = \(level)
                units = [\(unit.map(quoted).joined(separator: ", "))]
                report_cutoff = \(quoted(cutoff))

                """
            let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let candidate = NSTemporaryDirectory() + "/periods-\(getpid()).toml"
            try (existing + entry).write(toFile: candidate, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: candidate) }
            do throws(InputErrors) { _ = try PeriodsFile.read(path: candidate) } catch {
                throw InputFailure(message: error.description.replacingOccurrences(of: candidate, with: path))
            }
            try (existing + entry).write(toFile: path, atomically: true, encoding: .utf8)
            print("period \(name) added to \(path); reload the daemon (systemctl reload xinfangd, or SIGHUP) to apply it")
        }
    }
}
