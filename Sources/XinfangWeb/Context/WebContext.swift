public import Hummingbird
public import XinfangCore
import Synchronization

/// The context of one request: who it acts for (`principal`, nil before login), the CSRF token its
/// forms must carry, and the fields of a POSTed form once the CSRF check has read it.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in user (session cookie) or API client (bearer token); nil when anonymous.
    public var principal: Principal?
    /// The session's CSRF token: every form of a page puts it in a hidden `csrf` field.
    public var csrfToken: String?
    /// The session cookie's token (to close the session at logout).
    public var sessionToken: String?
    /// The fields of an `application/x-www-form-urlencoded` POST body (read by `CSRFCheck`).
    public var form = FormFields()
    /// What the access log line reports about the request, filled as the request goes in.
    let record = RequestRecord()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Request bodies beyond 1 MiB are refused (413).
    public var maxUploadSize: Int { WebLimits.bodyBytes }
}

/// Limits on what a request may carry.
public enum WebLimits {
    /// The largest request body read: 1 MiB.
    public static let bodyBytes = 1 << 20
}

/// Shared between the middlewares of one request (the context is copied on its way in): the user
/// the access log names.
final class RequestRecord: Sendable {
    private let user = Mutex<String?>(nil)
    var username: String? {
        get { user.withLock { $0 } }
        set { user.withLock { $0 = newValue } }
    }
}
