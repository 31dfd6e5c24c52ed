public import Crypto
import Foundation

/// The secret the 签收 links are signed with: 32 random bytes in `link.key` next to the store (the
/// state directory), mode 0600. xinfangd creates it at its first start and never overwrites it;
/// `xinfangctl` and the web server read it.
public struct LinkSecret: Sendable {
    /// The file's name in the state directory.
    public static let fileName = "link.key"
    /// The secret's length in bytes.
    public static let byteCount = 32

    private let bytes: [UInt8]

    /// The key HMACs are computed with.
    public var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A secret of exactly 32 bytes (tests; `load` reads the file).
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// `link.key` in the directory of the store at `store`.
    public static func path(store: String) -> String {
        URL(fileURLWithPath: store).deletingLastPathComponent().appendingPathComponent(fileName).path
    }

    /// Reads the secret at `path`: a regular file of 32 bytes, mode 0600 or narrower, else a clear error.
    public static func load(path: String) throws(LinkSecretError) -> LinkSecret {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw LinkSecretError(path: path, problem: "cannot be read: \(errnoText())") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw LinkSecretError(path: path, problem: "is not a regular file") }
        let mode = info.st_mode & 0o7777
        guard mode & ~0o600 == 0 else {
            throw LinkSecretError(path: path, problem: "has mode \(String(mode, radix: 8)), wider than 0600: `chmod 600 \(path)`")
        }
        guard info.st_size == Self.byteCount else {
            throw LinkSecretError(path: path, problem: "has \(info.st_size) bytes, not \(Self.byteCount): delete it and restart xinfangd to make a new one (every 签收 link sent so far stops working)")
        }
        guard let data = FileManager.default.contents(atPath: path), let secret = LinkSecret(bytes: Array(data)) else {
            throw LinkSecretError(path: path, problem: "cannot be read")
        }
        return secret
    }

    /// Reads the secret at `path`, creating it first when missing: 32 bytes from the system's secure
    /// random source written to a temporary file (mode 0600) and fsynced, then linked into place —
    /// which fails rather than overwrite a file created meanwhile — and the folder fsynced.
    /// `created` tells whether this call made it.
    public static func loadOrCreate(path: String) throws(LinkSecretError) -> (secret: LinkSecret, created: Bool) {
        if access(path, F_OK) == 0 { return (try load(path: path), false) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LinkSecretError(path: path, problem: "its folder cannot be created: \(error)")
        }
        let temporary = "\(path).tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LinkSecretError(path: path, problem: "cannot be created: \(errnoText())") }
        defer { unlink(temporary) }
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else { throw LinkSecretError(path: path, problem: "cannot be written: \(errnoText())") }
        if link(temporary, path) != 0 {
            guard errno == EEXIST else { throw LinkSecretError(path: path, problem: "cannot be put in place: \(errnoText())") }
            return (try load(path: path), false)  // another process made it first: keep that one
        }
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 { fsync(dirFD); close(dirFD) }
        return (try load(path: path), true)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// A link secret that cannot be used, with the file and what is wrong with it.
public struct LinkSecretError: Error, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "link secret \(path) \(problem)" }
}
