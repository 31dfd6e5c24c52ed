import Foundation

/// `python3` (found on PATH, as `scripts/test` finds it) running a script as an independent reader
/// of what we write: Python's own parsers (csv, html.parser, email, icalendar …) check our output.
/// A machine without it fails those tests; it never makes them pass.
public enum Python {
    /// What a run printed and how it ended.
    public struct Output: Sendable {
        /// The exit status: 127 when `python3` is not on PATH.
        public var status: Int32
        public var stdout: Data
        public var stderr: String
    }

    /// Why Python gave no answer.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `python3 -c script arguments…` with no input; whatever the exit status, returns what it printed.
    public static func execute(_ script: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let folder = TemporaryFolder.make("python")
        defer { TemporaryFolder.remove(folder) }
        // stderr goes to a file, so that a long traceback cannot fill a pipe nobody reads yet.
        let errorPath = folder + "/stderr"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer { try? errors.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Output(status: process.terminationStatus, stdout: data, stderr: stderr)
    }

    /// Runs `script` with `python3 -c`, the arguments after it; returns what it printed, or throws
    /// when it did not exit 0.
    public static func run(_ script: String, _ arguments: [String]) throws -> Data {
        let output = try execute(script, arguments)
        switch output.status {
        case 0: return output.stdout
        case 127: throw Failure(description: "python3 is not on PATH; install Python 3")
        default: throw Failure(description: "python3 exited \(output.status): \(output.stderr)")
        }
    }
}
