import Foundation
public import Hummingbird
import XinfangApp
import XinfangEngine
import XinfangPorts

/// 签收 by a mail's link and the leaders' calendar feeds, without logging in: the token in the URL is
/// the credential (an HMAC-signed reminder id and expiry; a feed token's SHA-256 in the store), so
/// these routes are public and take no session CSRF token. `GET /ack/{token}` only shows the
/// reminder and a button — mail scanners prefetch links — and `POST /ack/{token}` acknowledges.
///
/// Not rate-limited: a 签收 token is a 256-bit MAC over the reminder id and expiry and a feed token
/// 256 random bits, so guessing is hopeless at any rate, and a replay of a genuine link is harmless
/// (the second click says "already acknowledged").
public struct AckLinkFeature: WebFeature {
    public init() {}

    public var templates: [String: String] { ["ack": ackTemplate] }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {}

    public func addPublicRoutes(_ open: RouterGroup<WebContext>, environment: WebEnvironment) {
        open.get("/ack/:token") { _, context -> Response in
            let token = try context.parameters.require("token")
            return try Self.page(token: token, acknowledge: false, context: context, environment: environment)
        }
        open.post("/ack/:token") { _, context -> Response in
            let token = try context.parameters.require("token")
            return try Self.page(token: token, acknowledge: true, context: context, environment: environment)
        }
        open.get("/feeds/:file") { _, context -> Response in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".ics"), let app = environment.app else { throw WebProblem.notFound }
            let feeds = LeaderFeeds(store: app.store, settings: app.current.settings)
            guard let text = try feeds.calendar(token: String(file.dropLast(4)), now: environment.now()) else { throw WebProblem.notFound }
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// The 签收 page of `token` in its state; with `acknowledge` the reminder is acknowledged first.
    static func page(token: String, acknowledge: Bool, context: WebContext, environment: WebEnvironment) throws -> Response {
        guard let app = environment.app, let links = app.links else { throw WebProblem.notFound }
        let time = app.current.settings.scheduling.time
        let now = environment.now()
        var data: [String: Any] = ["token": token]
        var status: HTTPResponse.Status = .ok
        func show(_ state: ReminderState) {
            let r = state.reminder
            data["reminder"] = [
                "caseNumber": r.caseNumber, "kind": PageText.reminderKind(r.kind), "milestone": PageText.milestone(r.milestone, kind: r.kind), "due": r.due.description, "recipient": r.recipient.name,
            ]
        }
        if acknowledge {
            switch try AckByLink(store: app.store, links: links).acknowledge(token: token, now: now) {
            case .acknowledged(let state):
                show(state)
                data["done"] = time.format(state.ackedAt ?? now)
                environment.logger.notice("ack by link: reminder \(state.reminder.id) (\(AckByLink.actor(for: state.reminder)))")
            case .alreadyAcknowledged(let at, let state):
                show(state)
                data["already"] = time.format(at)
            case .expired:
                data["expired"] = true
                status = .gone
            case .invalid, .unknownReminder:
                data["invalid"] = true
                status = .notFound
            }
        } else {
            switch links.verify(token, now: now) {
            case .altered:
                data["invalid"] = true
                status = .notFound
            case .expired:
                data["expired"] = true
                status = .gone
            case .valid(let id):
                if let state = try app.store.reminder(id: id) {
                    show(state)
                    if let at = state.ackedAt { data["already"] = time.format(at) } else { data["ask"] = true }
                } else {
                    data["invalid"] = true
                    status = .notFound
                }
            }
        }
        var response = environment.pages.render("ack", title: "签收提醒", context: context, data: data)
        response.status = status
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
