import Foundation
import Testing
import XinfangTesting

/// Who may reach which page and endpoint, asked of the real xinfangd over real HTTP with one
/// account per role (SiteFixture): the table below is the specification.
@Suite("the authorization matrix: every role × every page and endpoint, over real HTTP")
struct AuthorizationMatrixTests {
    /// The columns: nobody logged in, then one account per role; `api` is api-a's bearer token
    /// (unit 县人社局) — on pages it is nobody, since pages take sessions only.
    enum Who: Int, CaseIterable, CustomStringConvertible {
        case anonymous, admin, clerkA, clerkB, leader, viewer, api
        var description: String { ["anonymous", "admin", "clerk-a", "clerk-b", "wang (leader)", "viewer", "api-a"][rawValue] }
        var account: String? { [nil, "admin", "clerk-a", "clerk-b", "wang", "viewer", nil][rawValue] }
    }

    /// What a cell expects.
    enum Answer: CustomStringConvertible {
        /// Allowed: 200 (201 for an event the API created), or 303 somewhere other than the login page
        /// (a form done), or 422 (a form the rules refused: the principal was let through to the rules).
        case ok
        /// 303 to /login?next=…: a page without a session.
        case login
        /// 401 application/problem+json: the API without a valid token.
        case unauthorized
        /// 403: the principal sees the thing but its role lacks the right.
        case forbidden
        /// 404 with the body of a missing case: outside the principal's scope, so its existence does not leak.
        case hidden

        var description: String {
            switch self {
            case .ok: "ok"
            case .login: "→login"
            case .unauthorized: "401"
            case .forbidden: "403"
            case .hidden: "404"
            }
        }

        func holds(_ r: RawHTTP.Response) -> Bool {
            let location = r.header("location") ?? ""
            switch self {
            case .ok: return r.status == 200 || r.status == 201 || r.status == 422 || (r.status == 303 && !location.hasPrefix("/login"))
            case .login: return r.status == 303 && location.hasPrefix("/login?next=")
            case .unauthorized: return r.status == 401 && r.header("content-type")?.hasPrefix("application/problem+json") == true
            case .forbidden: return r.status == 403
            case .hidden: return r.status == 404
            }
        }
    }

    /// One row: a method and a path (placeholders filled from the fixture), the form a POST sends
    /// (per column; the session's `csrf` is added), and the answer of each column in `Who` order.
    struct Row: Sendable, CustomStringConvertible {
        let method: String
        let path: String
        let answers: [Answer]
        var form: @Sendable (Who) -> [(String, String)] = { _ in [] }
        var json: (@Sendable (Who) -> String)?
        var description: String { "\(method) \(path)" }
    }

    static func row(_ method: String, _ path: String, _ answers: Answer...) -> Row {
        precondition(answers.count == Who.allCases.count, "\(method) \(path): one answer per column")
        return Row(method: method, path: path, answers: answers)
    }

    static func post(_ path: String, _ answers: Answer..., form: @escaping @Sendable (Who) -> [(String, String)]) -> Row {
        precondition(answers.count == Who.allCases.count)
        return Row(method: "POST", path: path, answers: answers, form: form)
    }

    /// {A} 000701 (unit A, leader 王副县长, with personal data), {A3} 000703 (unit A, no leader),
    /// {B} 000801 (unit B), {missing} no such case; {r-unit} a reminder to 县人社局 about 000702,
    /// {r-leader} one to 王副县长 about 000702; {ack} a 签收 token, {feed} the leader's feed token.
    static let pages: [Row] = [
        //   method  path                                  anonymous admin   clerkA   clerkB      leader      viewer      api
        row("GET", "/healthz",                             .ok,      .ok,    .ok,     .ok,        .ok,        .ok,        .ok),
        row("GET", "/login",                               .ok,      .ok,    .ok,     .ok,        .ok,        .ok,        .ok),
        row("GET", "/",                                    .login,   .ok,    .ok,     .ok,        .ok,        .ok,        .login),
        row("GET", "/cases/{A}",                           .login,   .ok,    .ok,     .hidden,    .ok,        .ok,        .login),
        row("GET", "/cases/{A3}",                          .login,   .ok,    .ok,     .hidden,    .hidden,    .ok,        .login),
        row("GET", "/cases/{B}",                           .login,   .ok,    .hidden, .ok,        .hidden,    .ok,        .login),
        row("GET", "/cases/{missing}",                     .login,   .hidden, .hidden, .hidden,   .hidden,    .hidden,    .login),
        post("/cases/{A}/personal",                        .login,   .ok,    .ok,     .hidden,    .hidden,    .hidden,    .login) { _ in [] },
        post("/cases/{B}/personal",                        .login,   .ok,    .hidden, .ok,        .hidden,    .hidden,    .login) { _ in [] },
        row("GET", "/cases/new",                           .login,   .ok,    .ok,     .ok,        .forbidden, .forbidden, .login),
        row("GET", "/cases/{A3}/events/new?type=accepted", .login,   .ok,    .ok,     .hidden,    .hidden,    .forbidden, .login),
        row("GET", "/cases/{A}/events/new?type=accepted",  .login,   .ok,    .ok,     .hidden,    .forbidden, .forbidden, .login),
        // admin accepts 000703, clerk-a then extends it: both real writes; the others change nothing.
        post("/cases/{A3}/events",                         .login,   .ok,    .ok,     .hidden,    .hidden,    .forbidden, .login) { who in
            who == .clerkA ? [("type", "extension"), ("day", "2026-08-03"), ("days", "10"), ("approver", "局长"), ("reason", "需补充材料")]
                           : [("type", "accepted"), ("day", "2026-08-03")]
        },
        row("GET", "/me",                                  .login,   .ok,    .ok,     .ok,        .ok,        .ok,        .login),
        post("/reminders/{r-unit}/ack",                    .login,   .ok,    .ok,     .hidden,    .forbidden, .forbidden, .login) { _ in [] },
        post("/reminders/{r-leader}/ack",                  .login,   .ok,    .forbidden, .hidden, .ok,        .forbidden, .login) { _ in [] },
        row("GET", "/ack/{ack}",                           .ok,      .ok,    .ok,     .ok,        .ok,        .ok,        .ok),
        row("GET", "/feeds/{feed}.ics",                    .ok,      .ok,    .ok,     .ok,        .ok,        .ok,        .ok),
        row("GET", "/supervision",                         .login,   .ok,    .ok,     .ok,        .ok,        .ok,        .login),
        // 督办 writes are the bureau's: an empty form reaches the admin's validation, everyone else is refused first.
        post("/supervision",                               .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [] },
        post("/supervision/feedback",                      .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [] },
        post("/supervision/close",                         .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [] },
        row("GET", "/bulletin",                            .login,   .ok,    .forbidden, .forbidden, .forbidden, .ok,     .login),
        row("GET", "/bulletin.csv",                        .login,   .ok,    .forbidden, .forbidden, .forbidden, .ok,     .login),
        row("GET", "/admin",                               .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login),
        row("GET", "/admin/users",                         .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login),
        row("GET", "/admin/audit",                         .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login),
        row("GET", "/admin/units",                         .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login),
        row("GET", "/admin/leaders",                       .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login),
        row("GET", "/admin/reception",                     .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login),
        row("GET", "/admin/periods",                       .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login),
        row("GET", "/admin/policies",                      .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login),
        post("/admin/users",                               .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [] },
        post("/admin/users/spare/disable",                 .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [] },
        post("/admin/users/spare/enable",                  .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [] },
        post("/admin/audit/verify",                        .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [] },
        // After the /feeds row: the admin's reissue revokes the fixture's token, then the revoke ends the new one.
        post("/admin/leaders/feed-token",                  .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [("leader", SiteFixture.leader)] },
        post("/admin/leaders/feed-token/revoke",           .login,   .ok,    .forbidden, .forbidden, .forbidden, .forbidden, .login) { _ in [("leader", SiteFixture.leader)] },
    ]

    /// The JSON API takes bearer tokens only (no session cookies): every session column is 401 — but
    /// for its OpenAPI document, which anyone may read.
    static let api: [Row] = [
        //   method  path                                  anonymous      admin          clerkA         clerkB         leader         viewer         api
        row("GET", "/api/v1/me",                           .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok),
        row("GET", "/api/v1/cases",                        .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok),
        row("GET", "/api/v1/cases/{A}",                    .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok),
        row("GET", "/api/v1/cases/{B}",                    .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .hidden),
        row("GET", "/api/v1/cases/{missing}",              .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .hidden),
        row("GET", "/api/v1/due?unit={unitA}&days=30",     .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok),
        row("GET", "/api/v1/reminders?unacked=true",       .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok),
        row("GET", "/api/v1/reception-days?days=30",       .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok),
        row("GET", "/api/v1/bulletin?period=2026-07",      .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok),
        Row(method: "POST", path: "/api/v1/cases/{B}/events",
            answers: [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .hidden],
            json: { _ in #"{"type":"accepted","day":"2026-08-03"}"# }),
        Row(method: "POST", path: "/api/v1/cases/{A}/events",
            answers: [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok],
            json: { _ in #"{"type":"accepted","day":"2026-08-03"}"# }),
        Row(method: "POST", path: "/api/v1/reminders/{r-leader}/ack",
            answers: [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .forbidden]),
        Row(method: "POST", path: "/api/v1/reminders/{r-unit}/ack",
            answers: [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .unauthorized, .ok]),
        // The document only: public, for everyone (no data in it).
        row("GET", "/api/v1/openapi.json",                 .ok,           .ok,           .ok,           .ok,           .ok,           .ok,           .ok),
    ]

    /// What a placeholder stands for in this fixture.
    struct Places {
        var values: [String: String]
        func fill(_ path: String) -> String {
            values.reduce(path) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
    }

    static func places(_ fixture: SiteFixture) throws -> Places {
        let site = fixture.site
        #expect(site.wait(seconds: 30) {
            !fixture.mails(to: "wang@example.cn", about: SiteFixture.yellow).isEmpty && !fixture.mails(to: "rsj@example.cn", about: SiteFixture.yellow).isEmpty
        }, "\(site.log)")
        let ids = try BrowserFlowTests.sql(site.store, "SELECT recipient || '|' || id FROM reminders WHERE case_number = '\(SiteFixture.yellow)' ORDER BY id")
        func reminder(_ recipient: String) -> String {
            ids.split(separator: "\n").first { $0.hasPrefix(recipient + "|") }.map { String($0.split(separator: "|")[1]) } ?? "0"
        }
        let link = fixture.mails(to: "rsj@example.cn", about: SiteFixture.red).first.flatMap { SiteFixture.ackLink($0.body) } ?? ""
        let feed = try site.must(["leader", "feed-token", SiteFixture.leader]).split(separator: "\n").first.map(String.init) ?? ""
        return Places(values: [
            "A": SiteFixture.red, "A3": SiteFixture.green, "B": SiteFixture.otherUnit, "missing": SiteFixture.missing,
            "r-unit": reminder(SiteFixture.unitA), "r-leader": reminder(SiteFixture.leader),
            "ack": String(link.split(separator: "/").last ?? ""),
            "feed": String(feed.dropFirst("/feeds/".count).dropLast(".ics".count)),
            "unitA": WebUser.percent(SiteFixture.unitA),
        ])
    }

    /// Logged-in users, one per column (api: the bearer token).
    static func users(_ fixture: SiteFixture) throws -> [Who: WebUser] {
        var users: [Who: WebUser] = [:]
        for who in Who.allCases {
            var user = WebUser(fixture.site.http, bearer: who == .api ? fixture.apiToken : nil)
            if let account = who.account {
                let answer = try user.login(account, SiteFixture.password)
                #expect(answer.status == 303 && user.csrf != nil, "\(who) logs in: \(answer.status) \(answer.body.prefix(300))")
            }
            users[who] = user
        }
        return users
    }

    /// A body in one short line: an HTML page's title and its `.error`, else the first 120 characters.
    static func gist(_ body: String) -> String {
        func between(_ a: String, _ b: String) -> String? {
            guard let start = body.range(of: a), let end = body[start.upperBound...].range(of: b) else { return nil }
            return String(body[start.upperBound..<end.lowerBound])
        }
        if let title = between("<title>", "</title>") { return title + (between("class=\"error\"", "</p>").map { " " + $0 } ?? "") }
        return String(body.prefix(120)).replacingOccurrences(of: "\n", with: " ")
    }

    @Test("each role × each page and endpoint gets exactly the answer of the table; a hidden case answers as a missing one; no personal data reaches leader, viewer or api")
    func matrix() throws {
        let fixture = try SiteFixture(purpose: "matrix")
        defer { fixture.site.stop() }
        let places = try Self.places(fixture)
        try fixture.site.must(["user", "add", "spare", "--role", "viewer", "--password-stdin"], stdin: SiteFixture.password + "\n")
        var users = try Self.users(fixture)
        var failures: [String] = []
        var bodies: [Who: [String]] = [:]
        for row in Self.pages + Self.api {
            let target = places.fill(row.path)
            for who in Who.allCases {
                var user = users[who]!
                var form: [(String, String)]? = nil
                if row.method == "POST" && row.json == nil { form = [("csrf", user.csrf ?? "")] + row.form(who) }
                let answer = try user.send(row.method, target, form: form, json: row.json?(who),
                                           headers: row.json != nil ? ["Idempotency-Key": "matrix-\(who.rawValue)"] : [:])
                users[who] = user
                let expected = row.answers[who.rawValue]
                if !expected.holds(answer) {
                    failures.append("\(row) as \(who): expected \(expected), got \(answer.status) \(answer.header("location") ?? "") \(Self.gist(answer.body))")
                }
                if answer.status >= 500 || answer.body.contains("Fatal error") { failures.append("\(row) as \(who): \(answer.status) \(answer.body.prefix(200))") }
                if !(row.path.hasSuffix("/personal") && (who == .admin || who == .clerkA || who == .clerkB)) { bodies[who, default: []].append(answer.body) }
                // Outside the scope answers exactly as a case that does not exist.
                if expected == .hidden, row.path.contains("{B}") || row.path.contains("{A}") || row.path.contains("{A3}") {
                    let number = [("{B}", SiteFixture.otherUnit), ("{A3}", SiteFixture.green), ("{A}", SiteFixture.red)].first { row.path.contains($0.0) }!.1
                    let missingTarget = target.replacingOccurrences(of: number, with: SiteFixture.missing)
                    let missing = try user.send(row.method, missingTarget, form: form, json: row.json?(who),
                                                headers: row.json != nil ? ["Idempotency-Key": "matrix-missing-\(who.rawValue)"] : [:])
                    users[who] = user
                    if missing.status != answer.status || missing.body != answer.body.replacingOccurrences(of: number, with: SiteFixture.missing) {
                        failures.append("\(row) as \(who): the 404 differs from a missing case's (\(missing.status)): \(answer.body.prefix(200)) vs \(missing.body.prefix(200))")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) cells differ:\n\(failures.joined(separator: "\n"))")

        // Personal data of 000701: only behind the explicit click, for admin and unit A's clerk.
        for who in [Who.anonymous, .leader, .viewer, .api, .clerkB] {
            for body in bodies[who] ?? [] {
                for value in SiteFixture.personalValues where body.contains(value) { Issue.record("\(who) was shown personal data \(value.prefix(2))…") }
            }
        }
        var clerk = users[.clerkA]!
        let shown = try clerk.send("POST", "/cases/\(SiteFixture.red)/personal", form: [("csrf", clerk.csrf ?? "")])
        #expect(shown.status == 200 && SiteFixture.personalValues.allSatisfy { shown.body.contains($0) }, "the unit's clerk sees them on request: \(shown.body.prefix(300))")
        for value in SiteFixture.personalValues { #expect(!fixture.site.log.contains(value), "the daemon's log holds personal data") }
        let audit = try BrowserFlowTests.sql(fixture.site.store, "SELECT actor FROM audit WHERE action = 'case.personal.view' AND subject = '\(SiteFixture.red)'")
        #expect(audit.contains("web:clerk-a") && audit.contains("web:admin"), "each view is an audit row: \(audit)")
    }
}
