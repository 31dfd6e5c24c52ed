import Foundation
import Testing
import XinfangTesting

/// The web interface's defences, against the real xinfangd over real HTTP: forms without their CSRF
/// token change nothing, logins lock after 5 failures, 签收 links cannot be forged or outlive their
/// 30 days, and petitioners' personal data stays out of the daemon's log.
@Suite("the web interface's defences over real HTTP: CSRF, lockout, 签收 tokens, personal data in logs")
struct WebSecurityTests {
    /// What a refused form must leave as it was: the audit chain (its length) and the rows of
    /// cases, events, accounts and acknowledgements.
    static func snapshot(_ site: LiveSite) throws -> String {
        let chain = try site.must(["audit", "verify"])
        let rows = try BrowserFlowTests.sql(site.store, """
            SELECT 'case', number, unit, coalesce(leader, ''), coalesce(closed, '') FROM cases;
            SELECT 'event', case_number, seq, type, day, coalesce(data, ''), coalesce(note, '') FROM events;
            SELECT 'ack', id, coalesce(acked_at, '') FROM reminders;
            SELECT 'order', * FROM supervision_orders;
            SELECT 'order-event', * FROM supervision_events;
            SELECT 'account', name, role, disabled FROM accounts;
            """)
        return chain + rows
    }

    /// Every POST form of the pages, with a form that would do something real when its token were right.
    static func forms(_ places: AuthorizationMatrixTests.Places) -> [(path: String, form: [(String, String)])] {
        [
            ("/logout", []),
            ("/cases/\(SiteFixture.red)/personal", []),
            ("/cases/\(SiteFixture.red)/events", [("type", "accepted"), ("day", "2026-08-03")]),
            ("/cases", [("number", "XF-2026-000990"), ("received", "2026-08-03"), ("category", "申诉求决"), ("unit", SiteFixture.unitA)]),
            (places.fill("/reminders/{r-unit}/ack"), []),
            (places.fill("/reminders/{r-leader}/ack"), []),
            ("/supervision", [("id", "DB-2026-001"), ("caseNumber", SiteFixture.red), ("kind", "督办"), ("issuedBy", "县信访局"), ("feedbackDue", "2026-08-17")]),
            ("/supervision/feedback", [("order", "DB-2026-001"), ("day", "2026-08-03")]),
            ("/supervision/close", [("order", "DB-2026-001"), ("day", "2026-08-03")]),
            ("/admin/users", [("name", "intruder"), ("role", "admin"), ("password", "Intruder-Password-1")]),
            ("/admin/users/viewer/disable", []),
            ("/admin/users/viewer/enable", []),
            ("/admin/audit/verify", []),
        ]
    }

    @Test("every POST form without its CSRF token, or with a wrong one, is refused 403 and changes nothing in the store")
    func csrfRefused() throws {
        let fixture = try SiteFixture(purpose: "csrf")
        defer { fixture.site.stop() }
        let places = try AuthorizationMatrixTests.places(fixture)
        var admin = WebUser(fixture.site.http)
        #expect(try admin.login("admin", SiteFixture.password).status == 303)
        let good = try #require(admin.csrf)
        let before = try Self.snapshot(fixture.site)
        for (path, form) in Self.forms(places) {
            for (label, token) in [("missing", nil), ("wrong", String(good.reversed())), ("empty", ""), ("another session's", "x" + good.dropFirst())] as [(String, String?)] {
                let fields = (token.map { [("csrf", $0)] } ?? []) + form
                let answer = try admin.send("POST", path, form: fields)
                #expect(answer.status == 403, "POST \(path) with the \(label) token: \(answer.status) \(answer.body.prefix(200))")
                #expect(answer.body.contains("CSRF"), "POST \(path): the refusal says why")
            }
        }
        #expect(try Self.snapshot(fixture.site) == before, "a refused form changed the store")
        // The session still works: the refusals did not log the admin out, and the right token does.
        #expect(try admin.send("GET", "/").status == 200)
        let done = try admin.send("POST", "/cases/\(SiteFixture.red)/personal", form: [("csrf", good)])
        #expect(done.status == 200, "with the right token the form goes through: \(done.status)")
    }

    @Test("after 5 failed logins over HTTP the 6th, with the right password, is refused with the lock's message; the log says so, never the password")
    func lockout() throws {
        let fixture = try SiteFixture(purpose: "lockout")
        defer { fixture.site.stop() }
        let wrong = "错误的密码-wrong-\(UUID().uuidString.prefix(6))"
        for attempt in 1...5 {
            var user = WebUser(fixture.site.http)
            let answer = try user.login("viewer", wrong)
            #expect(answer.status == 200 && !user.cookies.keys.contains("xinfang_session"), "attempt \(attempt): \(answer.status)")
            #expect(answer.body.contains(attempt < 5 ? "用户名或密码错误" : "账号锁定至"), "attempt \(attempt): \(answer.body.prefix(400))")
        }
        var user = WebUser(fixture.site.http)
        let sixth = try user.login("viewer", SiteFixture.password)
        #expect(sixth.status == 200, "the right password is refused while locked: \(sixth.status)")
        #expect(!user.cookies.keys.contains("xinfang_session"))
        #expect(sixth.body.contains("连续 5 次登录失败，账号锁定至"), "\(sixth.body.prefix(600))")
        #expect(try user.send("GET", "/").status == 303)
        // Another account is not locked by it.
        var other = WebUser(fixture.site.http)
        #expect(try other.login("clerk-a", SiteFixture.password).status == 303)
        let log = fixture.site.log
        #expect(log.contains("login refused for viewer: account locked until"), "\(log)")
        #expect(!log.contains(wrong) && !log.contains(SiteFixture.password))
    }

    @Test("a 签收 token altered in any place is refused as invalid; a genuine one after its 30 days as expired; neither acknowledges")
    func ackTokens() throws {
        let fixture = try SiteFixture(purpose: "acktoken")
        let site = fixture.site
        let places = try AuthorizationMatrixTests.places(fixture)
        let token = try #require(places.values["ack"].flatMap { $0.isEmpty ? nil : $0 }, "no 签收 link in the mails")
        let acked = "SELECT count(*) FROM reminders WHERE acked_at IS NOT NULL"
        let before = try BrowserFlowTests.sql(site.store, acked)
        // One character changed at the start, the middle and the end; cut short; lengthened.
        var altered: [String] = []
        for index in [0, token.count / 2, token.count - 1] {
            var chars = Array(token)
            chars[index] = chars[index] == "A" ? "B" : "A"
            altered.append(String(chars))
        }
        altered += [String(token.dropLast()), token + "A"]
        for bad in altered {
            let page = try site.http.request("GET", "/ack/" + bad)
            #expect(page.status == 404 || page.status == 200 || page.status == 400, "GET /ack/<altered>: \(page.status)")
            #expect(page.body.contains("id=\"ack-invalid\"") && page.body.contains("链接无效"), "altered token: \(page.body.prefix(300))")
            #expect(!page.body.contains(SiteFixture.red), "an altered link names no case")
        }
        let good = try site.http.request("GET", "/ack/" + token)
        #expect(good.status == 200 && good.body.contains(SiteFixture.red), "the genuine link shows its reminder: \(good.body.prefix(300))")
        #expect(try BrowserFlowTests.sql(site.store, acked) == before, "opening a 签收 page acknowledges nothing")

        // 31 days later (the reminder was created on 2026-08-03): the same genuine link has expired.
        site.stop()
        try site.start(clock: TestClock.environment(pinnedAt: "2026-09-03T10:00:00+08:00"))
        defer { site.stop() }
        let expired = try site.http.request("GET", "/ack/" + token)
        #expect(expired.body.contains("id=\"ack-expired\"") && expired.body.contains("链接已过期"), "\(expired.status) \(expired.body.prefix(300))")
        #expect(!expired.body.contains("id=\"ack-done\""))
        #expect(try BrowserFlowTests.sql(site.store, acked) == before, "nothing acknowledged")
        for value in SiteFixture.personalValues { #expect(!site.log.contains(value), "the daemon's log holds personal data") }
    }
}
