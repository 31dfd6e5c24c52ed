import Foundation
import GRDB
import Testing
import XinfangCore

@Suite("Plugins in a running daemon: reload, per-unit selection, dry-run", .serialized)
struct PluginDaemonTests {
    static func built(_ name: String) throws -> String {
        let path = Sandbox.packageRoot.path + "/plugins/lib/" + name
        guard FileManager.default.fileExists(atPath: path) else { throw DaemonTestError("\(path) missing: run scripts/build-plugins (scripts/test does)") }
        return path
    }

    struct DaemonTestError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    @Test("policy diff predicts exactly the deadlines and immediate reminders that a reload onto the 浙江 plugin then produces")
    func dryRunMatchesReload() throws {
        // The cases are entered by hand just before the daemon starts; the dry-run's "fires at once"
        // is compared with what the reload fires, so no settle time (issue 10 §2) may hold it back.
        let sandbox = try Sandbox(extraConfig: "[reminders]\nsettle_seconds = 0\n")
        let plugins = sandbox.root + "/plugins"
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Self.built("libXinfangZhejiang.so"), toPath: plugins + "/libXinfangZhejiang.so")
        let base = try String(contentsOfFile: sandbox.config, encoding: .utf8) + "\n[plugins]\ndirectories = [\"\(plugins)\"]\n"
        try base.write(toFile: sandbox.config, atomically: true, encoding: .utf8)
        #expect(try sandbox.ctl(["unit", "add", "县人社局", "--address", "rsj@example.cn"]) == 0)
        #expect(try sandbox.ctl(["unit", "add", "县教育局"]) == 0)
        // Three cases at different stages: under cn-2022 (60 days) all are open; under 浙江 (30 days) the
        // first is overdue, the second due in a few days, the third far off.
        for (k, accepted) in [-40, -27, -5].enumerated() {
            let number = "XF-ZJ-\(k)"
            #expect(try sandbox.ctl(["case", "add", number, "--received", shanghaiDate(daysFromToday: accepted - 3), "--category", "申诉求决", "--unit", "县人社局"]) == 0)
            #expect(try sandbox.ctl(["event", "add", number, "forwarded", "--on", shanghaiDate(daysFromToday: accepted - 2), "--to", "县人社局"]) == 0)
            #expect(try sandbox.ctl(["event", "add", number, "accepted", "--on", shanghaiDate(daysFromToday: accepted)]) == 0)
        }
        #expect(try sandbox.ctl(["case", "add", "XF-JY-1", "--received", shanghaiDate(daysFromToday: -30), "--category", "申诉求决", "--unit", "县教育局"]) == 0)

        let daemon = try sandbox.startDaemon()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        #expect(try sandbox.wait(seconds: 20) { try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM cases WHERE dirty = 1") } == 0 })

        // The dry-run, changing nothing.
        let diff = try sandbox.ctlJSON(["policy", "diff", "--unit", "县人社局", "--policy", "cn-zj", "--json"])
        let changes = try #require(diff["changes"] as? [[String: Any]])
        #expect(diff["currentPolicy"] as? String == "cn-2022")
        #expect(changes.contains { $0["caseNumber"] as? String == "XF-ZJ-0" && $0["kind"] as? String == "D6" && $0["newlyOverdue"] as? Bool == true })
        let predictedDue = Dictionary(uniqueKeysWithValues: changes.compactMap { c -> (String, String)? in
            guard let number = c["caseNumber"] as? String, let kind = c["kind"] as? String, let due = c["newDue"] as? String else { return nil }
            return ("\(number) \(kind)", due)
        })
        let predictedFirings = Set((diff["remindersFiringAtOnce"] as? [[String: Any]] ?? []).map {
            "\($0["caseNumber"]!) \($0["kind"]!) \($0["milestone"]!)"
        })
        #expect(try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM deadlines WHERE policy = 'cn-zj'") } == 0)

        // Apply: select the plugin's policy for the unit, add the spool notifier plugin, reload.
        try FileManager.default.copyItem(atPath: try Self.built("libXinfangSpool.so"), toPath: plugins + "/libXinfangSpool.so")
        try (base + "\n[notify.plugin.spool]\ndirectory = \"\(sandbox.root)/spool\"\n\n[policy.units]\n\"县人社局\" = \"cn-zj\"\n")
            .write(toFile: sandbox.config, atomically: true, encoding: .utf8)
        let reloadedAt = TestClock.now()
        kill(daemon.processIdentifier, SIGHUP)
        #expect(try sandbox.wait(seconds: 20) {
            try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM deadlines WHERE policy = 'cn-zj'") ?? 0 } > 0
                && sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM cases WHERE dirty = 1") } == 0
                // … and what the recomputation made due has fired (a later step than the recomputation).
                && sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM deadlines WHERE next_fire_at <= ?", arguments: [TestClock.now()]) } == 0
        })
        let log = try String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8)
        #expect(log.contains("plugin spool 1.0.0 loaded"))

        try sandbox.read { db in
            // Every deadline the dry-run said would move is stored with the predicted due day …
            for (key, due) in predictedDue {
                let parts = key.split(separator: " ")
                let stored = try Int.fetchOne(db, sql: "SELECT due FROM deadlines WHERE case_number = ? AND kind = ?", arguments: [String(parts[0]), String(parts[1])])
                #expect(stored.map { Day(number: $0).description } == due, "\(key)")
            }
            // … the other unit is untouched …
            #expect(try String.fetchOne(db, sql: "SELECT DISTINCT policy FROM deadlines WHERE case_number = 'XF-JY-1'") == "cn-2022")
            // … and the reminders created by the reload are exactly the ones it said would fire at once.
            let fired = Set(try Row.fetchAll(db, sql: "SELECT DISTINCT case_number, kind, milestone FROM reminders WHERE created_at >= ? AND unit = '县人社局'", arguments: [reloadedAt])
                .map { "\($0["case_number"] as String) \($0["kind"] as String) \($0["milestone"] as String)" })
            #expect(fired == predictedFirings)
            #expect(!fired.isEmpty)
        }
        // The spool plugin delivered what the reload created (outbox channel "spool").
        #expect(sandbox.wait(seconds: 10) { ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.root + "/spool")) ?? []).contains { $0.hasSuffix(".json") } })
    }
}

extension Sandbox {
    /// Runs xinfangctl and parses its JSON output.
    func ctlJSON(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangctl"))
        process.arguments = arguments + ["--config", config]
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
