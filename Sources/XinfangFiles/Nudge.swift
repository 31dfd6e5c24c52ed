import Foundation

/// The datagram socket through which `xinfangctl` tells a running `xinfangd` that the store changed.
/// A nudge is only a hint: the daemon also picks up on start whatever was written while it was down.
public enum Nudge {
    /// The socket's path in a runtime directory.
    public static func socketPath(runtimeDirectory: String) -> String { runtimeDirectory + "/xinfangd.sock" }

    /// Sends one datagram; returns false when no daemon listens (not an error).
    @discardableResult
    public static func send(runtimeDirectory: String, message: String = "changed") -> Bool {
        let path = socketPath(runtimeDirectory: runtimeDirectory)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                Array(message.utf8).withUnsafeBytes { payload in
                    sendto(fd, payload.baseAddress, payload.count, Int32(MSG_DONTWAIT), sa, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        }
        return sent >= 0
    }
}
