#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a calendar file could not be written: the step, the path and the system's reason.
public struct ICSWriteError: Error, Sendable, CustomStringConvertible {
    /// Such as "ics: rename /tmp/.x.ics.1a2b.tmp to /tmp/x.ics: Permission denied".
    public let description: String
}

extension ICSCalendar {
    /// Writes `render(stamp:)` to `path` atomically: into a new temporary file in the same folder,
    /// flushed to disk, then renamed over `path`. A client reading the file meanwhile sees the old
    /// calendar or the new one, never part of one. On failure `path` is untouched and the temporary
    /// file is removed. The file is created with mode 0644 less the umask, so a web server or another
    /// user's client can read it; a symbolic link at `path` is replaced, not followed.
    public func write(to path: String, stamp: Int64) throws(ICSWriteError) {
        let bytes = renderBytes(stamp: stamp)
        let folder: String
        let name: Substring
        if let slash = path.lastIndex(of: "/") {
            folder = slash == path.startIndex ? "/" : String(path[..<slash])
            name = path[path.index(after: slash)...]
        } else {
            folder = "."
            name = path[...]
        }
        let temporary = "\(folder == "/" ? "" : folder)/.\(name).\(String(UInt64.random(in: .min ... .max), radix: 16)).tmp"
        do throws(ICSWriteError) {
            try writeNewFile(temporary, bytes)
            guard rename(temporary, path) == 0 else { throw .posix("rename \(temporary) to \(path)") }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}

/// Creates `path` (which must not exist), writes `bytes` and fsyncs it; closes it in any case.
private func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(ICSWriteError) {
    // 0640: the file names cases and leaders; readable by the owner and the service group only.
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
    guard fd >= 0 else { throw .posix("create \(path)") }
    var isOpen = true
    defer { if isOpen { close(fd) } }
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { throw .posix("write \(path)") }
        offset += n
    }
    guard fsync(fd) == 0 else { throw .posix("fsync \(path)") }
    isOpen = false  // Linux releases the descriptor even when close fails
    guard close(fd) == 0 else { throw .posix("close \(path)") }
}

extension ICSWriteError {
    /// The error of a failed system call: `ics: what: strerror(errno)`.
    static func posix(_ what: String, errno code: Int32 = errno) -> ICSWriteError {
        ICSWriteError(description: "ics: \(what): \(String(cString: strerror(code)))")
    }
}
