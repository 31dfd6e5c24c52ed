import ArgumentParser
import Foundation
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangStore

/// `xinfangctl reconcile FILE`: the export's 限办时间 against Xinfang's due dates.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "核对限办时间 Compare an export's 限办时间 with the due date Xinfang computes for the same deadline.",
        discussion: "Lists each case whose dates differ with both derivations, and totals by kind of disagreement. "
            + "Reads the export only: nothing is stored.")
    @Argument(help: "An export (.xlsx or .csv) of the 信访信息系统.") var file: String
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "xlsx: the sheet to read (default: the first).") var sheet: String?
    @Option(help: "CSV: utf-8 | gbk | gb18030 (default: detected).") var encoding: String?
    @Option(help: "The column profile of the export (default: exchange/provincial.toml).") var profile: String?
    @Option(help: "The handling unit for rows without 去向机构 (its policy decides the deadlines).") var unit: String?
    @Option(name: .customLong("as-of"), help: "The day deadlines are judged on (default: today).") var asOf: String?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let started = Date()
        var exchange = try ExchangeImportOptions.parse([])
        exchange.sheet = sheet
        exchange.encoding = encoding
        exchange.profile = profile
        exchange.unit = unit
        let context = try storeOptions.open()
        let loaded = try exchange.loadProfile(configFile: context.config.file)
        let batch: ExchangeBatch
        var readOptions = try exchange.options()
        readOptions.purpose = .reconciling
        do throws(InputErrors) { batch = try ExchangeImport.read(path: file, profile: loaded, options: readOptions) } catch {
            throw InputFailure(message: error.description)
        }
        let registry = try context.registry
        let calendar = try context.calendar
        let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
        let result = Reconciliation(batch, calendar: calendar) { timeline in
            registry.policy(forUnit: timeline.facts.unit).deadlines(for: timeline, calendar: calendar, asOf: day)
        }
        if json { return try printJSON(result) }
        // Written in pieces of about 1 MB, not a print per line (three per disagreement).
        var out = ""
        for d in result.disagreements {
            out += "\(d.number) (row \(d.row)): 限办时间 \(d.sourceDue) ≠ Xinfang \(d.xinfangDue.map(String.init(describing:)) ?? "—") [\(d.kind.rawValue) \(d.kind.chinese)]\n"
            out += "    Xinfang: \(d.xinfang)\n"
            out += "    source:  \(d.source)\n"
            if out.utf8.count > 1 << 20 {
                print(out, terminator: "")
                out = ""
            }
        }
        print(out, terminator: "")
        let totals = Reconciliation.Kind.allCases.compactMap { kind in
            result.totals[kind.rawValue].map { "\(kind.chinese) \(kind.rawValue) \($0)" }
        }
        print(String(format: "%@: %d compared, %d agree, %d differ%@; %d without 限办时间; %.2f s", file, result.compared, result.agreeing,
                     result.disagreements.count, totals.isEmpty ? "" : " (" + totals.joined(separator: ", ") + ")", result.withoutSourceDue,
                     Date().timeIntervalSince(started)))
    }
}
