import Foundation
import Hummingbird
import Logging

/// Turns every error thrown below it into a response the user can read: a Chinese HTML page, or
/// `application/problem+json` for paths under `/api`. Never a stack trace or a Swift error's
/// description: an unexpected error is logged (type and description, to the operator's journal) and
/// answered 500 with a fixed text.
struct ErrorPages: RouterMiddleware {
    let pages: Pages

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem: WebProblem
            switch error {
            case let refusal as WebProblem: problem = refusal
            case let http as any HTTPResponseError: problem = .forStatus(http.status)
            default:
                context.logger.error("request failed: \(type(of: error)): \(error)")
                problem = .internalError
            }
            return ErrorPages.response(problem, for: request, context: context, pages: pages)
        }
    }

    /// The page or problem document for `problem`.
    static func response(_ problem: WebProblem, for request: Request, context: WebContext, pages: Pages) -> Response {
        if WebPaths.isAPI(request.uri.path) {
            return ProblemDocument(problem).response()
        }
        var data: [String: Any] = ["title": problem.title, "detail": problem.detail, "status": problem.status.code]
        if let rule = problem.rule { data["rule"] = rule }
        if let article = problem.article { data["article"] = article }
        var response = pages.render("error", title: problem.title, context: context, data: data)
        response.status = problem.status
        return response
    }
}

/// RFC 9457 problem details, the body of every error under `/api`.
struct ProblemDocument: Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let rule: String?
    let article: String?

    init(_ problem: WebProblem) {
        type = "urn:xinfang:problem:" + problem.slug
        title = problem.title
        status = problem.status.code
        detail = problem.detail
        rule = problem.rule
        article = problem.article
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data("{\"status\":\(status)}".utf8)
        return Response(
            status: .init(code: status), headers: [.contentType: "application/problem+json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Which paths are the JSON API's.
enum WebPaths {
    static func isAPI(_ path: String) -> Bool { path == "/api" || path.hasPrefix("/api/") }
}
