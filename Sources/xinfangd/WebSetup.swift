import Foundation
import Logging
import XinfangApp
import XinfangClock
import XinfangFiles
import XinfangStore
import XinfangWeb

/// The web server's environment: the `[http]` settings, the store's accounts as the session
/// authority, the link secret for 签收 pages, the daemon's clock and its runtime in force.
enum WebSetup {
    static func environment(daemon: Daemon, logger: Logger) throws -> WebEnvironment {
        let config = daemon.runtime.config
        let accounts = Accounts(store: daemon.store, actor: "web")
        let secret = try? LinkSecret.load(path: LinkSecret.path(store: StoreLocation.absolute(config.storePath)))
        let app = WebApp(store: daemon.store, accounts: accounts, links: secret.map(AckLinks.init), runtime: daemon.webRuntime)
        let authority = AccountsAuthority(accounts: accounts, time: Runtime.time(config), logger: logger)
        return WebEnvironment(settings: config.http, authority: authority, now: { WallClock.now() }, logger: logger, app: app)
    }

    /// Every feature the server serves besides login, the errors and /healthz. The 工作台's content
    /// and the API's due lists are kept until their cases change, watched together on one
    /// connection of their own.
    static func features(daemon: Daemon) throws -> [any WebFeature] {
        let changes = try StoreChangeWatch(path: daemon.store.path)
        return [
            // 工作台, 案件详情 and the forms.
            DashboardPage(store: daemon.store, changes: changes), CaseDetailPage(store: daemon.store), CaseForms(store: daemon.store),
            // The pages of leaders and the bureau: 我的, 签收 links and feeds, 督办, 通报, 管理.
            AckLinkFeature(), MyFeature(store: daemon.store), SupervisionFeature(store: daemon.store), BulletinFeature(), AdminFeature(store: daemon.store),
            // The JSON API.
            APIFeature(store: daemon.store, changes: changes),
        ]
    }
}
