public import Hummingbird
public import XinfangPorts
import XinfangApp

/// Every port the JSON API reads and writes through (the SQLite store implements them all).
public typealias APIStore = WebStore & CaseScopes & IdempotentEventStore & SupervisionStore & OpenCaseReads & MyPageReads

/// The JSON API `/api/v1` for the other systems of a bureau (bearer tokens of `api` accounts,
/// scoped to their units; `WebServer` authenticates the group): cases, events (idempotent), due
/// lists, reminders and their 签收, reception days, bulletin figures; and the OpenAPI document, public.
/// Each resource is a file of its own (`API*Routes`); the document is `docs/openapi.json`.
public struct APIFeature: WebFeature {
    let store: any APIStore
    let changes: (any StoreChanges)?

    /// `changes` lets the due lists be kept between requests until the store changes (nil: none kept).
    public init(store: any APIStore, changes: (any StoreChanges)?) {
        self.store = store
        self.changes = changes
    }

    public func addRoutes(pages: RouterGroup<WebContext>, api: RouterGroup<WebContext>, environment: WebEnvironment) {
        let context = APIContext(store: store, app: environment.app, environment: environment)
        APICaseRoutes(api: context).add(to: api)
        APIDueRoutes(api: context, cache: DueCache(changes: changes)).add(to: api)
        APIReminderRoutes(api: context).add(to: api)
        APIReceptionRoutes(api: context).add(to: api)
        APIBulletinRoutes(api: context).add(to: api)
    }

    /// The OpenAPI document needs no token: it is documentation and holds no data.
    public func addPublicRoutes(_ open: RouterGroup<WebContext>, environment: WebEnvironment) {
        open.get("/api/v1/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }
}
