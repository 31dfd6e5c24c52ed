public import XinfangApp
public import XinfangEngine
public import XinfangFiles
public import XinfangPorts
import Synchronization

/// Every port of the store the pages and the API read and write through (the SQLite adapter
/// implements them all; XinfangWeb never sees a storage type).
public typealias WebStore = CaseStore & ScheduleReaderStore & StatusReads & DashboardReads & BulletinStore & AccountStore
    & FeedTokenStore & ReminderAcknowledgements

/// What the features of the web interface call: the store's ports and the daemon's current
/// configuration and engine settings (a reload replaces them; handlers read `current` per request).
public struct WebApp: Sendable {
    public let store: any WebStore
    /// The accounts of the store, as the web server's actor (`web:<name>` is written per request).
    public let accounts: Accounts
    /// The 签收 links (nil: no link secret loaded, e.g. in unit tests).
    public let links: AckLinks?
    private let state: WebRuntimeBox

    public init(store: any WebStore, accounts: Accounts, links: AckLinks?, runtime: WebRuntimeBox) {
        self.store = store
        self.accounts = accounts
        self.links = links
        self.state = runtime
    }

    /// The configuration and engine settings now in force.
    public var current: WebRuntime { state.current }
}

/// The part of the daemon's runtime that requests read: its configuration and engine settings
/// (registry, scheduling with the calendar, leaders).
public struct WebRuntime: Sendable {
    public var config: DaemonConfig
    public var settings: Engine.Settings
    public init(config: DaemonConfig, settings: Engine.Settings) {
        self.config = config
        self.settings = settings
    }
}

/// Holds the runtime in force; the daemon's scheduler replaces it after a successful reload.
public final class WebRuntimeBox: Sendable {
    private let value: Mutex<WebRuntime>
    public init(_ runtime: WebRuntime) { value = Mutex(runtime) }
    public var current: WebRuntime { value.withLock { $0 } }
    public func replace(_ runtime: WebRuntime) { value.withLock { $0 = runtime } }
}
