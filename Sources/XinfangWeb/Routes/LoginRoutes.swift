import Hummingbird
import XinfangCore

/// GET /login, POST /login, POST /logout.
struct LoginRoutes {
    let environment: WebEnvironment

    func add(to router: Router<WebContext>) {
        let environment = environment
        let cookies = environment.cookies
        router.get("/login") { request, context -> Response in
            if context.principal != nil {
                return Response.redirect(to: LoginTarget.safe(request.uri.queryParameters["next"].map(String.init)), type: .normal)
            }
            let token = request.cookies[SessionCookies.loginCSRF]?.value ?? RandomToken.make()
            var response = environment.pages.render("login", title: "登录", context: context, data: [
                "loginCSRF": token, "next": LoginTarget.safe(request.uri.queryParameters["next"].map(String.init)),
            ])
            response.setCookie(cookies.loginCSRF(token))
            return response
        }
        router.group("/login").add(middleware: CSRFCheck(.loginCookie)).post { request, context -> Response in
            let name = (context.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
            let password = context.form["password"] ?? ""
            let next = LoginTarget.safe(context.form["next"])
            do {
                guard !name.isEmpty, !password.isEmpty else { throw LoginRefusal("请输入用户名和密码") }
                // bcrypt blocks its thread for a fraction of a second: off the cooperative pool.
                let now = environment.now()
                let session = try await BlockingWork.run { try environment.authority.login(name: name, password: password, now: now) }
                context.record.username = session.principal.username
                environment.logger.notice("login: \(session.principal.username) (\(session.principal.role.rawValue))")
                var response = Response.redirect(to: next, type: .normal)
                response.setCookie(cookies.session(session.token))
                response.setCookie(cookies.expired(SessionCookies.loginCSRF))
                return response
            } catch let refusal as LoginRefusal {
                // The typed name is shown again, the password never.
                return environment.pages.render("login", title: "登录", context: context, data: [
                    "loginCSRF": request.cookies[SessionCookies.loginCSRF]?.value ?? "", "next": next, "name": name, "refusal": refusal.message,
                ])
            }
        }
        router.group("/logout").add(middleware: RequireLogin()).add(middleware: CSRFCheck(.session)).post { _, context -> Response in
            if let token = context.sessionToken { try environment.authority.logout(token: token) }
            environment.logger.notice("logout: \(context.principal?.username ?? "-")")
            var response = Response.redirect(to: "/login", type: .normal)
            response.setCookie(cookies.expired(SessionCookies.session))
            return response
        }
    }
}
