public import HTTPTypes

/// A refusal a page or endpoint throws: the status, a Chinese title and detail the user reads, and
/// — for a refusal by a rule of the regulation — the rule and its article. `ErrorPages` renders it
/// as a Chinese page, or as `application/problem+json` (RFC 9457) under `/api`.
public struct WebProblem: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// A short stable name, the last part of the problem's `type` (`urn:xinfang:problem:<slug>`).
    public var slug: String
    public var title: String
    public var detail: String
    /// The rule that refused (e.g. `extension-once`), if a rule did.
    public var rule: String?
    /// The article it rests on (e.g. `条例2022 第34条`).
    public var article: String?

    public init(status: HTTPResponse.Status, slug: String, title: String, detail: String, rule: String? = nil, article: String? = nil) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.rule = rule
        self.article = article
    }

    /// 400: the request cannot be read (a malformed form or JSON body).
    public static func badRequest(_ detail: String) -> WebProblem {
        WebProblem(status: .badRequest, slug: "bad-request", title: "请求有误", detail: detail)
    }

    /// 403: the principal may not do this (or the form's CSRF token is wrong).
    public static func forbidden(_ detail: String) -> WebProblem {
        WebProblem(status: .forbidden, slug: "forbidden", title: "无权操作", detail: detail)
    }

    /// 404: no such page — also what a case outside the principal's scope answers.
    public static let notFound = WebProblem(status: .notFound, slug: "not-found", title: "页面不存在", detail: "您访问的地址不存在，或您无权查看。")

    /// 401 under /api: no valid token.
    public static let unauthorized = WebProblem(status: .unauthorized, slug: "unauthorized", title: "未认证", detail: "请在 Authorization 头中提供有效的令牌（Bearer）。")

    /// 403: the form's CSRF token is missing or not the session's.
    public static let csrfRefused = WebProblem(
        status: .forbidden, slug: "csrf", title: "表单校验失败",
        detail: "表单已过期或来源不明（CSRF 校验失败），未作任何更改。请返回并刷新页面后重新提交。")

    /// 500: anything unexpected; the cause goes to the journal only.
    public static let internalError = WebProblem(
        status: .internalServerError, slug: "internal", title: "服务器内部错误", detail: "处理请求时出错，未作任何更改。请稍后再试，或联系管理员查看日志。")

    /// The problem for a status the framework answered with (no route, body too large …).
    static func forStatus(_ status: HTTPResponse.Status) -> WebProblem {
        switch status.code {
        case 400: .badRequest("请求格式有误，无法读取。")
        case 401: .unauthorized
        case 403: .forbidden("您无权进行此操作。")
        case 404: .notFound
        case 405: WebProblem(status: status, slug: "method-not-allowed", title: "不支持的请求方法", detail: "此地址不支持该请求方法。")
        case 413: WebProblem(status: status, slug: "too-large", title: "请求内容过大", detail: "请求内容超过 1 MiB 的上限，未作任何更改。")
        case 415: WebProblem(status: status, slug: "unsupported-media-type", title: "不支持的内容类型", detail: "请以表单（application/x-www-form-urlencoded）或 JSON 提交。")
        case 400..<500: WebProblem(status: status, slug: "client-error", title: "请求有误", detail: "请求无法处理（\(status.code)）。")
        default: .internalError
        }
    }
}
