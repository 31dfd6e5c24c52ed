import Foundation

/// Reads entries back from the real journal with `journalctl -o json`, as an operator would.
enum JournalReader {
    /// Whether journald's socket exists (scripts/ci/start-journald creates it in CI and sandboxes).
    static var isRunning: Bool { FileManager.default.fileExists(atPath: "/run/systemd/journal/socket") }

    /// The entries matching `field=value`, each as field name → values (a field may repeat),
    /// waiting up to `timeout` for at least `count` of them: journald writes asynchronously.
    static func entries(_ field: String, _ value: String, count: Int = 1, timeout: Duration = .seconds(5))
        async throws -> [[String: [String]]]
    {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let found = try read(["\(field)=\(value)"])
            if found.count >= count || clock.now >= deadline { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// One run of journalctl with these matches; `--all` so long and binary values are printed.
    static func read(_ matches: [String]) throws -> [[String: [String]]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        process.arguments = ["--no-pager", "--all", "-o", "json"] + matches
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return [:] }
            return object.compactMapValues(values)
        }
    }

    /// journalctl prints a value as a string, as an array of bytes when it is not printable,
    /// and a repeated field as an array of those.
    private static func values(_ json: Any) -> [String]? {
        if let text = json as? String { return [text] }
        if let bytes = json as? [Int] { return [String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)] }
        if let many = json as? [Any] { return many.flatMap { values($0) ?? [] } }
        return nil
    }

    /// A fresh 128-bit id in MESSAGE_ID form (32 lower-case hex digits) to find one test's entries.
    static func uniqueID() -> String {
        UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}
