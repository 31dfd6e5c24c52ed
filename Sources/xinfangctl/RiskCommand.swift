import ArgumentParser
import Foundation
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangStore

/// `xinfangctl risk --period NAME`: the open cases ranked by risk for an escalation-risk period,
/// every score explained. Reads only.
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "风险研判 Rank open cases by risk for an escalation-risk period (敏感时期), every score explained.",
        discussion: "Factors: collective (≥ 5 persons), repeated, skip-level, overdue, falling due inside the window, earlier missed deadlines.")

    @Option(help: "The period's name, as in the periods file.") var period: String
    @Option(help: "The periods file (default: as `period list`: [periods] file, or periods.toml next to the configuration).") var periods: String?
    @Option(help: "Only this unit.") var unit: String?
    @Option(help: "Show at most this many cases.") var limit: Int = 50
    @Option(name: .customLong("as-of"), help: "Judge as of this date (default: today).") var asOf: String?
    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    struct Row: Encodable {
        var rank: Int
        var caseNumber: String
        var unit: String
        var leader: String?
        var score: Int
        var reasons: [String]
    }

    func run() throws {
        let context = try storeOptions.open()
        // The same file `period list` and `period add` use.
        let path = try periods ?? PeriodCommand.file(storeOptions)
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputFailure(message: "无敏感时期文件 no periods file (\(path)): add a period with `xinfangctl period add`, or give --periods FILE")
        }
        let all: [SensitivePeriod]
        do throws(InputErrors) { all = try PeriodsFile.read(path: path) } catch { throw InputFailure(message: error.description) }
        guard let window = all.first(where: { $0.name == period }) else {
            throw InputFailure(message: "--period: no period \(FieldText.quoted(period)) in \(path); known: \(all.map(\.name).joined(separator: ", "))")
        }
        let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
        let registry = try context.registry
        let calendar = try context.calendar
        var inputs: [RiskInput] = []
        let misses = try context.store.overdueCounts()
        let repeats = try context.store.repeatCounts(asOf: day)
        try context.store.forEachOpenCase(unit: unit) { stored in
            let facts = stored.timeline.facts
            guard window.binds(facts.unit) else { return }
            let deadlines = registry.policy(forUnit: facts.unit).deadlines(for: stored.timeline, calendar: calendar, asOf: day)
            inputs.append(RiskInput(facts: facts, deadlines: deadlines, earlierMisses: misses[facts.number] ?? 0,
                                    linkedRepeats: repeats[facts.repeatOf ?? facts.number] ?? 0))
        }
        let ranked = RiskRanking(period: window, asOf: day).rank(inputs)
        let rows = ranked.prefix(limit).enumerated().map { i, a in
            Row(rank: i + 1, caseNumber: a.caseNumber, unit: a.unit, leader: a.leader, score: a.score, reasons: a.items.map(\.reason))
        }
        if json { return try printJSON(rows) }
        print("\(window.name) \(window.first)…\(window.last) · as of \(day) · \(inputs.count) open case(s), \(ranked.filter { $0.score > 0 }.count) with risk")
        for r in rows {
            print(String(format: "%3d. %@ %4d  %@  %@", r.rank, r.caseNumber, r.score, r.unit, r.leader ?? "—"))
            for reason in r.reasons { print("       \(reason)") }
        }
    }
}
