import ArgumentParser
import XinfangApp
import XinfangCore
import XinfangFiles
import XinfangPolicy

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "信访事项 Petition cases.",
        subcommands: [Add.self, Assign.self, Explain.self, Show.self, Link.self]
    )

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "解释期限 Read one case timeline (TOML or JSON) and explain each deadline: status, due date, article, derivation.",
            discussion: "The policy is the one configured for the case's unit ([policy] in xinfangd.toml), unless --policy names one.")

        @Argument(help: "A case timeline file (.toml or .json; format in the README).") var file: String
        @Option(help: "Use this policy instead of the unit's configured one (e.g. cn-2005).") var policy: String?
        @Option(name: .customLong("as-of"), help: "Judge open/missed as of this date (default: today in Asia/Shanghai).") var asOf: String?
        @OptionGroup var calendarOptions: CalendarOptions
        @OptionGroup var config: ConfigOption
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let registry = try config.registry()
            let asOfDay = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
            let document: TimelineFile
            do throws(InputError) { document = try TimelineFile.read(path: file) } catch { throw InputFailure(message: error.description) }
            let chosen: any DeadlinePolicy
            if let id = policy {
                guard let p = registry.policy(id: id) else {
                    throw InputFailure(message: "--policy: unknown policy \(id); known: \(registry.entries.keys.sorted().joined(separator: ", "))")
                }
                chosen = p
            } else {
                chosen = registry.policy(forUnit: document.facts.unit)
            }
            let calendar = try calendarOptions.load()
            let timeline: CaseTimeline
            let acceptances: [EventAcceptance]
            do throws(InputError) {
                (timeline, acceptances) = try document.timeline(policy: chosen, calendar: calendar)
            } catch {
                throw InputFailure(message: error.description)
            }
            let deadlines = chosen.deadlines(for: timeline, calendar: calendar, asOf: asOfDay)
            let report = CaseReport(timeline: timeline, acceptances: acceptances, deadlines: deadlines,
                                    policy: chosen.descriptor, calendar: calendar, asOf: asOfDay)
            if json { return try printJSON(report) }
            print(report.text)
        }
    }
}
