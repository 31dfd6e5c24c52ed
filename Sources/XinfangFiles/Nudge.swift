import Foundation

/// The datagram socket through which `xinfangctl` tells a running `xinfangd` that the store changed.
/// A nudge is only a hint: the daemon also picks up on start whatever was written while it was down.
/// Where the socket is: `StoreLocation.socketPath(store:)`.
public enum Nudge {
    /// Sends one datagram to the socket at `path`; returns false when no daemon listens (not an error).
    @discardableResult
    public static func send(socket path: String, message: String = "changed") -> Bool {
        withConnected(path) { fd in
            Array(message.utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) } >= 0
        } ?? false
    }

    /// Sends to the first of `candidates` a daemon listens on; returns that socket's path, or nil.
    public static func send(candidates: [String], message: String = "changed") -> String? {
        candidates.first { send(socket: $0, message: message) }
    }

    /// Whether a daemon listens on the socket at `path` (a datagram socket accepts a connect(2) only
    /// while it is bound; a file left by a daemon that died refuses it).
    public static func listening(_ path: String) -> Bool {
        withConnected(path) { _ in true } ?? false
    }

    private static func withConnected<T>(_ path: String, _ body: (Int32) -> T) -> T? {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard var address = address(path) else { return nil }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return connected == 0 ? body(fd) : nil
    }

    /// Sends `message` to the daemon's socket at `path` from a socket of its own (beside it, else an
    /// abstract one) and waits up to `timeoutSeconds` for the daemon's one-datagram answer. Nil: no
    /// daemon listens, or no answer came in time.
    public static func request(socket path: String, message: String, timeoutSeconds: Int) -> String? {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let own = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/ctl-\(getpid()).sock"
        unlink(own)
        if !bind(fd, path: own) {
            // Not allowed to write there: let the kernel pick an abstract address (same network namespace only).
            var family = sa_family_t(AF_UNIX)
            let bound = withUnsafePointer(to: &family) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.bind(fd, $0, socklen_t(MemoryLayout<sa_family_t>.size)) }
            }
            guard bound == 0 else { return nil }
        }
        defer { unlink(own) }
        guard var address = address(path) else { return nil }
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                Array(message.utf8).withUnsafeBytes { payload in
                    sendto(fd, payload.baseAddress, payload.count, 0, sa, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        }
        guard sent >= 0 else { return nil }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(clamping: timeoutSeconds * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// The `sockaddr_un` of a socket file; nil when the path does not fit in `sun_path`.
    public static func address(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    /// Binds `fd` to the socket file `path`; false when the path does not fit or bind(2) fails (errno).
    public static func bind(_ fd: Int32, path: String) -> Bool {
        guard var address = address(path) else { return false }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
    }
}
