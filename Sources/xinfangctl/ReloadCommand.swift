import ArgumentParser
import Foundation
import XinfangFiles

/// `xinfangctl reload`: the unit's ExecReload=. Asks the running daemon to re-read its configuration
/// and calendars and waits for its answer, so that a refused file fails `systemctl reload`.
struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "重新加载配置 Reload the daemon's configuration and calendars, and wait for its answer.",
        discussion: """
            Exit 0 when the daemon reloaded; 2 when it refused the files (it keeps running on the previous configuration,
            the reason is printed and shown in its status); 1 when no daemon answered.
            """)
    @Option(help: "Configuration file (default: $CONFIGURATION_DIRECTORY/xinfangd.toml or ./etc/xinfangd.toml); names the runtime directory.")
    var config: String?
    @Option(help: "Seconds to wait for the answer.") var timeout = 90

    func run() throws {
        // A file the daemon will refuse still names its store, or the default one ($STATE_DIRECTORY
        // under systemd), and so the daemon's socket: ask the daemon anyway, so that it says why.
        let store = (try? DaemonConfig.load(path: config))?.storePath ?? DaemonConfig.defaults().storePath
        let candidates = StoreLocation.socketCandidates(store: store)
        let socket = candidates.first(where: Nudge.listening) ?? candidates[0]
        guard let answer = Nudge.request(socket: socket, message: "reload", timeoutSeconds: timeout) else {
            throw ReloadFailure(message: "未重新加载 not reloaded: no daemon answered on \(socket) within \(timeout) s")
        }
        if answer.hasPrefix("reloaded") {
            print("已重新加载 \(answer)")
        } else {
            throw InputFailure(message: "重新加载被拒绝 reload \(answer)")
        }
    }
}

/// No daemon answered: a runtime failure (exit 1).
struct ReloadFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
