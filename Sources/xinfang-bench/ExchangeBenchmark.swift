import Foundation
import XinfangApp
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangStore

/// `xinfang-bench xlsx [ROWS]`: a provincial-layout export written by scripts/make-exchange-fixture
/// (openpyxl), imported into a fresh store as `xinfangctl import` does, then reconciled.
enum ExchangeBenchmark {
    /// `existing`: an export already written (the generator takes minutes for 100,000 rows).
    static func run(rows: Int, directory: String, existing: String? = nil) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let out = directory + "/bench-exchange"
        let file = existing ?? out + "/provincial.xlsx"
        let made = ContinuousClock.now
        if existing == nil {
            let process = Process()
            process.executableURL = root.appendingPathComponent("scripts/make-exchange-fixture")
            process.arguments = [out, "--rows", String(rows), "--xlsx-only"]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw ExchangeBenchFailure() }
        }
        let written = StoreBenchmarks.seconds(ContinuousClock.now - made)
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0

        let store = try StoreBenchmarks.freshStore(directory + "/bench-exchange.sqlite")
        for unit in ["县人力资源和社会保障局", "县住房和城乡建设局", "县教育局"] { try store.addUnit(name: unit, address: nil, actor: "bench") }
        let profile = try ExchangeProfile.read(path: root.appendingPathComponent("etc/exchange/provincial.toml").path)
        let calendar = try CalendarLocator.load(id: "cn")
        let policy = StatutoryPolicy.cn2022

        let start = ContinuousClock.now
        let table = try XLSXReader.read(path: file)
        let unzipped = ContinuousClock.now
        let batch = try ExchangeImport.map(table, profile: profile, options: ExchangeOptions())
        let mapped = ContinuousClock.now
        let plan = ExchangePlan(batch, stored: try store.timelines(numbers: batch.cases.map(\.record.facts.number)))
        let planned = ContinuousClock.now
        let records = plan.importBatch(file: file)
        let outcome = try CaseRecorder(store: store, registry: PolicyRegistry.builtIn(), calendar: calendar, actor: "bench")
            .importFile(records)
        let imported = ContinuousClock.now
        print(String(format: "xlsx import: %ld rows (%.1f MB xlsx, written by openpyxl in %.1f s) in %.2f s: sheet read %.2f s, mapped %.2f s, planned against the store %.2f s, stored %.2f s (%ld cases added)",
                     batch.cases.count, Double(size) / 1e6, written, StoreBenchmarks.seconds(imported - start),
                     StoreBenchmarks.seconds(unzipped - start), StoreBenchmarks.seconds(mapped - unzipped),
                     StoreBenchmarks.seconds(planned - mapped), StoreBenchmarks.seconds(imported - planned), outcome.casesAdded))

        let asOf = Day(year: 2026, month: 12, day: 1)!
        let reconcileStart = ContinuousClock.now
        let again = try ExchangeImport.map(try XLSXReader.read(path: file), profile: profile, options: ExchangeOptions(purpose: .reconciling))
        let reread = ContinuousClock.now
        let result = Reconciliation(again, calendar: calendar) { policy.deadlines(for: $0, calendar: calendar, asOf: asOf) }
        let reconciled = StoreBenchmarks.seconds(ContinuousClock.now - reconcileStart)
        print(String(format: "reconcile: %ld rows read and compared in %.2f s (read and mapped %.2f s, compared %.2f s; %ld agree, %ld differ)",
                     result.compared, reconciled, StoreBenchmarks.seconds(reread - reconcileStart),
                     StoreBenchmarks.seconds(ContinuousClock.now - reread), result.agreeing, result.disagreements.count))
    }
}

struct ExchangeBenchFailure: Error {}
