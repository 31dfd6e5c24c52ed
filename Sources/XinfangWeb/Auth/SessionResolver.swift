import Foundation
import Hummingbird

/// Puts the request's principal in the context: the session cookie's for pages, the bearer token's
/// (`Authorization: Bearer …`) under `/api`. An unknown or expired credential leaves it nil.
struct SessionResolver: RouterMiddleware {
    let authority: any SessionAuthority
    let now: @Sendable () -> Int64

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if WebPaths.isAPI(request.uri.path) {
            if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
                let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
                if !token.isEmpty { context.principal = try authority.apiPrincipal(token: token, now: now()) }
            }
        } else if let token = request.cookies[SessionCookies.session]?.value, !token.isEmpty,
                  let session = try authority.session(token: token, now: now()) {
            context.principal = session.principal
            context.csrfToken = session.csrf
            context.sessionToken = token
        }
        context.record.username = context.principal?.username
        return try await next(request, context)
    }
}

/// Lets only a logged-in principal through: a page redirects to `/login?next=<where it was>` (303),
/// the API answers 401 problem+json.
public struct RequireLogin: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard context.principal == nil else { return try await next(request, context) }
        if WebPaths.isAPI(request.uri.path) { throw WebProblem.unauthorized }
        let target = request.uri.query.map { "\(request.uri.path)?\($0)" } ?? request.uri.path
        return Response.redirect(to: "/login?next=" + LoginTarget.encode(target), type: .normal)
    }
}

/// Where a login goes afterwards: a path of this site only (`/…`, not `//host` or `/\host`).
enum LoginTarget {
    static func safe(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return "/" }
        return next
    }

    static func encode(_ target: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return target.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }
}
