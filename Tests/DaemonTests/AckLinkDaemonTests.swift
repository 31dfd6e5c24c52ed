import Foundation
import GRDB
import Testing
import XinfangApp
import XinfangCore
import XinfangFiles
import XinfangStore

/// 签收 links and leaders' feeds with the real xinfangd and xinfangctl on real SQLite files.
@Suite("签收 links in the daemon's mails, the link secret, and leaders' feed tokens")
struct AckLinkDaemonTests {
    /// The mail bodies in the Maildir's new/ (base64 text/plain decoded).
    static func mailBodies(_ sandbox: Sandbox) -> [String] {
        let folder = sandbox.maildir + "/new"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).compactMap { name in
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8),
                  let split = text.range(of: "\r\n\r\n"),
                  let data = Data(base64Encoded: text[split.upperBound...].replacingOccurrences(of: "\r\n", with: "")) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test("xinfangd creates link.key (32 bytes, 0600) at its first start next to the store, and reuses it after a restart")
    func secretCreatedOnceAndReused() throws {
        let sandbox = try Sandbox()
        let key = sandbox.root + "/state/link.key"
        #expect(!FileManager.default.fileExists(atPath: key))
        var daemon = try sandbox.startDaemon()
        func readyCount() throws -> Int {
            try String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8).components(separatedBy: "xinfangd ready").count - 1
        }
        #expect(try sandbox.wait(seconds: 20) { try readyCount() == 1 })
        #expect(FileManager.default.fileExists(atPath: key))
        daemon.terminate(); daemon.waitUntilExit()
        let first = try Data(contentsOf: URL(fileURLWithPath: key))
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect(first.count == 32)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        daemon = try sandbox.startDaemon()
        #expect(try sandbox.wait(seconds: 20) { try readyCount() == 2 })
        daemon.terminate(); daemon.waitUntilExit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: key)) == first)
        // A key readable by others is refused at start with a clear message (exit 2), and kept as it is.
        chmod(key, 0o644)
        daemon = try sandbox.startDaemon()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 2)
        let log = try String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8)
        #expect(log.contains("link secret \(key) has mode 644, wider than 0600"), "\(log)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: key)) == first)
    }

    @Test("the duty reminder mailed at 09:00 carries a 签收 link whose token acknowledges exactly that reminder, once, on the real store")
    func mailLinkAcknowledges() throws {
        let sandbox = try Sandbox(extraConfig: TestClockTests.duty)
        #expect(try sandbox.ctl(["unit", "add", "县信访局", "--address", "xfj@example.cn"]) == 0)
        let daemon = try sandbox.startDaemon(extraEnvironment: TestClock.environment(showingNow: "2026-12-01T08:59:55+08:00")
            .merging(["XINFANG_TEST_PUBLIC_URL": "https://xf.example.cn/"]) { $1 })
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        #expect(sandbox.wait(seconds: 30) { !Self.mailBodies(sandbox).isEmpty })
        let bodies = Self.mailBodies(sandbox)
        try #require(bodies.count == 1, "\(bodies)")
        // CRLF is one Character in Swift: split on the normalized text.
        let lines = bodies[0].replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map(String.init)
        let link = try #require(lines.first { $0.hasPrefix("签收：") }, "\(bodies[0])")
        let prefix = "签收：https://xf.example.cn/ack/"
        try #require(link.hasPrefix(prefix), "\(link)")
        #expect(lines.contains { $0.hasPrefix("Acknowledge (签收) this reminder") })
        let token = String(link.dropFirst(prefix.count))

        let ids = try sandbox.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM reminders WHERE kind = 'duty'") }
        try #require(ids.count == 1)
        // xinfangctl prints the same link from the same link.key.
        let printed = try sandbox.ctlOutput(["reminders", "link", String(ids[0]), "--base", "https://xf.example.cn/"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout == "/ack/\(token)\nhttps://xf.example.cn/ack/\(token)\n")
        #expect(try sandbox.ctlOutput(["reminders", "link", "999"]).status == 2)
        let store = try SQLiteStore(path: sandbox.store)
        let ack = AckByLink(store: store, links: AckLinks(secret: try LinkSecret.load(path: sandbox.root + "/state/link.key")))
        let now = TestClock.now(startingAt: "2026-12-01T09:00:00+08:00")
        guard case .acknowledged(let done) = try ack.acknowledge(token: token, now: now) else { Issue.record("not acknowledged"); return }
        #expect(done.reminder.id == ids[0])
        #expect(done.reminder.recipient.name == "县信访局")
        guard case .alreadyAcknowledged(let at, _) = try ack.acknowledge(token: token, now: now) else { Issue.record("acknowledged twice"); return }
        #expect(at == done.ackedAt)
        let audit = try sandbox.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, detail FROM audit WHERE action = 'reminder.ack'").map { "\($0["actor"] as String) \($0["detail"] as String)" }
        }
        let milestone = try sandbox.read { db in try String.fetchOne(db, sql: "SELECT milestone FROM reminders") }
        #expect(audit == ["link:县信访局 \(ids[0]) duty \(milestone ?? "?") unit:县信访局"])
        // 30 days after the reminder was created the same link is expired.
        let created = try sandbox.read { db in try Int64.fetchOne(db, sql: "SELECT created_at FROM reminders")! }
        guard case .expired = try ack.acknowledge(token: token, now: created + 30 * 86_400) else { Issue.record("not expired after 30 days"); return }
    }

    @Test("xinfangctl leader feed-token issues a secret feed URL (the ICS has the leader's reception days), a new one revokes the old, --revoke ends it")
    func feedTokens() throws {
        let sandbox = try Sandbox()
        var clocked = sandbox
        clocked.clock = TestClock.environment(pinnedAt: "2026-12-01T10:00:00+08:00")
        for args in [
            ["unit", "add", "县人社局"], ["leader", "add", "王副县长"], ["leader", "add", "李副县长"],
            ["reception", "rule", "add", "wang-cgz", "--leader", "王副县长", "--place", "城关镇", "--monthly", "10,20", "--from", "2026-01-01"],
        ] {
            let r = try clocked.ctlOutput(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let issued = try clocked.ctlOutput(["leader", "feed-token", "王副县长", "--base", "https://xf.example.cn/"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let printed = issued.stdout.split(separator: "\n").map(String.init)
        try #require(printed.count == 2, "\(printed)")
        #expect(printed[0].hasPrefix("/feeds/") && printed[0].hasSuffix(".ics"))
        #expect(printed[1] == "https://xf.example.cn" + printed[0])
        let first = String(printed[0].dropFirst("/feeds/".count).dropLast(".ics".count))

        let config = try DaemonConfig.load(path: sandbox.config)
        let feeds = LeaderFeeds(store: try SQLiteStore(path: sandbox.store), settings: try Runtime.build(config).settings)
        let now = TestClock.now(startingAt: "2026-12-01T10:00:00+08:00")
        let ics = try #require(try feeds.calendar(token: first, now: now))
        // Thu 2026-12-10 and Mon 2026-12-21 (Sun 12-20 postponed), 09:00 at 城关镇.
        #expect(ics.contains("20261210T090000") && ics.contains("20261221T090000"), "\(ics)")
        #expect(ics.contains("接访：城关镇"))
        #expect(try feeds.calendar(token: first + "x", now: now) == nil)
        // The store keeps the token's SHA-256, never the token.
        #expect(try sandbox.read { db in try String.fetchAll(db, sql: "SELECT token_sha256 FROM feed_tokens") } == [LeaderFeeds.digest(first)])

        let second = try clocked.ctlOutput(["leader", "feed-token", "王副县长"])
        #expect(second.status == 0)
        let token2 = String(second.stdout.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst("/feeds/".count).dropLast(".ics".count))
        #expect(try feeds.calendar(token: first, now: now) == nil)
        #expect(try feeds.calendar(token: token2, now: now)?.contains("20261210T090000") == true)

        let revoked = try clocked.ctlOutput(["leader", "feed-token", "王副县长", "--revoke"])
        #expect(revoked.status == 0 && revoked.stdout.contains("已撤销"), "\(revoked)")
        #expect(try feeds.calendar(token: token2, now: now) == nil)
        #expect(try clocked.ctlOutput(["leader", "feed-token", "无此人"]).status != 0)
        let audit = try sandbox.read { db in try String.fetchAll(db, sql: "SELECT action || ' ' || subject FROM audit WHERE action LIKE 'leader.feed-token%' ORDER BY seq") }
        #expect(audit == ["leader.feed-token 王副县长", "leader.feed-token 王副县长", "leader.feed-token.revoke 王副县长"])
    }
}
