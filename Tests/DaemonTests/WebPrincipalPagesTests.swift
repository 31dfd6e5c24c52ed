import Foundation
import GRDB
import Testing
import XinfangCore

/// A browser stand-in over real HTTP: curl with a cookie jar of its own, no redirects followed.
struct CurlBrowser {
    struct Page {
        let status: Int
        /// Header names lowercased.
        let headers: [String: String]
        let body: String

        /// The value of the first hidden `csrf` field on the page.
        var csrf: String? { Page.capture(#"name="csrf" value="([^"]*)""#, in: body) }

        static func capture(_ pattern: String, in text: String) -> String? {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                  let range = Range(match.range(at: 1), in: text) else { return nil }
            return String(text[range])
        }
    }

    let base: String
    let jar = TemporaryFolder.make("curl") + "/cookies"

    func get(_ path: String) throws -> Page { try run(path, form: nil) }

    /// POSTs `form` urlencoded.
    func post(_ path: String, form: [(String, String)]) throws -> Page { try run(path, form: form) }

    /// Logs in through the login form; the session cookie lands in the jar.
    func login(_ name: String, _ password: String) throws -> Page {
        let page = try get("/login")
        return try post("/login", form: [("csrf", page.csrf ?? ""), ("next", "/"), ("name", name), ("password", password)])
    }

    private func run(_ path: String, form: [(String, String)]?) throws -> Page {
        var arguments = ["-s", "-i", "--max-time", "20", "-b", jar, "-c", jar]
        if let form {
            arguments += ["-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded", "--data-binary", ""]
            for (name, value) in form { arguments += ["--data-urlencode", "\(name)=\(value)"] }
        }
        arguments.append(base + path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw CurlFailure(description: "no response from \(path): \(text)") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Page(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    struct CurlFailure: Error, CustomStringConvertible { let description: String }
}

/// 我的, 签收 links, feeds, 通报 and 管理 over real HTTP against the real xinfangd, with accounts
/// made by the real `xinfangctl user add`.
@Suite("The web pages of leaders and the bureau: 我的, 签收 by link, feeds, 通报, 管理")
struct WebPrincipalPagesTests {
    static let password = "correct-horse-9"

    /// A free TCP port on 127.0.0.1 (bound to port 0, read back, closed).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &sin) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &sin) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: sin.sin_port))
    }

    /// A sandbox whose daemon serves HTTP on a free port, with `[http] public_url` at that address.
    static func sandbox(_ extra: String = "") throws -> (Sandbox, base: String) {
        let port = freePort()
        let base = "http://127.0.0.1:\(port)"
        return (try Sandbox(extraConfig: extra + "\n[http]\nlisten = \"127.0.0.1:\(port)\"\npublic_url = \"\(base)\"\n"), base)
    }

    /// `xinfangctl user add` with the password on standard input.
    static func addUser(_ sandbox: Sandbox, _ name: String, role: String, _ scope: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangctl"))
        process.arguments = ["user", "add", name, "--role", role] + scope + ["--password-stdin", "--config", sandbox.config]
        process.environment = sandbox.environment
        let input = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "user add \(name): \(stderr)")
    }

    static func waitServing(_ sandbox: Sandbox, _ browser: CurlBrowser, _ daemon: Process) -> Bool {
        sandbox.wait(seconds: 30) { daemon.isRunning && (try? browser.get("/healthz"))?.status == 200 }
    }

    static func log(_ sandbox: Sandbox) -> String {
        (try? String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8)) ?? ""
    }

    /// The 签收 link of the one mail in the Maildir.
    static func mailLink(_ sandbox: Sandbox) throws -> String {
        let bodies = AckLinkDaemonTests.mailBodies(sandbox)
        try #require(bodies.count == 1, "\(bodies)")
        let lines = bodies[0].replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map(String.init)
        return String(try #require(lines.first { $0.hasPrefix("签收：") }, "\(bodies[0])").dropFirst("签收：".count))
    }

    @Test("a leader logs in and acknowledges (签收) the reminder addressed to them from 我的; a second 签收 says when it was done")
    func leaderAcknowledgesFromMyPage() throws {
        var (sandbox, base) = try Self.sandbox(TestClockTests.duty.replacingOccurrences(of: "县信访局", with: "王副县长"))
        sandbox.clock = TestClock.environment(showingNow: "2026-12-01T08:59:50+08:00")
        for args in [
            ["leader", "add", "王副县长"], ["leader", "add", "李副县长"],
            ["reception", "rule", "add", "wang-cgz", "--leader", "王副县长", "--place", "城关镇", "--monthly", "10,20", "--from", "2026-01-01"],
            ["leader", "deputy", "王副县长", "--to", "李副县长", "--from", "2026-12-07", "--until", "2026-12-09"],
        ] {
            let r = try sandbox.ctlOutput(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        try Self.addUser(sandbox, "wang", role: "leader", ["--leader", "王副县长"])
        try Self.addUser(sandbox, "viewer1", role: "viewer")
        let daemon = try sandbox.startDaemon()
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        let browser = CurlBrowser(base: base)
        try #require(Self.waitServing(sandbox, browser, daemon), "\(Self.log(sandbox))")
        // The half-monthly duty fires at 09:00 of Tue 2026-12-01, addressed to the leader.
        let ids = { try sandbox.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM reminders WHERE kind = 'duty'") } }
        #expect(try sandbox.wait(seconds: 30) { try ids().count == 1 })
        let id = try #require(try ids().first)

        #expect(try browser.login("wang", Self.password).status == 303)
        let me = try browser.get("/me")
        #expect(me.status == 200)
        let pending = try #require(me.body.range(of: "id=\"pending-reminders\"").map { String(me.body[$0.upperBound...]) })
        #expect(pending.contains("action=\"/reminders/\(id)/ack\"") && pending.contains(">签收</button>"), "\(me.body)")
        // The next reception days (two weeks from Tue 2026-12-01): Thu 12-10 at 城关镇; the 20th (a Sunday,
        // moved to Mon 12-21) is beyond them. The absence with its deputy.
        #expect(me.body.contains("data-day=\"2026-12-10\"") && me.body.contains("2026-12-10（周四） · 城关镇"), "\(me.body)")
        #expect(!me.body.contains("data-day=\"2026-12-21\""))
        #expect(me.body.contains("李副县长：请假代理 2026-12-07 至 2026-12-09"))
        let ackedAt = { try sandbox.read { db in try Int64.fetchOne(db, sql: "SELECT acked_at FROM reminders WHERE id = ?", arguments: [id]) } }
        #expect(try ackedAt() == nil)

        let done = try browser.post("/reminders/\(id)/ack", form: [("csrf", me.csrf ?? "")])
        #expect(done.status == 303 && done.headers["location"] == "/me?acked=\(id)", "\(done)")
        let after = try browser.get(done.headers["location"] ?? "/me")
        #expect(after.body.contains("id=\"notice\"") && after.body.contains("已签收"), "\(after.body)")
        #expect(!after.body.contains("action=\"/reminders/\(id)/ack\""))
        #expect(try ackedAt() != nil)
        let actors = try sandbox.read { db in try String.fetchAll(db, sql: "SELECT actor FROM audit WHERE action = 'reminder.ack'") }
        #expect(actors == ["web:wang"])

        // Again: nothing changes, the page says it was acknowledged before and when.
        let again = try browser.post("/reminders/\(id)/ack", form: [("csrf", me.csrf ?? "")])
        #expect(again.headers["location"] == "/me?already=\(id)")
        #expect(try browser.get("/me?already=\(id)").body.contains("此前已于"))
        #expect(try sandbox.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE action = 'reminder.ack'") } == 1)
        // Without the CSRF token nothing is done (403); a viewer does not see a leader's reminder (404, as a missing one).
        #expect(try browser.post("/reminders/\(id)/ack", form: []).status == 403)
        let viewer = CurlBrowser(base: base)
        #expect(try viewer.login("viewer1", Self.password).status == 303)
        let viewerMe = try viewer.get("/me")
        #expect(try viewer.post("/reminders/\(id)/ack", form: [("csrf", viewerMe.csrf ?? "")]).status == 404)
    }

    @Test("the mail's 签收 link points at the server; GET shows the button without acknowledging, POST acknowledges, again says when; altered → invalid; 31 days later → expired; no login needed")
    func mailLinkOverHTTP() throws {
        var (sandbox, base) = try Self.sandbox(TestClockTests.duty)
        sandbox.clock = TestClock.environment(showingNow: "2026-12-01T08:59:50+08:00")
        #expect(try sandbox.ctl(["unit", "add", "县信访局", "--address", "xfj@example.cn"]) == 0)
        var daemon = try sandbox.startDaemon()
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        let browser = CurlBrowser(base: base)
        try #require(Self.waitServing(sandbox, browser, daemon))
        #expect(sandbox.wait(seconds: 30) { !AckLinkDaemonTests.mailBodies(sandbox).isEmpty })
        let link = try Self.mailLink(sandbox)
        try #require(link.hasPrefix(base + "/ack/"), "\(link)")
        let path = String(link.dropFirst(base.count))
        let ackedAt = { try sandbox.read { db in try Int64.fetchOne(db, sql: "SELECT acked_at FROM reminders WHERE kind = 'duty'") } }

        // GET (what a mail scanner's prefetch does) shows the reminder and the button, and acknowledges nothing.
        let shown = try browser.get(path)
        #expect(shown.status == 200, "\(shown.body)")
        #expect(shown.body.contains("id=\"ack-form\"") && shown.body.contains("action=\"\(path)\"") && shown.body.contains("县信访局"))
        #expect(!shown.body.contains("ack-done") && !shown.body.contains("/login"))
        #expect(try ackedAt() == nil)

        // POST, without any session or CSRF token: the token is the credential.
        let done = try browser.post(path, form: [])
        #expect(done.status == 200 && done.body.contains("id=\"ack-done\"") && done.body.contains("已签收"), "\(done.body)")
        let at = try #require(try ackedAt())
        let actors = try sandbox.read { db in try String.fetchAll(db, sql: "SELECT actor FROM audit WHERE action = 'reminder.ack'") }
        #expect(actors == ["link:县信访局"])

        // Again (POST or GET): already acknowledged, with the time (Asia/Shanghai).
        let shanghai = DateFormatter()
        shanghai.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        shanghai.dateFormat = "yyyy-MM-dd HH:mm"
        let when = shanghai.string(from: Date(timeIntervalSince1970: TimeInterval(at)))
        for page in [try browser.post(path, form: []), try browser.get(path)] {
            #expect(page.body.contains("id=\"ack-already\"") && page.body.contains("已于 \(when)"), "\(page.body)")
            #expect(!page.body.contains("id=\"ack-form\""))
        }
        #expect(try ackedAt() == at)

        // One character of the token changed: invalid, on GET and POST, nothing changes.
        var altered = Array(path)
        altered[altered.count - 3] = altered[altered.count - 3] == "A" ? "B" : "A"
        for page in [try browser.get(String(altered)), try browser.post(String(altered), form: [])] {
            #expect(page.status == 404 && page.body.contains("id=\"ack-invalid\"") && page.body.contains("链接无效"))
        }

        // 31 days later the same link is expired.
        daemon.terminate(); daemon.waitUntilExit()
        daemon = try sandbox.startDaemon(extraEnvironment: TestClock.environment(showingNow: "2027-01-01T10:00:00+08:00"))
        try #require(Self.waitServing(sandbox, browser, daemon))
        for page in [try browser.get(path), try browser.post(path, form: [])] {
            #expect(page.status == 410 && page.body.contains("id=\"ack-expired\"") && page.body.contains("链接已过期"), "\(page.body)")
        }
        #expect(try ackedAt() == at)
    }

    @Test("a leader's feed with a live token is ICS with the leader's reception days, without login; revoked or unknown → 404")
    func feedOverHTTP() throws {
        var (sandbox, base) = try Self.sandbox()
        sandbox.clock = TestClock.environment(pinnedAt: "2026-12-01T10:00:00+08:00")
        for args in [
            ["leader", "add", "王副县长"],
            ["reception", "rule", "add", "wang-cgz", "--leader", "王副县长", "--place", "城关镇", "--monthly", "10,20", "--from", "2026-01-01"],
        ] {
            let r = try sandbox.ctlOutput(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let issued = try sandbox.ctlOutput(["leader", "feed-token", "王副县长"])
        let path = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(path.hasPrefix("/feeds/") && path.hasSuffix(".ics"), "\(issued)")
        let daemon = try sandbox.startDaemon()
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        let browser = CurlBrowser(base: base)
        try #require(Self.waitServing(sandbox, browser, daemon))
        let feed = try browser.get(path)
        #expect(feed.status == 200)
        #expect(feed.headers["content-type"] == "text/calendar; charset=utf-8")
        // The 10th and 20th monthly: Thu 2026-12-10, and Sun 2026-12-20 postponed to Mon 2026-12-21, 09:00 at 城关镇.
        #expect(feed.body.hasPrefix("BEGIN:VCALENDAR") && feed.body.contains("20261210T090000") && feed.body.contains("20261221T090000"), "\(feed.body)")
        #expect(feed.body.contains("接访：城关镇"))
        #expect(try browser.get("/feeds/nosuchtoken.ics").status == 404)
        #expect(try sandbox.ctlOutput(["leader", "feed-token", "王副县长", "--revoke"]).status == 0)
        #expect(try browser.get(path).status == 404)
    }

    @Test("管理 is admin only (403 on every page for clerk, leader, viewer); the admin adds a user by the form — audited as web:<admin>, and the user can log in; a refused form keeps what was typed; 校验 checks the audit chain")
    func adminPages() throws {
        var (sandbox, base) = try Self.sandbox()
        sandbox.clock = TestClock.environment(pinnedAt: "2026-12-01T10:00:00+08:00")
        #expect(try sandbox.ctl(["unit", "add", "县人社局"]) == 0)
        #expect(try sandbox.ctl(["leader", "add", "王副县长"]) == 0)
        try Self.addUser(sandbox, "boss", role: "admin")
        try Self.addUser(sandbox, "clerk1", role: "clerk", ["--unit", "县人社局"])
        try Self.addUser(sandbox, "wang", role: "leader", ["--leader", "王副县长"])
        try Self.addUser(sandbox, "viewer1", role: "viewer")
        let daemon = try sandbox.startDaemon()
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        let admin = CurlBrowser(base: base)
        try #require(Self.waitServing(sandbox, admin, daemon))
        let adminPages = ["/admin", "/admin/users", "/admin/audit", "/admin/units", "/admin/leaders", "/admin/reception", "/admin/periods", "/admin/policies"]
        for name in ["clerk1", "wang", "viewer1"] {
            let browser = CurlBrowser(base: base)
            #expect(try browser.login(name, Self.password).status == 303)
            for page in adminPages { #expect(try browser.get(page).status == 403, "\(name) \(page)") }
            let csrf = try browser.get("/me").csrf ?? ""
            let tried = try browser.post("/admin/users", form: [("csrf", csrf), ("name", "intruder"), ("role", "admin"), ("password", Self.password)])
            #expect(tried.status == 403)
        }
        #expect(try sandbox.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts WHERE name = 'intruder'") } == 0)

        #expect(try admin.login("boss", Self.password).status == 303)
        for page in adminPages { #expect(try admin.get(page).status == 200, "\(page)") }
        #expect(try admin.get("/admin/units").body.contains("县人社局"))
        let users = try admin.get("/admin/users")
        #expect(users.body.contains("data-user=\"clerk1\""))
        // A password too short: refused, the typed name kept, nothing written.
        let short = try admin.post("/admin/users", form: [("csrf", users.csrf ?? ""), ("name", "li.clerk"), ("role", "clerk"), ("unit", "县人社局"), ("password", "short")])
        #expect(short.status == 422 && short.body.contains("value=\"li.clerk\"") && short.body.contains("class=\"alert error\""), "\(short.body)")
        #expect(short.body.contains("<option value=\"clerk\" selected>"))
        let added = try admin.post("/admin/users", form: [("csrf", users.csrf ?? ""), ("name", "li.clerk"), ("role", "clerk"), ("unit", "县人社局"), ("password", Self.password)])
        #expect(added.status == 303, "\(added.body)")
        let audit = try sandbox.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, subject FROM audit WHERE action = 'account.add' ORDER BY seq").map { "\($0["actor"] as String) \($0["subject"] as String)" }
        }
        #expect(audit.last == "web:boss li.clerk", "\(audit)")
        #expect(try CurlBrowser(base: base).login("li.clerk", Self.password).headers["location"] == "/")
        // The audit page lists it (newest first), and 校验 finds the chain intact.
        let log = try admin.get("/admin/audit")
        #expect(log.body.contains("<td class=\"actor\">web:boss</td><td class=\"action\">account.add</td><td>li.clerk</td>") , "\(log.body)")
        let rows = try sandbox.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0 }
        let verified = try admin.post("/admin/audit/verify", form: [("csrf", log.csrf ?? "")])
        #expect(verified.status == 200 && verified.body.contains("id=\"audit-ok\"") && verified.body.contains("共 \(rows) 条"), "\(verified.body)")
        // Disabling ends the account's use: the login is refused.
        #expect(try admin.post("/admin/users/li.clerk/disable", form: [("csrf", log.csrf ?? "")]).status == 200)
        #expect(try CurlBrowser(base: base).login("li.clerk", Self.password).status == 200)
        #expect(try sandbox.read { db in try String.fetchOne(db, sql: "SELECT actor FROM audit ORDER BY seq DESC LIMIT 1") } == "web:boss")
    }

    @Test("通报: the admin and the viewer see the period's figures and download the CSV the CLI prints (attachment); a leader gets 403")
    func bulletinCSV() throws {
        var (sandbox, base) = try Self.sandbox()
        sandbox.clock = TestClock.environment(pinnedAt: "2026-12-01T10:00:00+08:00")
        #expect(try sandbox.ctl(["unit", "add", "县人社局"]) == 0)
        #expect(try sandbox.ctl(["leader", "add", "王副县长"]) == 0)
        let added = try sandbox.ctlOutput(["case", "add", "XF-2026-0001", "--received", "2026-11-02", "--unit", "县人社局", "--category", "申诉求决"])
        #expect(added.status == 0, "\(added.stderr)")
        try Self.addUser(sandbox, "boss", role: "admin")
        try Self.addUser(sandbox, "viewer1", role: "viewer")
        try Self.addUser(sandbox, "wang", role: "leader", ["--leader", "王副县长"])
        let daemon = try sandbox.startDaemon()
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        let admin = CurlBrowser(base: base)
        try #require(Self.waitServing(sandbox, admin, daemon))
        let cli = try sandbox.ctlOutput(["report", "bulletin", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"])
        #expect(cli.status == 0, "\(cli.stderr)")
        for name in ["boss", "viewer1"] {
            let browser = CurlBrowser(base: base)
            #expect(try browser.login(name, Self.password).status == 303)
            let page = try browser.get("/bulletin?from=2026-11-01&to=2026-11-30")
            #expect(page.status == 200 && page.body.contains("data-unit=\"县人社局\"") && page.body.contains("2026-11-01 至 2026-11-30"), "\(page.body)")
            let csv = try browser.get("/bulletin.csv?from=2026-11-01&to=2026-11-30")
            #expect(csv.status == 200)
            #expect(csv.headers["content-type"] == "text/csv; charset=utf-8")
            #expect(csv.headers["content-disposition"] == "attachment; filename=\"bulletin_2026-11-01_2026-11-30.csv\"")
            #expect(csv.body == cli.stdout)
            #expect(csv.body.hasPrefix("unit,month,measure,numerator,denominator,value\r\n") && csv.body.contains("县人社局,2026-11,"))
            // A day that is not a date: a clear message, 400.
            let bad = try browser.get("/bulletin?from=2026-13-01&to=2026-11-30")
            #expect(bad.status == 400 && bad.body.contains("不是 YYYY-MM-DD 格式的日期"))
        }
        let leader = CurlBrowser(base: base)
        #expect(try leader.login("wang", Self.password).status == 303)
        #expect(try leader.get("/bulletin").status == 403)
        #expect(try leader.get("/bulletin.csv").status == 403)
    }

    @Test("督办: the admin issues an order, records feedback and closes it by the forms (audited as web:<admin>); a refused form keeps what was typed; a viewer reads, and may not write (403)")
    func supervisionForms() throws {
        var (sandbox, base) = try Self.sandbox()
        sandbox.clock = TestClock.environment(pinnedAt: "2026-12-01T10:00:00+08:00")
        #expect(try sandbox.ctl(["unit", "add", "县人社局"]) == 0)
        try Self.addUser(sandbox, "boss", role: "admin")
        try Self.addUser(sandbox, "viewer1", role: "viewer")
        let daemon = try sandbox.startDaemon()
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        let admin = CurlBrowser(base: base)
        try #require(Self.waitServing(sandbox, admin, daemon))
        #expect(try admin.login("boss", Self.password).status == 303)
        let page = try admin.get("/supervision")
        #expect(page.status == 200 && page.body.contains("id=\"supervision-form\""))
        let csrf = page.csrf ?? ""
        let order = "督字〔2026〕1号"
        func issue(_ feedbackDue: String) throws -> CurlBrowser.Page {
            try admin.post("/supervision", form: [("csrf", csrf), ("id", order), ("kind", "督办"), ("unit", "县人社局"), ("issuedBy", "县信访局"),
                                                  ("issued", "2026-12-01"), ("feedbackDue", feedbackDue)])
        }
        // A feedback day before the issue day: refused by the order's rules, what was typed kept, nothing written.
        let refused = try issue("2026-11-20")
        #expect(refused.status == 422 && refused.body.contains("class=\"alert error\"") && refused.body.contains("feedback_due"), "\(refused.body)")
        #expect(refused.body.contains("value=\"县信访局\"") && refused.body.contains("value=\"2026-11-20\""))
        let badDay = try issue("2026-12-32")
        #expect(badDay.status == 422 && badDay.body.contains("不是 YYYY-MM-DD 格式的日期"))
        #expect(try sandbox.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE action = 'supervision.issue'") } == 0)

        let issued = try issue("2026-12-15")
        #expect(issued.status == 200 && issued.body.contains("data-order=\"\(order)\""), "\(issued.body)")
        // The same id again: refused by the store, nothing written.
        #expect(try issue("2026-12-15").status == 422)
        let feedback = try admin.post("/supervision/feedback", form: [("csrf", csrf), ("order", order), ("day", "2026-12-10")])
        #expect(feedback.status == 200 && feedback.body.contains("反馈（2026-12-10）已记录"), "\(feedback.body)")
        let closed = try admin.post("/supervision/close", form: [("csrf", csrf), ("order", order), ("day", "2026-12-01")])
        #expect(closed.status == 200 && closed.body.contains("办结销号"), "\(closed.body)")
        let audit = try sandbox.read { db in
            try String.fetchAll(db, sql: "SELECT actor || ' ' || action FROM audit WHERE action LIKE 'supervision.%' ORDER BY seq")
        }
        #expect(audit.count == 3 && audit.allSatisfy { $0.hasPrefix("web:boss supervision.") }, "\(audit)")

        let viewer = CurlBrowser(base: base)
        #expect(try viewer.login("viewer1", Self.password).status == 303)
        let read = try viewer.get("/supervision")
        #expect(read.status == 200 && read.body.contains("data-order=\"\(order)\"") && !read.body.contains("id=\"supervision-form\""))
        #expect(try viewer.post("/supervision/close", form: [("csrf", read.csrf ?? ""), ("order", order)]).status == 403)
    }
}
