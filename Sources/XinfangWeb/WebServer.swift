public import Hummingbird
public import Logging
public import ServiceLifecycle
public import XinfangFiles
import Foundation

/// What the routes of the web interface share: the `[http]` settings, the session authority, the
/// clock, the compiled pages and the logger.
public struct WebEnvironment: Sendable {
    public let settings: HTTPSettings
    public let authority: any SessionAuthority
    /// Unix seconds on the daemon's clock (the test clock in test mode).
    public let now: @Sendable () -> Int64
    /// The built-in templates and those of the server's features.
    public internal(set) var pages: Pages
    public let logger: Logger
    /// The store and the runtime in force, for the features (nil in unit tests of the server alone).
    public let app: WebApp?

    public init(settings: HTTPSettings, authority: any SessionAuthority, now: @escaping @Sendable () -> Int64, pages: Pages = Pages(), logger: Logger,
                app: WebApp? = nil) {
        self.app = app
        self.settings = settings
        self.authority = authority
        self.now = now
        self.pages = pages
        self.logger = logger
    }

    var cookies: SessionCookies { SessionCookies(secure: settings.secureCookies, sessionSeconds: settings.sessionHours * 3600) }
}

/// A part of the web interface (the dashboard, a case's page, an API resource …): adds its routes to
/// the two groups the server hands it. Both require a principal; `pages` checks every POST form's
/// CSRF token first (the handler finds the fields in `context.form`); `api` is `/api/v1`, by bearer
/// token. A refusal is thrown as `WebProblem`.
public protocol WebFeature: Sendable {
    /// The feature's Mustache templates by name (rendered with `environment.pages.render(name, …)`
    /// inside the layout); compiled once, when the server is made.
    var templates: [String: String] { get }
    func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment)
    /// Routes that need no login and no session CSRF token, because the URL's token is the
    /// credential (签收 links, calendar feeds). A POST here gets its body unread.
    func addPublicRoutes(_ open: RouterGroup<WebContext>, environment: WebEnvironment)
}

extension WebFeature {
    /// No templates of its own.
    public var templates: [String: String] { [:] }
    /// No public routes.
    public func addPublicRoutes(_ open: RouterGroup<WebContext>, environment: WebEnvironment) {}
}

/// The HTTP server of xinfangd, one more service of its group. `run()` binds the `[http] listen`
/// address and serves until graceful shutdown (it then stops accepting, lets the requests under way
/// finish, and returns) or cancellation. It throws `WebServerFailure` — naming the address — when
/// the address cannot be bound (in use, not permitted): the group stops and xinfangd exits 1.
public struct WebServer: Service {
    public let environment: WebEnvironment
    public let features: [any WebFeature]

    public init(environment: WebEnvironment, features: [any WebFeature] = []) {
        var environment = environment
        let extra = features.reduce(into: [String: String]()) { $0.merge($1.templates) { $1 } }
        if !extra.isEmpty { environment.pages = Pages(extra: extra) }
        self.environment = environment
        self.features = features
    }

    /// The router: system routes, login, the pages and the API, behind the access log, the security
    /// headers, the error pages and the session resolver (in that order, outermost first).
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: AccessLog(logger: environment.logger))
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(pages: environment.pages))
        router.add(middleware: SessionResolver(authority: environment.authority, now: environment.now))
        SystemRoutes().add(to: router)
        LoginRoutes(environment: environment).add(to: router)
        let pages = router.group().add(middleware: RequireLogin()).add(middleware: CSRFCheck(.session))
        let api = router.group("/api/v1").add(middleware: RequireLogin())
        HomeRoutes(environment: environment).add(pages: pages, api: api, placeholder: !features.contains { $0 is DashboardPage })
        for feature in features { feature.addRoutes(pages: pages, api: api, environment: environment) }
        let open = router.group()
        for feature in features { feature.addPublicRoutes(open, environment: environment) }
        return router
    }

    public func run() async throws {
        let listen = environment.settings.listen
        let address: BindAddress = switch listen {
        case .tcp(let host, let port): .hostname(host, port: port)
        case .unix(let path): .unixDomainSocket(path: path)
        }
        if case .unix(let path) = listen, UnixSocketProbe.answers(path) {
            environment.logger.critical("http: cannot listen on \(listen): another process listens on that socket")
            throw WebServerFailure(address: listen.description, reason: "another process listens on that socket")
        }
        if !listen.isLoopback {
            environment.logger.warning("http: listening on \(listen), beyond this machine: put a TLS reverse proxy in front (docs/operations.md) or listen on 127.0.0.1")
        }
        let logger = environment.logger
        let publicURL = environment.settings.publicURL
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .notice)  // Hummingbird's own info lines stay out
        let app = Application(
            router: router(),
            configuration: .init(address: address, serverName: nil),
            onServerRunning: { _ in
                if case .unix(let path) = listen { chmod(path, 0o660) }  // the proxy's user, in group xinfangd, may connect
                logger.notice("http: listening on \(listen) (public address \(publicURL))")
            },
            logger: serverLogger
        )
        do {
            try await app.run()
        } catch {
            logger.critical("http: cannot listen on \(listen): \(error)")
            throw WebServerFailure(address: listen.description, reason: "\(error)")
        }
        logger.notice("http: stopped listening on \(listen)")
    }
}

/// The server could not listen on its address (or failed while serving).
public struct WebServerFailure: Error, CustomStringConvertible {
    public let address: String
    public let reason: String
    public var description: String { "http: cannot listen on \(address): \(reason)" }
}

/// Whether a process accepts connections on a unix socket file (Hummingbird removes a stale file
/// before binding; a live one must not be taken over).
enum UnixSocketProbe {
    static func answers(_ path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
    }
}
