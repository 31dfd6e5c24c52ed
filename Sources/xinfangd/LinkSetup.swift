import Foundation
import Logging
import XinfangApp
import XinfangFiles

/// The 签收 links of reminder mails at start: the link secret next to the store (created at the first
/// start, mode 0600, never overwritten) and the public URL the links point to.
enum LinkSetup {
    /// Makes sure `link.key` exists and is sound (a clear configuration failure otherwise), and answers
    /// the links for the Maildir, or nil while no public URL is configured.
    static func mailLinks(config: DaemonConfig, logger: Logger) throws(ConfigurationFailure) -> MailLinks? {
        let path = LinkSecret.path(store: StoreLocation.absolute(config.storePath))
        let secret: LinkSecret
        do {
            let (loaded, created) = try LinkSecret.loadOrCreate(path: path)
            if created { logger.notice("created the 签收 link secret \(path) (mode 0600)") }
            secret = loaded
        } catch {
            throw ConfigurationFailure("\(error)")
        }
        guard let base = publicURL(config) else { return nil }
        return MailLinks(base: base, links: AckLinks(secret: secret))
    }

    /// The public base URL of the web interface (`[http] public_url`), while the server is on; in test
    /// mode (XINFANG_TEST_FAULTS=1) XINFANG_TEST_PUBLIC_URL overrides it, for daemons that serve nothing.
    static func publicURL(_ config: DaemonConfig) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if environment["XINFANG_TEST_FAULTS"] == "1", let url = environment["XINFANG_TEST_PUBLIC_URL"] { return url }
        return config.http.enabled ? config.http.publicURL : nil
    }
}
