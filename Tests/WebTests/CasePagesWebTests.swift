import Foundation
import Testing
import XinfangTesting

/// 工作台, 案件详情 and the forms of the real `xinfangd` over real HTTP, on a store filled with the
/// real `xinfangctl` and accounts at the shipped bcrypt cost. The clock is pinned to Tue 2026-09-15
/// 10:00 in Shanghai: every due day below is worked out by hand from 条例2022 and the 2026 holiday
/// notice (中秋 09-25…27, 国庆 10-01…07, make-up working Sun 09-20).
@Suite("core pages over real HTTP", .serialized)
struct CasePagesWebTests {
    static let clock = TestClock.environment(pinnedAt: "2026-09-15T10:00:00+08:00")
    static let password = "correct-horse-battery"
    /// Distinctive petitioner data: none of it may reach a viewer's or a leader's page.
    static let petitioner = (name: "欧阳测试甲", id: "110101199003077777", phone: "13912345678", address: "测试路八号院")

    /// The sandbox: two units, a leader, five accounts, three cases (all 申诉求决, received by the
    /// organ itself, so D2 — 15 days to tell the petitioner — is the duty owed first, 第23条).
    static func daemon() throws -> (WebDaemon, RawHTTP) {
        let port = RawHTTP.freePort()
        let daemon = try WebDaemon(http: "listen = \"127.0.0.1:\(port)\"", clock: clock) { sandbox in
            func ctl(_ arguments: [String], stdin: String = "") throws {
                let r = try sandbox.ctl(arguments, stdin: stdin)
                guard r.status == 0 else { throw RawHTTP.Failure(description: "xinfangctl \(arguments.joined(separator: " ")): \(r.stderr)") }
            }
            try ctl(["unit", "add", "县人社局"])
            try ctl(["unit", "add", "县住建局"])
            try ctl(["leader", "add", "李副县长", "--unit", "县人社局"])
            // Received Thu 09-03: D2 ends 09-18 (Fri), 3 working days after today: 黄.
            try ctl(["case", "add", "XF-2026-900001", "--received", "2026-09-03", "--category", "申诉求决", "--unit", "县人社局",
                     "--intake", "organ", "--leader", "李副县长", "--title", "拖欠工资"])
            // Received 08-20: D2 ended Fri 09-04, 11 calendar days ago: 红.
            try ctl(["case", "add", "XF-2026-900002", "--received", "2026-08-20", "--category", "申诉求决", "--unit", "县人社局", "--intake", "organ"])
            // Received 09-10: D2 would end 09-25, a day of 中秋 (09-25…27): rolled forward to Mon 09-28: 绿.
            try ctl(["case", "add", "XF-2026-900003", "--received", "2026-09-10", "--category", "申诉求决", "--unit", "县住建局", "--intake", "organ"])
            for (name, role, extra) in [("admin1", "admin", [String]()), ("clerk1", "clerk", ["--unit", "县人社局"]), ("clerk2", "clerk", ["--unit", "县住建局"]),
                                        ("leader1", "leader", ["--leader", "李副县长"]), ("viewer1", "viewer", [])] {
                try ctl(["user", "add", name, "--role", role] + extra + ["--password-stdin"], stdin: password + "\n")
            }
        }
        let client = RawHTTP(address: .tcp(host: "127.0.0.1", port: port))
        guard daemon.waitUntilServing(client), daemon.waitUntilReady() else { throw RawHTTP.Failure(description: daemon.log) }
        return (daemon, client)
    }

    /// The `<tr data-case=…>` row of a case on the 工作台, or nil.
    static func row(_ html: String, _ number: String) -> String? {
        guard let start = html.range(of: "<tr data-case=\"\(number)\">") else { return nil }
        return html[start.lowerBound...].components(separatedBy: "</tr>")[0]
    }

    static func count(_ html: String, _ id: String) -> String? {
        guard let at = html.range(of: "id=\"\(id)\">") else { return nil }
        return String(html[at.upperBound...].prefix { $0 != "<" })
    }

    /// The `<section class="deadline…" data-kind="KIND">` of a case page.
    static func deadline(_ html: String, _ kind: String) -> String? {
        guard let start = html.range(of: "data-kind=\"\(kind)\">") else { return nil }
        return String(html[start.upperBound...].components(separatedBy: "</section>")[0])
    }

    @Test("login → 工作台: counts, lights, due days and states of the clerk's unit, most urgent first; the admin sees every unit")
    func dashboard() throws {
        let (daemon, client) = try Self.daemon()
        let clerk = try WebSession.login(client, name: "clerk1", password: Self.password)
        let page = try clerk.get("/")
        #expect(page.status == 200, "\(page.body.prefix(500))")
        let html = page.body
        #expect(Self.count(html, "count-open") == "2")
        #expect(Self.count(html, "count-due-soon") == "1")
        #expect(Self.count(html, "count-overdue") == "1")
        #expect(html.contains("id=\"filters\"") && html.contains("id=\"cases\""))
        let red = try #require(Self.row(html, "XF-2026-900002"), "\(html)")
        #expect(red.contains("<td class=\"light light-red\"") && red.contains(">红</td>"))
        #expect(red.contains("<td class=\"due\">2026-09-04</td>") && red.contains("已逾期11天"))
        let yellow = try #require(Self.row(html, "XF-2026-900001"))
        #expect(yellow.contains("<td class=\"light light-yellow\"") && yellow.contains(">黄</td>"))
        #expect(yellow.contains("<td class=\"due\">2026-09-18</td>") && yellow.contains("剩余3个工作日") && yellow.contains("href=\"/cases/XF-2026-900001\""))
        // Urgency: the overdue case first.
        #expect(html.range(of: "XF-2026-900002")!.lowerBound < html.range(of: "XF-2026-900001")!.lowerBound)
        #expect(Self.row(html, "XF-2026-900003") == nil, "another unit's case")

        // Filters as a GET query: only the red ones; a bad light is a Chinese 400.
        let reds = try clerk.get("/?light=red").body
        #expect(Self.row(reds, "XF-2026-900002") != nil && Self.row(reds, "XF-2026-900001") == nil)
        #expect(reds.contains("<option value=\"red\" selected>"))
        let bad = try clerk.get("/?light=purple")
        #expect(bad.status == 400 && bad.body.contains("灯色"))

        let admin = try WebSession.login(client, name: "admin1", password: Self.password)
        let all = try admin.get("/").body
        #expect(Self.count(all, "count-open") == "3")
        let green = try #require(Self.row(all, "XF-2026-900003"))
        #expect(green.contains("light-green") && green.contains(">绿</td>") && green.contains("<td class=\"due\">2026-09-28</td>"))
        let filtered = try admin.get("/?unit=%E5%8E%BF%E4%BD%8F%E5%BB%BA%E5%B1%80").body  // 县住建局
        #expect(Self.count(filtered, "count-open") == "1" && Self.row(filtered, "XF-2026-900003") != nil)
        _ = daemon
    }

    @Test("record 受理 by the form → the light and due day change (D6: 60 days, rolled to Mon 11-16); an extension shows in the explanation; a second one is refused citing 第34条, the typed values kept")
    func recordEvents() throws {
        let (daemon, client) = try Self.daemon()
        let clerk = try WebSession.login(client, name: "clerk1", password: Self.password)
        let form = try clerk.get("/cases/XF-2026-900001/events/new?type=accepted")
        #expect(form.status == 200)
        #expect(form.body.contains("id=\"event-form\"") && form.body.contains("<select name=\"type\">") && form.body.contains("<option value=\"accepted\" selected>受理并告知</option>"))
        let accepted = try clerk.post("/cases/XF-2026-900001/events", [("type", "accepted"), ("day", "2026-09-15"), ("note", "书面告知")])
        #expect(accepted.status == 303 && accepted.header("location") == "/cases/XF-2026-900001", "\(accepted.status) \(accepted.body.prefix(400))")

        // D2 met on 09-15; D6 runs 60 days from 09-15: Sat 11-14, rolled forward to Mon 11-16 — far: 绿.
        var row = ""
        _ = daemon.wait(seconds: 10) {
            row = (try? clerk.get("/")).flatMap { Self.row($0.body, "XF-2026-900001") } ?? ""
            return row.contains("2026-11-16")
        }
        #expect(row.contains("<td class=\"light light-green\"") && row.contains("<td class=\"due\">2026-11-16</td>") && row.contains("D6"), "\(row)")
        let counts = try clerk.get("/").body
        #expect(Self.count(counts, "count-due-soon") == "0" && Self.count(counts, "count-overdue") == "1")

        let before = try clerk.get("/cases/XF-2026-900001").body
        let d6 = try #require(Self.deadline(before, "D6"), "\(before)")
        #expect(d6.contains("2026-11-16") && d6.contains("条例2022 第34条") && d6.contains("60日（自然日，起算日不计）"))
        #expect(d6.contains("起算：受理并告知 2026-09-15") && d6.contains("顺延至 2026-11-16") && d6.contains("延期：未延期") && d6.contains("听证："))
        #expect(try #require(Self.deadline(before, "D2")).contains("已按期完成"))

        // The extension: 30 days onto the nominal end (11-14 + 30 = Mon 12-14), not onto the rolled one.
        let extended = try clerk.post("/cases/XF-2026-900001/events", [
            ("type", "extension"), ("day", "2026-09-15"), ("days", "30"), ("approver", "县政府"), ("reason", "案情复杂"), ("note", ""),
        ])
        #expect(extended.status == 303, "\(extended.body.prefix(600))")
        let after = try clerk.get("/cases/XF-2026-900001").body
        let d6x = try #require(Self.deadline(after, "D6"))
        #expect(d6x.contains("<span class=\"due\">2026-12-14</span>") && d6x.contains("延长30日，2026-09-15 经县政府批准：案情复杂（条例2022 第34条）"), "\(d6x)")

        // A second extension: refused by 第34条, shown again with every typed value, nothing written.
        let second = try clerk.post("/cases/XF-2026-900001/events", [
            ("type", "extension"), ("day", "2026-09-15"), ("days", "10"), ("approver", "县长办公会"), ("reason", "再次延期"), ("note", "第二次"),
        ])
        #expect(second.status == 422)
        #expect(second.body.contains("class=\"error\"") && second.body.contains("第34条"), "\(second.body)")
        for kept in ["value=\"10\"", "value=\"县长办公会\"", "value=\"再次延期\"", "value=\"第二次\"", "value=\"2026-09-15\"", "<option value=\"extension\" selected>"] {
            #expect(second.body.contains(kept), "\(kept)")
        }
        #expect(!(try clerk.get("/cases/XF-2026-900001").body.contains("县长办公会")))

        // Bad input on each field: a Chinese message, 422, nothing recorded, never a stack trace.
        let cases: [([(String, String)], String)] = [
            ([("type", "accepted"), ("day", "2026-02-30")], "不是存在的日期"),
            ([("type", "no_such_type"), ("day", "2026-09-15")], "不存在"),
            ([("type", "extension"), ("day", "2026-09-15"), ("days", "5"), ("reason", "x")], "请填写“批准人”"),
            ([("type", "extension"), ("day", "2026-09-15"), ("days", "五"), ("approver", "a"), ("reason", "x")], "不是整数"),
            ([("type", "evaluated"), ("day", "2026-09-15"), ("rating", "很好")], "评价结果"),
            ([("day", "2026-09-15")], "请选择事件类型"),
        ]
        for (fields, message) in cases {
            let refused = try clerk.post("/cases/XF-2026-900002/events", fields + [("note", "坏输入")])
            #expect(refused.status == 422 && refused.body.contains("class=\"error\"") && refused.body.contains(message), "\(fields): \(refused.body.prefix(300))")
            for leak in ["Swift", "Error(", "Fatal", "FormError"] { #expect(!refused.body.contains(leak)) }
        }
        #expect(!(try clerk.get("/cases/XF-2026-900002").body.contains("坏输入")))

        // Without the CSRF field: 403, nothing recorded.
        let forged = try clerk.post("/cases/XF-2026-900002/events", [("type", "accepted"), ("day", "2026-09-15"), ("note", "伪造请求")], csrf: false)
        #expect(forged.status == 403)
        #expect(!(try clerk.get("/cases/XF-2026-900002").body.contains("伪造请求")))
    }

    @Test("登记案件 by the form (a clerk's unit fixed); personal data only for admin and the unit's clerk, on a click, audited as web:<user>, no-store; never on a viewer's or leader's page; another unit's clerk gets 404")
    func caseFormAndPersonalData() throws {
        let (daemon, client) = try Self.daemon()
        let clerk = try WebSession.login(client, name: "clerk1", password: Self.password)
        let p = Self.petitioner
        let newForm = try clerk.get("/cases/new")
        #expect(newForm.status == 200 && newForm.body.contains("id=\"case-form\"") && newForm.body.contains("<option value=\"县人社局\" selected>"))
        let fields: [(String, String)] = [
            ("number", "XF-2026-900004"), ("received", "2026-09-14"), ("channel", "走访"), ("category", "检举控告"), ("unit", "县住建局"),
            ("persons", "1"), ("leader", "李副县长"), ("place", "城关镇"), ("title", "违建举报"), ("intake", "bureau"),
            ("petitioner_name", p.name), ("petitioner_id", p.id), ("petitioner_phone", p.phone), ("petitioner_address", p.address),
        ]
        // A malformed day: shown again with the typed values (the petitioner's too, to the clerk typing them).
        let bad = try clerk.post("/cases", fields.map { $0.0 == "received" ? ($0.0, "2026-13-01") : $0 })
        #expect(bad.status == 422 && bad.body.contains("class=\"error\"") && bad.body.contains("收到日期") && bad.body.contains("value=\"违建举报\""))
        let added = try clerk.post("/cases", fields)
        #expect(added.status == 303 && added.header("location") == "/cases/XF-2026-900004", "\(added.body.prefix(500))")
        let again = try clerk.post("/cases", fields)
        #expect(again.status == 422 && again.body.contains("已存在"))

        let page = try clerk.get("/cases/XF-2026-900004")
        #expect(page.status == 200)
        // The clerk's own unit, whatever the form said.
        #expect(page.body.contains("<dd>县人社局</dd>") && page.body.contains("id=\"show-personal\""))
        #expect(page.body.contains("id=\"facts\"") && page.body.contains("id=\"timeline\"") && page.body.contains("id=\"reminders\"") && page.body.contains("id=\"supervision\""))
        // D1: 15 days from Mon 09-14: Tue 09-29.
        #expect(try #require(Self.deadline(page.body, "D1")).contains("2026-09-29"))
        for value in [p.name, p.id, p.phone, p.address] { #expect(!page.body.contains(value), "before the click") }

        let shown = try clerk.post("/cases/XF-2026-900004/personal", [])
        #expect(shown.status == 200 && shown.body.contains("id=\"personal\"") && shown.body.contains(p.name) && shown.body.contains(p.phone))
        #expect(shown.header("cache-control") == "no-store")
        let audit = try Self.sqlite(daemon.sandbox.store, "SELECT actor || '|' || subject FROM audit WHERE action = 'case.personal.view'")
        #expect(audit == "web:clerk1|XF-2026-900004")
        #expect(try daemon.sandbox.ctl(["audit", "verify"]).stdout.contains("audit chain ok"))

        // Viewer and leader: every page they reach, with no personal data; the click is refused as a missing case.
        for name in ["viewer1", "leader1"] {
            let user = try WebSession.login(client, name: name, password: Self.password)
            var pages = [try user.get("/"), try user.get("/cases/XF-2026-900004"), try user.get("/cases/XF-2026-900001")]
            #expect(pages[1].status == 200 && pages[2].status == 200, "\(name)")
            #expect(!pages[1].body.contains("id=\"show-personal\""))
            let click = try user.post("/cases/XF-2026-900004/personal", [])
            #expect(click.status == 404, "\(name)")
            pages.append(click)
            pages.append(try user.get("/cases/XF-2026-900004/events/new"))
            #expect(pages.last!.status == 403, "\(name) may not record")
            for page in pages {
                for value in [p.name, p.id, p.phone, p.address] { #expect(!page.body.contains(value), "\(name)") }
            }
        }
        #expect(try Self.sqlite(daemon.sandbox.store, "SELECT count(*) FROM audit WHERE action = 'case.personal.view'") == "1")

        // Another unit's clerk: the case page, its forms and the click answer the missing case's 404.
        let other = try WebSession.login(client, name: "clerk2", password: Self.password)
        let missing = try other.get("/cases/XF-2026-999999")
        #expect(missing.status == 404)
        for response in [try other.get("/cases/XF-2026-900004"), try other.get("/cases/XF-2026-900004/events/new?type=accepted"),
                         try other.post("/cases/XF-2026-900004/events", [("type", "accepted"), ("day", "2026-09-15")]),
                         try other.post("/cases/XF-2026-900004/personal", [])] {
            #expect(response.status == 404)
            #expect(response.body == missing.body)
            for value in [p.name, p.phone, "违建举报"] { #expect(!response.body.contains(value)) }
        }
        #expect(!daemon.log.contains(p.name) && !daemon.log.contains(p.phone) && !daemon.log.contains(p.id))
    }

    @Test("a login's bcrypt runs off Swift's cooperative pool: while three logins are under way, /healthz answers at once")
    func loginOffTheEventLoop() throws {
        let (daemon, client) = try Self.daemon()
        // How long one login takes here (bcrypt at the shipped cost).
        let started = Date()
        _ = try WebSession.login(client, name: "viewer1", password: Self.password)
        let oneLogin = Date().timeIntervalSince(started)
        let group = DispatchGroup()
        for name in ["admin1", "clerk1", "clerk2"] {
            DispatchQueue.global().async(group: group) { _ = try? WebSession.login(client, name: name, password: Self.password) }
        }
        usleep(UInt32(min(oneLogin / 4, 0.1) * 1_000_000))  // the logins are hashing now
        let asked = Date()
        let health = try client.request("GET", "/healthz")
        let answered = Date().timeIntervalSince(asked)
        group.wait()
        #expect(health.status == 200)
        #expect(oneLogin > 0.15, "bcrypt at the shipped cost takes a noticeable time (\(oneLogin) s)")
        #expect(answered < 0.1, "/healthz took \(answered) s while logins of \(oneLogin) s each were running")
        _ = daemon
    }

    @Test("管理 › 添加账号 hashes the password (bcrypt) off Swift's cooperative pool: while three accounts are being added, /healthz answers at once; the accounts are there")
    func addAccountOffTheEventLoop() throws {
        let (daemon, client) = try Self.daemon()
        let admin = try WebSession.login(client, name: "admin1", password: Self.password)
        // How long one add takes here (bcrypt at the shipped cost).
        let started = Date()
        let first = try admin.post("/admin/users", [("name", "added0"), ("display", ""), ("role", "viewer"), ("unit", ""), ("leader", ""),
                                                    ("password", "long-enough-password-0")])
        let oneAdd = Date().timeIntervalSince(started)
        #expect(first.status == 303, "\(first.status) \(first.body.prefix(300))")
        let group = DispatchGroup()
        for n in 1...3 {
            DispatchQueue.global().async(group: group) {
                _ = try? admin.post("/admin/users", [("name", "added\(n)"), ("display", ""), ("role", "viewer"), ("unit", ""), ("leader", ""),
                                                     ("password", "long-enough-password-\(n)")])
            }
        }
        // /healthz, asked again and again while the adds are hashing: its slowest answer.
        let done = DispatchSemaphore(value: 0)
        group.notify(queue: .global()) { done.signal() }
        var slowest = 0.0, asked = 0
        var statuses: Set<Int> = []
        repeat {
            let at = Date()
            statuses.insert(try client.request("GET", "/healthz").status)
            slowest = max(slowest, Date().timeIntervalSince(at))
            asked += 1
        } while done.wait(timeout: .now() + .milliseconds(20)) == .timedOut
        #expect(statuses == [200])
        #expect(oneAdd > 0.15, "bcrypt at the shipped cost takes a noticeable time (\(oneAdd) s)")
        #expect(asked >= 3, "/healthz asked \(asked) times while three adds of \(oneAdd) s ran")
        #expect(slowest < 0.1, "/healthz took up to \(slowest) s (of \(asked) asks) while adds of \(oneAdd) s each were running")
        let users = try admin.get("/admin/users").body
        for n in 0...3 { #expect(users.contains("data-user=\"added\(n)\""), "added\(n)") }
        // A refusal still comes back as the form's message (thrown across the blocking queue).
        let refused = try admin.post("/admin/users", [("name", "added1"), ("display", ""), ("role", "viewer"), ("unit", ""), ("leader", ""),
                                                      ("password", "long-enough-password-9")])
        #expect(refused.status == 422 && refused.body.contains("class=\"alert error\""), "\(refused.status) \(refused.body.prefix(300))")
        _ = daemon
    }

    static func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
