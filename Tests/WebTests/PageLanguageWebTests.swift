import Foundation
import Testing
import XinfangTesting

/// The pages speak Chinese to their users: the read models' machine words (milestones such as
/// `before-1wd`, `maildir`/`sent` deliveries, the engine's "done N day(s) late") are translated on
/// the page, while the CLI and the JSON API keep theirs. The real xinfangd over real HTTP, on the
/// `SiteFixture` bureau (clock pinned to Mon 2026-08-03 10:00).
@Suite("the pages in Chinese over real HTTP")
struct PageLanguageWebTests {
    /// The English words of the read models that must not reach a page's visible text.
    static let english = ["day(s)", "before-", "maildir", "sent", "pending", "overdue", "late", "done", "journal", "reminder", "not yet", "escalation"]

    /// The text a reader sees: the body without its tags, attributes and style.
    static func visibleText(_ html: String) -> String {
        var text = html
        if let style = text.range(of: "<style>"), let end = text.range(of: "</style>", range: style.upperBound..<text.endIndex) {
            text.removeSubrange(style.lowerBound..<end.upperBound)
        }
        return text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    static func englishWords(_ html: String) -> [String] {
        let text = visibleText(html)
        return english.filter { text.range(of: $0, options: .caseInsensitive) != nil }
    }

    @Test("案件详情, 我的 and the 签收 page: milestones (到期前1个工作日, 已逾期), deliveries (邮件：已发送), a deadline met late (逾期6天办结) in Chinese; the API keeps its words")
    func pagesInChinese() throws {
        let fixture = try SiteFixture(purpose: "language")
        let site = fixture.site
        defer { site.stop() }
        // XF-2026-000702's D3 is due Tue 08-04, one working day on: its before-1wd reminder went to 王副县长 by mail.
        #expect(site.wait(seconds: 30) { !fixture.mails(to: "wang@example.cn", about: SiteFixture.yellow).isEmpty }, "\(site.log)")
        let clerk = try WebSession.login(site.http, name: "clerk-a", password: SiteFixture.password)

        var yellow = ""
        _ = site.wait(seconds: 15) {
            yellow = (try? clerk.get("/cases/\(SiteFixture.yellow)").body) ?? ""
            return yellow.contains("邮件：已发送")
        }
        #expect(yellow.contains("邮件：已发送"), "\(Self.visibleText(yellow))")
        #expect(yellow.contains("到期前1个工作日"), "\(Self.visibleText(yellow))")
        #expect(yellow.contains("D3 收到转送/交办后书面告知"))
        #expect(Self.englishWords(yellow).isEmpty, "English on the case page: \(Self.englishWords(yellow))")

        // XF-2026-000701 was forwarded 07-13; its D3 (15 days) ended Tue 07-28. Accepted — and told —
        // on Mon 08-03: met 6 days late (07-28 → 08-03).
        let accepted = try clerk.post("/cases/\(SiteFixture.red)/events", [("type", "accepted"), ("day", "2026-08-03"), ("note", "")])
        #expect(accepted.status == 303, "\(accepted.body.prefix(400))")
        let red = try clerk.get("/cases/\(SiteFixture.red)").body
        let d3 = try #require(CasePagesWebTests.deadline(red, "D3"), "\(red)")
        #expect(d3.contains("说明：逾期6天办结"), "\(d3)")
        #expect(red.contains("已逾期"), "the overdue reminder of D3: \(Self.visibleText(red))")
        #expect(Self.englishWords(red).isEmpty, "English on the case page: \(Self.englishWords(red))")

        // The leader's 我的 and the mail's 签收 page name the milestone in Chinese too.
        let leader = try WebSession.login(site.http, name: "wang", password: SiteFixture.password)
        let mine = try leader.get("/me").body
        #expect(mine.contains("到期前1个工作日"), "\(Self.visibleText(mine))")
        #expect(Self.englishWords(mine).isEmpty, "English on 我的: \(Self.englishWords(mine))")
        let mail = try #require(fixture.mails(to: "wang@example.cn", about: SiteFixture.yellow).first)
        let link = try #require(SiteFixture.ackLink(mail.body))
        let ack = try site.http.request("GET", String(link.dropFirst(site.baseURL.count))).body
        #expect(ack.contains("到期前1个工作日") && ack.contains("D3 收到转送/交办后书面告知"), "\(Self.visibleText(ack))")
        #expect(Self.englishWords(ack).isEmpty, "English on the 签收 page: \(Self.englishWords(ack))")

        // 管理 › 各单位适用政策: the built-in policy's summary in Chinese.
        let admin = try WebSession.login(site.http, name: "admin", password: SiteFixture.password)
        let policies = try admin.get("/admin/policies").body
        #expect(policies.contains("《信访工作条例》（2022年）全国规则") && !policies.contains("national rules"), "\(Self.visibleText(policies))")

        // The JSON API and the CLI keep the machine words their clients read.
        let api = try site.http.request("GET", "/api/v1/reminders?unacked=true", headers: ["Authorization": "Bearer \(fixture.apiToken)"])
        #expect(api.status == 200 && api.body.contains("\"before-1wd\""), "\(api.status) \(api.body.prefix(400))")
    }
}
