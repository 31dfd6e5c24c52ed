import Foundation
import Testing
import XinfangTesting

/// Checks of the shipped unit files that need systemd's tools but no running manager.
@Suite("units/: the shipped service's hardening and message catalog")
struct UnitFileTests {
    @Test("systemd-analyze security rates the shipped unit at most 2.0 (the gate of make check-units)")
    func securityExposure() throws {
        let output = try Shell.run("systemd-analyze", ["security", "--offline=true", "--threshold=20", "units/xinfangd.service"])
        let text = output.stdout + output.stderr
        let exposure = text.firstMatch(of: /Overall exposure level for xinfangd\.service: ([0-9]+\.[0-9]+)/).flatMap { Double($0.1) }
        #expect(output.status == 0, "\(output)")
        #expect(exposure != nil, "no exposure line in: \(text)")
        if let exposure { #expect(exposure <= 2.0, "exposure \(exposure): \(text)") }
    }

    @Test("the catalog has one entry per MessageID, and journalctl accepts it")
    func catalogCoversEveryMessageID() throws {
        let source = try String(contentsOfFile: Shell.packageRoot + "/Sources/XinfangEngine/MessageID.swift", encoding: .utf8)
        let ids = Set(source.matches(of: /case \w+ = "([0-9a-f]{32})"/).map { String($0.1) })
        #expect(ids.count >= 16)

        let root = TemporaryFolder.make("catalog")
        defer { TemporaryFolder.remove(root) }
        try FileManager.default.createDirectory(atPath: root + "/usr/lib/systemd/catalog", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Shell.packageRoot + "/units/xinfangd.catalog", toPath: root + "/usr/lib/systemd/catalog/xinfangd.catalog")
        let update = try Shell.run("journalctl", ["--root=\(root)", "--update-catalog"])
        #expect(update.status == 0, "\(update)")
        let list = try Shell.run("journalctl", ["--root=\(root)", "--list-catalog"])
        // Lines: "<id> xinfangd: <Subject>".
        let listed = Set(list.stdout.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[1].hasPrefix("xinfangd: ") else { return nil }
            return String(parts[0])
        })
        #expect(listed == ids, "missing: \(ids.subtracting(listed).sorted()), unknown: \(listed.subtracting(ids).sorted())")

        // Every entry explains itself in both languages and says who defines it.
        let catalog = try String(contentsOfFile: Shell.packageRoot + "/units/xinfangd.catalog", encoding: .utf8)
        let entries = catalog.components(separatedBy: "\n-- ").dropFirst()
        #expect(entries.count == ids.count)
        for entry in entries {
            let id = String(entry.prefix(32))
            #expect(entry.contains("\nDefined-By: xinfangd\n"), "\(id)")
            #expect(entry.contains("\nSupport: "), "\(id)")
            #expect(entry.contains { ("\u{4E00}"..."\u{9FFF}").contains($0) }, "\(id) has no Chinese text")
            #expect(entry.split(separator: "\n").dropFirst(4).contains { $0.first?.isASCII == true && $0.first?.isLetter == true },
                    "\(id) has no English text")
        }
    }

    @Test("the reminder entries name only fields every reminder carries (a duty reminder has no deadline kind); 'given up' names no fixed attempt count")
    func catalogReminderTextsFitEveryReminder() throws {
        let catalog = try String(contentsOfFile: Shell.packageRoot + "/units/xinfangd.catalog", encoding: .utf8)
        func entry(_ id: String) -> String {
            catalog.components(separatedBy: "\n-- ").first { $0.hasPrefix(id) } ?? ""
        }
        // Engine.metadata sets these for every reminder, a deadline's or a duty's, reception's, digest's …
        let always: Set<String> = ["XINFANG_CASE", "XINFANG_UNIT", "XINFANG_REMINDER_KIND", "XINFANG_DUE", "XINFANG_MILESTONE",
                                   "XINFANG_RECIPIENT", "XINFANG_DEDUPE_KEY"]
        for (id, extra) in [("5ac9a5d8af564b26a7d95bfa82aba818", Set<String>()), ("64d1264f61874e97b97d13fb4a5cc007", ["XINFANG_LATE_SECONDS"])] {
            let text = entry(id)
            #expect(!text.isEmpty, "\(id)")
            let named = Set(text.matches(of: /@(XINFANG_[A-Z_]+)@/).map { String($0.1) })
            #expect(named.subtracting(always.union(extra)).isEmpty, "\(id) names \(named.subtracting(always.union(extra)).sorted())")
            #expect(!text.contains("Deadline reminder for case") && !text.contains("Late deadline reminder for case"), "\(id)")
        }
        let gaveUp = entry("003640a5e0994202925b3be4c99edcbe")
        #expect(gaveUp.contains("Subject: Reminder delivery given up (提醒投递已放弃)"))
        #expect(!gaveUp.contains("after 12 attempts") && !gaveUp.contains("投递 12 次"))
    }
}
