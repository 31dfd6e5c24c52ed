import Foundation
import Hummingbird
import Logging

/// One journal line per request: method, route pattern (never the raw path or query, which may hold
/// names), status, milliseconds, account. Info level; debug for /healthz and /static.
struct AccessLog: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        // Tenths of a millisecond, written without `String(format:)` (a Foundation call per request).
        let tenths = elapsed.components.seconds * 10_000 + elapsed.components.attoseconds / 100_000_000_000_000
        let route = context.endpointPath.map { $0 == "NotFound" ? "(no route)" : $0 } ?? "(no route)"
        let quiet = request.uri.path == "/healthz" || request.uri.path.hasPrefix("/static/")
        logger.log(level: quiet ? .debug : .info,
                   "http \(request.method) \(route) \(response.status.code) \(tenths / 10).\(tenths % 10) ms \(context.record.username ?? "-")")
        return response
    }
}
