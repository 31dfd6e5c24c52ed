import Foundation
import XinfangCore

/// `[http]` of `xinfangd.toml`: where the web interface and the JSON API listen, the address people
/// reach them at, and how long a login lasts. Every key is optional; on by default, loopback only.
public struct HTTPSettings: Sendable, Equatable {
    /// Where the server listens: a TCP address or a unix socket.
    public enum Listen: Sendable, Equatable, CustomStringConvertible {
        /// A host (IPv4 literal, IPv6 literal without brackets, or `localhost`) and a port.
        case tcp(host: String, port: Int)
        /// A unix socket file (`unix:/run/xinfangd/http.sock`).
        case unix(path: String)

        /// As written in the configuration: `127.0.0.1:8470`, `[::1]:8470`, `unix:/path`.
        public var description: String {
            switch self {
            case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            case .unix(let path): "unix:\(path)"
            }
        }

        /// Whether only this machine can connect: a unix socket, `127.0.0.0/8`, `::1` or `localhost`.
        public var isLoopback: Bool {
            switch self {
            case .unix: true
            case .tcp(let host, _): host == "localhost" || host == "::1" || host.hasPrefix("127.")
            }
        }

        /// Parses `host:port`, `[v6]:port` or `unix:/absolute/path`; nil with the reason otherwise.
        public static func parse(_ text: String) -> Result<Listen, ListenSyntaxError> {
            if text.hasPrefix("unix:") {
                let path = String(text.dropFirst(5))
                guard path.hasPrefix("/"), path.count > 1 else { return .failure(ListenSyntaxError("\(text): a unix socket needs an absolute path, like unix:/run/xinfangd/http.sock")) }
                return .success(.unix(path: path))
            }
            let host: String, portText: Substring
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                    return .failure(ListenSyntaxError("\(text): an IPv6 address is written [::1]:8470"))
                }
                host = String(text[text.index(after: text.startIndex)..<close])
                portText = text[text.index(close, offsetBy: 2)...]
                guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                    return .failure(ListenSyntaxError("\(text): \(host) is not an IPv6 address"))
                }
            } else {
                guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                    return .failure(ListenSyntaxError("\(text): expected host:port (127.0.0.1:8470), [::1]:8470 or unix:/path"))
                }
                host = String(text[..<colon])
                portText = text[text.index(after: colon)...]
                let isIPv4 = host.split(separator: ".", omittingEmptySubsequences: false).count == 4
                    && host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { UInt8($0) != nil }
                guard isIPv4 || host == "localhost" else {
                    return .failure(ListenSyntaxError("\(text): the host must be an IP address (127.0.0.1, 0.0.0.0) or localhost"))
                }
            }
            guard let port = Int(portText), (1...65535).contains(port) else {
                return .failure(ListenSyntaxError("\(text): the port must be 1…65535"))
            }
            return .success(.tcp(host: host, port: port))
        }
    }

    /// Why a `listen` value was refused.
    public struct ListenSyntaxError: Error, Sendable {
        public let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Whether the server runs at all (`enabled = false`: nothing listens).
    public var enabled = true
    public var listen: Listen = .tcp(host: "127.0.0.1", port: 8470)
    /// The address people reach the server at (through a reverse proxy, say); links in mails start
    /// with it, and `https://` makes the cookies `Secure`. No trailing slash.
    public var publicURL = "http://127.0.0.1:8470"
    /// How long a login lasts.
    public var sessionHours = 8

    public init() {}

    /// Whether cookies must be `Secure` (the server is reached over TLS).
    public var secureCookies: Bool { publicURL.hasPrefix("https://") }

    /// The `--check-config` line: `http 127.0.0.1:8470 · public http://127.0.0.1:8470 · session 8 h`, or `http off`.
    public var summary: String {
        enabled ? "http \(listen) · public \(publicURL) · session \(sessionHours) h" : "http off"
    }

    /// Reads `[http]`: `enabled`, `listen`, `public_url`, `session_hours`.
    static func read(_ t: FieldReader) throws(InputError) -> HTTPSettings {
        try t.rejectUnknownKeys(["enabled", "listen", "public_url", "session_hours"])
        var settings = HTTPSettings()
        settings.enabled = try t.bool("enabled", default: true)
        if t.has("listen") {
            switch Listen.parse(try t.string("listen")) {
            case .success(let listen): settings.listen = listen
            case .failure(let failure): throw t.error("listen", failure.reason)
            }
        }
        if t.has("public_url") {
            var url = try t.string("public_url")
            guard (url.hasPrefix("http://") || url.hasPrefix("https://")), let parsed = URL(string: url), parsed.host?.isEmpty == false,
                  parsed.query == nil, parsed.fragment == nil else {
                throw t.error("public_url", "\(quoted(url)) is not an http:// or https:// address like https://xinfang.example.gov.cn")
            }
            while url.hasSuffix("/") { url.removeLast() }
            settings.publicURL = url
        }
        if t.has("session_hours") { settings.sessionHours = try t.int("session_hours", in: 1...168) }
        return settings
    }
}
