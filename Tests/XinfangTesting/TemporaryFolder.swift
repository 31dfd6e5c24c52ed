import Foundation

/// Folders and files of one test's own, under the system's temporary directory: never the
/// checkout's `var/` or `etc/`, never shared with another test.
public enum TemporaryFolder {
    /// Makes a new empty folder `xinfang-<purpose>-XXXXXX` (unique, mode 0700) and returns its path.
    public static func make(_ purpose: String = "tests") -> String {
        let base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array((base + "xinfang-\(purpose)-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            fatalError("cannot make a temporary folder under \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Removes `path` and everything below it; a path that is gone already is not an error.
    public static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}

/// Writes `text` to a file named `name` in a new temporary folder and returns the file's path.
public func temporaryFile(_ name: String, _ text: String) throws -> String {
    let path = TemporaryFolder.make() + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A configuration of a test's own in a new temporary folder: `xinfangd.toml` naming the store
/// `x.sqlite` beside it, then whatever else the test needs. Never the shipped `etc/xinfangd.toml`.
public struct StoreConfiguration: Sendable {
    /// The folder that holds the configuration and the store.
    public let folder: String
    /// The store file the configuration names (created by the first command that writes).
    public var store: String { folder + "/x.sqlite" }
    /// The configuration file.
    public var file: String { folder + "/xinfangd.toml" }
    /// `--config FILE`, for `xinfangctl` and `xinfangd`.
    public var arguments: [String] { ["--config", file] }

    /// Writes `[store] path = "<folder>/x.sqlite"` and then `more` (other tables, each line ending in a newline).
    public init(_ purpose: String, more: String = "") throws {
        folder = TemporaryFolder.make(purpose)
        try ("[store]\npath = \"\(folder)/x.sqlite\"\n" + more).write(toFile: folder + "/xinfangd.toml", atomically: true, encoding: .utf8)
    }
}
