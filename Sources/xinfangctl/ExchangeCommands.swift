import ArgumentParser
import Foundation
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// The options `xinfangctl import` takes for exports of the 信访信息系统 (xlsx, GBK CSV).
struct ExchangeImportOptions: ParsableArguments {
    @Option(help: "xlsx: the sheet to read (default: the first).") var sheet: String?
    @Option(help: "CSV: utf-8 | gbk | gb18030 (default: detected).") var encoding: String?
    @Option(help: "The column profile of the export (default: exchange/provincial.toml beside the configuration, else etc/exchange/provincial.toml).")
    var profile: String?
    @Option(help: "The handling unit for rows without 去向机构.") var unit: String?
    @Flag(name: .customLong("dry-run"), help: "Print what the import would change; change nothing.") var dryRun = false

    var given: Bool { sheet != nil || encoding != nil || profile != nil || unit != nil || dryRun }

    func options() throws -> ExchangeOptions {
        var encoding: ExchangeEncoding?
        if let name = self.encoding {
            guard let known = ExchangeEncoding(option: name) else { throw InputFailure(message: "--encoding: \(FieldText.quoted(name)) is not utf-8, gbk or gb18030") }
            encoding = known
        }
        return ExchangeOptions(sheet: sheet, encoding: encoding, unit: unit)
    }

    /// The profile named, or the default one.
    func loadProfile(configFile: String?) throws -> ExchangeProfile {
        let path: String
        if let profile {
            path = profile
        } else {
            var candidates: [String] = []
            if let configFile { candidates.append(((configFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(ExchangeImport.defaultProfile)) }
            candidates += ["etc/" + ExchangeImport.defaultProfile, "/etc/xinfang/" + ExchangeImport.defaultProfile]
            guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                throw InputFailure(message: "no column profile found (looked at \(candidates.joined(separator: ", "))): name one with --profile")
            }
            path = found
        }
        do throws(InputError) { return try ExchangeProfile.read(path: path) } catch { throw InputFailure(message: error.description) }
    }

    /// Whether `file` is read as an export rather than as one of Xinfang's own import files.
    func applies(to file: String, configFile: String?) throws -> Bool {
        let ext = (file as NSString).pathExtension.lowercased()
        if ext == "xlsx" || given { return true }
        guard ext == "csv" else { return false }
        return ExchangeImport.looksLikeExport(path: file, profile: try loadProfile(configFile: configFile))
    }
}

/// What one export import did (or would do, with --dry-run).
struct ExchangeImportSummary: Encodable {
    var file: String
    var sheet: String?
    var encoding: String?
    var dryRun: Bool
    var rows: Int
    var casesAdded: Int
    var eventsAdded: Int
    var casesUnchanged: Int
    var eventsAlreadyStored: Int
    var lateRequests: Int
    var ignoredColumns: [String]
    var kept: [ExchangePlan.Difference]
    var conflicts: [ExchangePlan.Difference]
    var undatedStates: [ExchangePlan.Undated]
    /// Imported states (a state whose events have no day) recorded, changed or removed.
    var statesChanged = 0
}

enum ExchangeImportRun {
    /// Reads, plans and applies (unless a dry run) an export.
    static func run(file: String, options: ExchangeImportOptions, storeOptions: StoreOptions, json: Bool) throws {
        let context = try options.dryRun ? storeOptions.open() : storeOptions.openForWriting()
        let profile = try options.loadProfile(configFile: context.config.file)
        let batch: ExchangeBatch
        let readOptions = try options.options()
        do throws(InputErrors) { batch = try ExchangeImport.read(path: file, profile: profile, options: readOptions) } catch {
            throw InputFailure(message: error.description)
        }
        let stored = try context.store.timelines(numbers: batch.cases.map(\.record.facts.number))
        let plan = ExchangePlan(batch, stored: stored)
        var summary = ExchangeImportSummary(
            file: file, sheet: batch.table.sheet, encoding: batch.table.encoding, dryRun: options.dryRun, rows: batch.cases.count,
            casesAdded: plan.newCases.count, eventsAdded: plan.newCases.reduce(0) { $0 + $1.events.count } + plan.appended.count,
            casesUnchanged: plan.unchanged, eventsAlreadyStored: plan.eventsAlreadyStored, lateRequests: 0,
            ignoredColumns: batch.ignoredColumns, kept: plan.kept, conflicts: plan.conflicts, undatedStates: plan.undated)
        // A dry run counts the imported states that would change against the store.
        let states = batch.cases.compactMap { c in c.state.map { ImportedCaseState(number: c.record.facts.number, state: $0, undated: c.undated) } }
        if !options.dryRun {
            // Cases, events and imported states in one transaction: all of the file or nothing.
            let records = plan.importBatch(file: file)
            let recorder = try context.recorder
            let outcome: ImportOutcome
            do {
                outcome = try recorder.importFile(records, states: states)
            } catch let errors as InputErrors {
                throw InputFailure(message: InputErrors(errors.errors.map { located($0, in: batch) }).description)
            }
            summary.casesAdded = outcome.casesAdded
            summary.eventsAdded = outcome.eventsAdded
            summary.lateRequests = outcome.lateRequests
            summary.statesChanged = outcome.statesChanged
            if outcome.casesAdded + outcome.eventsAdded > 0 { context.nudge() }
        } else {
            // A dry run counts the imported states that would change against the store.
            summary.statesChanged = try states.reduce(0) { count, s in
                let stored = try context.store.importedState(number: s.number)
                let changes = s.undated.isEmpty ? stored != nil : (stored?.state != s.state || stored?.undated != s.undated)
                return count + (changes ? 1 : 0)
            }
        }
        if json { return try printJSON(summary) }
        print(text(summary))
    }

    /// A store error on a row of an xlsx sheet, named as `file:sheet!row:field`.
    static func located(_ error: InputError, in batch: ExchangeBatch) -> InputError {
        guard let sheet = batch.table.sheet, let line = error.line else { return error }
        return InputError(file: "\(error.file):\(sheet)!\(line)", field: error.field, reason: error.reason)
    }

    static func text(_ s: ExchangeImportSummary) -> String {
        var lines: [String] = []
        let source = s.file + (s.sheet.map { " (sheet \($0))" } ?? "") + (s.encoding.map { " (\($0))" } ?? "")
        let verb = s.dryRun ? "would add" : "added"
        lines.append("\(source): \(s.rows) row(s); \(verb) \(s.casesAdded) case(s) and \(s.eventsAdded) event(s); "
            + "\(s.casesUnchanged) case(s) unchanged, \(s.eventsAlreadyStored) event(s) already stored"
            + (s.lateRequests > 0 ? ", \(s.lateRequests) late request(s)" : ""))
        if s.statesChanged > 0 { lines.append("导入状态 \(s.statesChanged) imported state(s) \(s.dryRun ? "would change" : "recorded or changed")") }
        if s.dryRun { lines.append("dry run: nothing was changed (the policy check runs when the file is imported)") }
        if !s.ignoredColumns.isEmpty {
            lines.append("未导入的列 columns ignored (not in the profile): \(s.ignoredColumns.joined(separator: ", "))")
        }
        for k in s.kept { lines.append("保留原记录 kept as recorded: \(k.number) (row \(k.row)): the export differs in \(k.what)") }
        for c in s.conflicts { lines.append("未添加 not added: \(c.number) (row \(c.row)): \(c.what)") }
        if !s.undatedStates.isEmpty {
            var counts: [String: Int] = [:]
            for u in s.undatedStates { counts[u.state, default: 0] += 1 }
            let list = counts.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            lines.append("状态无日期 \(s.undatedStates.count) case(s) have a state whose events the export gives no day for (\(list)): "
                + "kept as the imported state (shown by case show), no event recorded, no day invented")
        }
        return lines.joined(separator: "\n")
    }
}
