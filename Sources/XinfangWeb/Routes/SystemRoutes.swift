import Foundation
import Hummingbird

/// What needs no login: GET /healthz (plain `ok`, for the proxy) and GET /static/app.css.
struct SystemRoutes {
    func add(to router: Router<WebContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/static/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: AppCSS.text)))
        }
    }
}

/// GET / (a placeholder 工作台 when the server has no `DashboardPage`) and GET /api/v1/me (who the token is).
struct HomeRoutes {
    let environment: WebEnvironment

    func add(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, placeholder: Bool) {
        let environment = environment
        if placeholder {
            pages.get("/") { _, context in
                environment.pages.render("home", title: "工作台", context: context)
            }
        }
        api.get("/me") { _, context -> Response in
            guard let principal = context.principal else { throw WebProblem.unauthorized }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(principal))))
        }
    }
}
