import Foundation
import Testing
import XinfangTesting

/// 管理 › 领导: an admin issues and revokes a leader's calendar feed (日历订阅) from the web, as
/// `xinfangctl leader feed-token` does — the real xinfangd over real HTTP, on the `SiteFixture` bureau.
@Suite("管理: leaders' calendar feeds issued and revoked from the web, over real HTTP")
struct AdminFeedTokenWebTests {
    /// The feed URL of an issue's answer (`<code id="feed-url">…</code>`), or nil.
    static func feedURL(_ html: String) -> String? {
        guard let at = html.range(of: "<code id=\"feed-url\">") else { return nil }
        return String(html[at.upperBound...].prefix { $0 != "<" })
    }

    @Test("issue → the URL is shown once → it serves text/calendar → reissue ends the old URL → revoke → 404; CSRF-protected, admin only, audited as web:admin")
    func issueAndRevoke() throws {
        let fixture = try SiteFixture(purpose: "feeds")
        let site = fixture.site
        defer { site.stop() }
        let http = site.http
        let admin = try WebSession.login(http, name: "admin", password: SiteFixture.password)
        let leader = [("leader", SiteFixture.leader)]

        let before = try admin.get("/admin/leaders")
        #expect(before.status == 200)
        #expect(before.body.contains("<tr data-leader=\"\(SiteFixture.leader)\">") && before.body.contains("未签发"), "\(before.body)")

        // Without the session's CSRF field: 403, nothing issued. Another role: 403.
        #expect(try admin.post("/admin/leaders/feed-token", leader, csrf: false).status == 403)
        let clerk = try WebSession.login(http, name: "clerk-a", password: SiteFixture.password)
        #expect(try clerk.post("/admin/leaders/feed-token", leader).status == 403)
        #expect(try BrowserFlowTests.sql(site.store, "SELECT COUNT(*) FROM feed_tokens") == "0\n")

        // Issue: the full URL, under the public address, on this (uncached) answer only.
        let issued = try admin.post("/admin/leaders/feed-token", leader)
        #expect(issued.status == 200 && issued.header("cache-control") == "no-store", "\(issued.status) \(issued.body.prefix(300))")
        let url = try #require(Self.feedURL(issued.body), "\(issued.body)")
        #expect(url.hasPrefix(site.baseURL + "/feeds/") && url.hasSuffix(".ics"), "\(url)")
        let path = String(url.dropFirst(site.baseURL.count))
        let token = String(path.dropFirst("/feeds/".count).dropLast(".ics".count))
        #expect(token.count == 43, "a 256-bit token in base64url: \(token)")
        let feed = try http.request("GET", path)
        #expect(feed.status == 200 && feed.header("content-type")?.hasPrefix("text/calendar") == true, "\(feed.status) \(feed.headers)")
        #expect(feed.body.hasPrefix("BEGIN:VCALENDAR"), "\(feed.body.prefix(200))")
        let listed = try admin.get("/admin/leaders").body
        #expect(listed.contains("有效（") && !listed.contains(token), "the list shows the state, never the token")

        // Reissue: a new URL; the old one is gone.
        let again = try admin.post("/admin/leaders/feed-token", leader)
        let second = try #require(Self.feedURL(again.body))
        #expect(second != url)
        #expect(try http.request("GET", path).status == 404)
        let secondPath = String(second.dropFirst(site.baseURL.count))
        #expect(try http.request("GET", secondPath).status == 200)

        // Revoke: the feed answers 404; a second revoke says there is nothing to revoke.
        let revoked = try admin.post("/admin/leaders/feed-token/revoke", leader)
        #expect(revoked.status == 200 && revoked.body.contains("已撤销"), "\(revoked.body.prefix(400))")
        #expect(try http.request("GET", secondPath).status == 404)
        #expect(try admin.post("/admin/leaders/feed-token/revoke", leader).body.contains("没有有效的日历订阅地址"))
        #expect(try admin.get("/admin/leaders").body.contains("未签发"))
        // An unknown leader: refused, nothing written.
        #expect(try admin.post("/admin/leaders/feed-token", [("leader", "无此人")]).status == 422)

        // Audited as the admin, in a chain that still verifies.
        let audit = try BrowserFlowTests.sql(site.store, "SELECT actor || ' ' || action FROM audit WHERE action LIKE 'leader.feed-token%' ORDER BY seq")
        #expect(audit == "web:admin leader.feed-token\nweb:admin leader.feed-token\nweb:admin leader.feed-token.revoke\n", "\(audit)")
        #expect(try site.must(["audit", "verify"]).hasPrefix("audit chain ok"))
        #expect(!site.log.contains(token), "the token is in no log line")
    }
}
