import Hummingbird

/// Reads a POSTed form (at most 1 MiB, `application/x-www-form-urlencoded`) into `context.form` and
/// lets it through only when its `csrf` field equals the expected token: the session's, or — for the
/// login form, before any session — the `xinfang_login_csrf` cookie's (double submit). Otherwise 403
/// with a Chinese page, and nothing is done. Other methods pass unchanged.
public struct CSRFCheck: RouterMiddleware {
    /// Which token a form must carry.
    public enum Expect: Sendable {
        case session
        case loginCookie
    }

    let expect: Expect

    public init(_ expect: Expect = .session) { self.expect = expect }

    public func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        var context = context
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw WebProblem(status: .unsupportedMediaType, slug: "unsupported-media-type", title: "不支持的内容类型",
                             detail: "表单须以 application/x-www-form-urlencoded 提交。")
        }
        let body = try await request.collectBody(upTo: WebLimits.bodyBytes)
        guard let form = FormFields(urlEncoded: Substring(String(buffer: body))) else {
            throw WebProblem.badRequest("表单内容无法解析（编码有误），未作任何更改。")
        }
        let expected: String? = switch expect {
        case .session: context.csrfToken
        case .loginCookie: request.cookies[SessionCookies.loginCSRF]?.value
        }
        guard let expected, !expected.isEmpty, let sent = form["csrf"], RandomToken.equal(sent, expected) else {
            context.logger.notice("form refused: CSRF token missing or wrong on \(request.method) \(context.endpointPath ?? "?")")
            throw WebProblem.csrfRefused
        }
        context.form = form
        return try await next(request, context)
    }
}
