import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import XinfangCore
import XinfangFiles
import XinfangWeb

/// A page added the way phase 2 adds them: a `WebFeature` with a template of its own and a form.
struct NoteFeature: WebFeature {
    var templates: [String: String] { ["note": #"<h1>记录</h1><p class="said">{{said}}</p><p>{{#user}}{{name}}{{/user}}</p>"#] }

    func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        pages.post("/note") { _, context in
            environment.pages.render("note", title: "记录", context: context, data: ["said": context.form["said"] ?? ""])
        }
    }
}

@Suite("XinfangWeb: a feature's page gets the login, the CSRF check and the layout")
struct WebFeatureTests {
    @Test("POST /note of a feature: anonymous → /login; logged in without the token → 403; with it the form's field is shown escaped inside the layout")
    func featurePage() async throws {
        let wang = Principal(username: "wang.clerk", role: .clerk, units: ["县住建局"])
        let authority = InMemoryAuthority(accounts: ["wang.clerk": ("pw", wang)])
        let session = try authority.login(name: "wang.clerk", password: "pw", now: 0)
        let environment = WebEnvironment(settings: HTTPSettings(), authority: authority, now: { 0 }, logger: Logger(label: "test"))
        let app = Application(router: WebServer(environment: environment, features: [NoteFeature()]).router())
        try await app.test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let anonymous = try await client.execute(uri: "/note", method: .post, headers: form, body: ByteBuffer(string: "said=x"))
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/login?next=/note")
            var headers = form
            headers[.cookie] = "xinfang_session=\(session.token)"
            let forged = try await client.execute(uri: "/note", method: .post, headers: headers, body: ByteBuffer(string: "said=x&csrf=nope"))
            #expect(forged.status == .forbidden)
            let ok = try await client.execute(uri: "/note", method: .post, headers: headers,
                                              body: ByteBuffer(string: "csrf=\(session.csrf)&said=%3Cb%3E%E5%B7%B2%E5%8F%97%E7%90%86%3C%2Fb%3E"))
            let html = String(buffer: ok.body)
            #expect(ok.status == .ok)
            #expect(html.contains(#"<p class="said">&lt;b&gt;已受理&lt;/b&gt;</p>"#))
            #expect(html.contains("<title>记录 · 信访期限</title>") && html.contains(#"<a href="/">工作台</a>"#))
            #expect(html.contains("<p>wang.clerk</p>"))
        }
    }
}
