import Foundation
import Testing
import XinfangTesting

/// The web interface in a real browser: Debian's chromium and chromium-driver, driven by Python
/// Selenium (Tests/browser/browser_flow.py) against the real xinfangd over real HTTP. A machine
/// without them fails this test; it never skips.
@Suite("the web interface in a real browser (headless Chromium, Selenium)")
struct BrowserFlowTests {
    static let script = Checkout.root.appendingPathComponent("Tests/browser/browser_flow.py").path

    @Test("clerk: login → the case on the 工作台 → 受理 by the form → light and due day change → extension → the explanation shows it → logout; leader: 我的, then 签收 from the mail link, once; admin: 督办, 通报, 管理; a screenshot of each")
    func clerkAndLeaderFlow() throws {
        for program in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
            try #require(FileManager.default.isExecutableFile(atPath: program), "\(program) is missing: apt-get install chromium chromium-driver")
        }
        let fixture = try SiteFixture(purpose: "browser")
        let site = fixture.site
        defer { site.stop() }

        // The leader's mail about XF-2026-000702 (its D3 is due tomorrow: the 1-working-day milestone
        // fired when the case came in) carries the 签收 link.
        #expect(site.wait(seconds: 30) { !fixture.mails(to: "wang@example.cn", about: SiteFixture.yellow).isEmpty }, "\(site.log)")
        let mail = try #require(fixture.mails(to: "wang@example.cn", about: SiteFixture.yellow).first)
        let link = try #require(SiteFixture.ackLink(mail.body), "no 签收 line in \(mail.body)")
        try #require(link.hasPrefix(site.baseURL + "/ack/"), "\(link)")

        let shots = site.root + "/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let scenario: [String: Any] = [
            "base": site.baseURL, "case": SiteFixture.red, "screenshots": shots,
            "clerk": ["name": "clerk-a", "password": SiteFixture.password],
            "before": ["light": "red", "light_text": "红", "due": "2026-07-28"],
            "counts_before": ["count-open": "3", "count-due-soon": "1", "count-overdue": "1"],
            "order_before": [SiteFixture.red, SiteFixture.yellow, SiteFixture.green],
            "not_listed": [SiteFixture.otherUnit],
            "accepted_on": "2026-08-03",
            // D6 runs to Fri 10-02, a day of 国庆节: rolled forward past the holiday to Thu 10-08.
            "after_accepted": ["light": "green", "due": "2026-10-08", "kind": "D6",
                               "explanation_has": ["2026-10-08", "第34条", "60日", "受理", "2026-10-02", "国庆节"]],
            "extension": ["kind": "D6", "day": "2026-08-03", "days": "30", "approver": "局长", "reason": "涉及多个部门，需联合调查",
                          "due": "2026-11-02", "explanation_has": ["延期", "延长30日", "局长", "2026-11-01", "2026-11-02", "第34条"]],
            "ack_link": link, "ack_case": SiteFixture.yellow,
            "leader": ["name": "wang", "password": SiteFixture.password], "admin": ["name": "admin", "password": SiteFixture.password],
            "supervision_order": ["id": "督字〔2026〕1号", "fields": [["id", "督字〔2026〕1号"], ["kind", "督办"], ["caseNumber", SiteFixture.red],
                                                                ["issuedBy", "县信访局"], ["issued", "2026-08-03"], ["feedbackDue", "2026-08-17"],
                                                                ["promised", "2026-08-31"]]],
            // 02-30 is no day: the form refuses it, keeping what was typed.
            "case_form_refused": ["message_has": "不是存在的日期", "fields": [["number", "XF-2026-000799"], ["received", "2026-02-30"],
                                                                     ["title", "小区停车位纠纷"], ["persons", "1"]]],
        ]
        let scenarioFile = site.root + "/scenario.json"
        try JSONSerialization.data(withJSONObject: scenario, options: [.sortedKeys]).write(to: URL(fileURLWithPath: scenarioFile))

        let run = try Python.execute(try String(contentsOfFile: Self.script, encoding: .utf8), [scenarioFile])
        #expect(run.status == 0, "browser_flow.py exited \(run.status): \(run.stderr)\nsaw: \(String(decoding: run.stdout, as: UTF8.self))")
        let seen = (try? JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]) ?? [:]
        #expect(seen["steps"] as? [String] == ["login", "dashboard", "accepted", "dashboard changed", "extension", "case page", "case form refused",
                                             "logout", "leader page", "acknowledged", "already acknowledged", "order issued", "admin pages"], "\(seen)")

        // The screenshots exist, are PNGs of the widths asked for, and go where XINFANG_SCREENSHOTS says.
        for (name, width) in [("dashboard-desktop.png", 1280), ("case-desktop.png", 1280), ("dashboard-phone.png", 390), ("case-form-desktop.png", 1280),
                              ("me-desktop.png", 1280), ("ack-desktop.png", 1280), ("supervision-desktop.png", 1280), ("bulletin-desktop.png", 1280),
                              ("admin-desktop.png", 1280)] {
            let path = shots + "/" + name
            let data = try #require(FileManager.default.contents(atPath: path), "\(name) not written")
            #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name) is not a PNG")
            #expect(Self.pngWidth(data) == width, "\(name) is \(Self.pngWidth(data)) px wide")
            if let folder = ProcessInfo.processInfo.environment["XINFANG_SCREENSHOTS"], !folder.isEmpty {
                let target = folder.hasPrefix("/") ? folder : Checkout.root.appendingPathComponent(folder).path
                try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
                try? FileManager.default.removeItem(atPath: target + "/" + name)
                try FileManager.default.copyItem(atPath: path, toPath: target + "/" + name)
            }
        }

        // What the browser did is in the store, under the people who did it.
        let audit = try site.must(["audit", "verify"])
        #expect(audit.hasPrefix("audit chain ok"), "\(audit)")
        let acked = try Self.sql(site.store, "SELECT case_number || ' ' || recipient FROM reminders WHERE acked_at IS NOT NULL")
        #expect(acked == "\(SiteFixture.yellow) \(SiteFixture.leader)\n", "exactly the linked reminder is acknowledged: \(acked)")
        let store = try Self.sql(site.store, "SELECT actor || ' ' || action FROM audit WHERE actor LIKE 'web:%' OR actor LIKE 'link:%' ORDER BY seq")
        #expect(store.contains("web:clerk-a event.add") || store.contains("web:clerk-a "), "\(store)")
        #expect(store.contains("link:\(SiteFixture.leader) reminder.ack"), "\(store)")
        for value in SiteFixture.personalValues { #expect(!site.log.contains(value), "the daemon's log holds personal data") }
    }

    /// The width in the IHDR chunk of a PNG (bytes 16…19, big-endian).
    static func pngWidth(_ data: Data) -> Int {
        guard data.count >= 24 else { return 0 }
        return data[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }

    static func sql(_ store: String, _ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", store, query]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
