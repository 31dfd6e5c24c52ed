import Foundation
import XinfangPolicy

/// A Maildir on disk, written the way the format promises readers: a message appears in `new/`
/// whole or not at all (D. J. Bernstein, "Using maildir format").
struct Maildir {
    /// The Maildir's folder, holding `tmp/`, `new/` and `cur/`.
    let root: String

    /// Creates the Maildir's folders if missing, writes `bytes` to `tmp/<unique>`, fsyncs it, renames
    /// it into `new/` and fsyncs `new/`. Returns the path in `new/`. On failure nothing is left in `tmp/`.
    func deliver(_ bytes: [UInt8], uniqueName name: String) throws(DeliveryError) -> String {
        try makeFolders()
        let tmp = "\(root)/tmp/\(name)"
        let new = "\(root)/new/\(name)"
        // The name is derived from the dedupe key: a message already delivered (a crash after the
        // rename, before the outbox recorded it) is found and not written twice.
        for delivered in [new, "\(root)/cur/\(name):2,", "\(root)/cur/\(name):2,S"] where access(delivered, F_OK) == 0 {
            return delivered
        }
        unlink(tmp)  // a partial write left by a crash
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .posix("maildir: create \(tmp)") }
        var isOpen = true
        do throws(DeliveryError) {
            try writeAll(fd, bytes, path: tmp)
            guard fsync(fd) == 0 else { throw .posix("maildir: fsync \(tmp)") }
            isOpen = false  // Linux releases the descriptor even when close fails
            guard close(fd) == 0 else { throw .posix("maildir: close \(tmp)") }
            guard rename(tmp, new) == 0 else { throw .posix("maildir: rename \(tmp) to new/") }
        } catch {
            if isOpen { close(fd) }
            unlink(tmp)
            throw error
        }
        try syncFolder("\(root)/new")
        return new
    }

    /// `<fire time>.X<hash of the dedupe key>.<host>`: unique per message, and the same on every
    /// attempt, so that a repeated delivery finds the first one.
    static func messageName(fireAt: Int64, dedupeKey: String, host: String) -> String {
        let hash = Digest.hex(dedupeKey).prefix(32)
        return "\(fireAt).X\(hash).\(host)"
    }

    /// This machine's host name with `/` and `:` escaped as the Maildir spec asks.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name.replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
    }

    private func makeFolders() throws(DeliveryError) {
        var createdSub = false
        if try makeFolder(root) { try syncFolder((root as NSString).deletingLastPathComponent) }
        for sub in ["tmp", "new", "cur"] where try makeFolder("\(root)/\(sub)") { createdSub = true }
        if createdSub { try syncFolder(root) }
    }

    /// True when it created the folder, false when it was there.
    private func makeFolder(_ path: String) throws(DeliveryError) -> Bool {
        if mkdir(path, 0o700) == 0 { return true }
        let code = errno
        var status = stat()
        if code == EEXIST && stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR { return false }
        throw .posix("maildir: mkdir \(path)", errno: code == EEXIST ? ENOTDIR : code)
    }

    private func syncFolder(_ path: String) throws(DeliveryError) {
        let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .posix("maildir: open \(path)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .posix("maildir: fsync \(path)") }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(DeliveryError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .posix("maildir: write \(path)") }
            offset += n
        }
    }
}
