import Foundation

/// Where the store and its nudge socket are: one place for the rules `xinfangd` and `xinfangctl`
/// share, so that a command run from any directory finds the store a daemon runs on, and the daemon
/// listens where that command will look.
public enum StoreLocation {
    /// The stores `xinfangctl` considers, most specific first, when neither `--store` nor the
    /// configuration's `[store] path` names one: `$STATE_DIRECTORY`; the state directory systemd
    /// gives a service whose configuration directory holds `configFile` (`/etc/N` → `/var/lib/N`;
    /// a user unit's `$XDG_CONFIG_HOME/N` → `$XDG_STATE_HOME/N`, and `$XDG_CONFIG_HOME/N` itself,
    /// systemd < 254); then the defaults (`./var`, or the installed `/var/lib/xinfangd`).
    public static func candidates(configFile: String?, defaultStore: String,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first { return [String(state) + "/xinfang.sqlite"] }
        var out: [String] = []
        if let configFile {
            let directory = URL(fileURLWithPath: configFile).standardizedFileURL.deletingLastPathComponent()
            let name = directory.lastPathComponent
            let parent = directory.deletingLastPathComponent().path
            let home = environment["HOME"] ?? NSHomeDirectory()
            let configHome = environment["XDG_CONFIG_HOME"] ?? home + "/.config"
            let stateHome = environment["XDG_STATE_HOME"] ?? home + "/.local/state"
            if parent == "/etc" { out.append("/var/lib/\(name)/xinfang.sqlite") }
            if parent == standardized(configHome) {
                out.append("\(stateHome)/\(name)/xinfang.sqlite")
                out.append("\(configHome)/\(name)/xinfang.sqlite")
            }
        }
        out.append(defaultStore)
        var seen = Set<String>()
        return out.filter { seen.insert(absolute($0)).inserted }
    }

    /// The nudge socket a daemon on `store` listens on: `$RUNTIME_DIRECTORY/xinfangd.sock` under
    /// systemd (one runtime directory per service), else `xinfangd.sock` next to the store.
    public static func socketPath(store: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let runtime = environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first { return String(runtime) + "/xinfangd.sock" }
        return URL(fileURLWithPath: absolute(store)).deletingLastPathComponent().path + "/xinfangd.sock"
    }

    /// Where `xinfangctl` looks for the daemon of `store`, first match wins: the socket path above,
    /// and — from a shell, which lacks `$RUNTIME_DIRECTORY` — the runtime directory systemd gives the
    /// service whose state directory holds the store (`/var/lib/N` → `/run/N`; a user unit's
    /// `$XDG_STATE_HOME/N` or `$XDG_CONFIG_HOME/N` → `$XDG_RUNTIME_DIR/N`).
    public static func socketCandidates(store: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var out = [socketPath(store: store, environment: environment)]
        guard environment["RUNTIME_DIRECTORY"] == nil else { return out }
        let directory = URL(fileURLWithPath: absolute(store)).deletingLastPathComponent()
        let name = directory.lastPathComponent
        let parent = directory.deletingLastPathComponent().path
        let home = environment["HOME"] ?? NSHomeDirectory()
        let userRoots = [environment["XDG_STATE_HOME"] ?? home + "/.local/state", environment["XDG_CONFIG_HOME"] ?? home + "/.config"].map(standardized)
        if parent == "/var/lib" { out.append("/run/\(name)/xinfangd.sock") }
        if userRoots.contains(parent) { out.append((environment["XDG_RUNTIME_DIR"] ?? "/run/user/\(getuid())") + "/\(name)/xinfangd.sock") }
        return out
    }

    /// `path` made absolute against the working directory.
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? standardized(path) : standardized(FileManager.default.currentDirectoryPath + "/" + path)
    }

    private static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
