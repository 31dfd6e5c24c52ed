import HTTPTypes
import Hummingbird

/// On every response: a Content-Security-Policy that allows only this site's own resources and
/// forms, no framing; nosniff; same-origin referrers; and `Cache-Control: no-store` except for the
/// static style sheet.
struct SecurityHeaders: RouterMiddleware {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let contentSecurityPolicy = "default-src 'self'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = SecurityHeaders.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[SecurityHeaders.referrerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
