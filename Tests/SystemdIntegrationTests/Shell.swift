import Foundation
import XinfangTesting

/// The finished run of a command: exit status and what it printed.
struct Output: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs commands found on PATH (or by absolute path), collecting their output in files, so that a
/// chatty command cannot block on a full pipe.
enum Shell {
    /// The package's root directory.
    static let packageRoot = Checkout.root.path

    /// Runs `command` with `arguments` to the end. `environment` is added to this process's.
    @discardableResult
    static func run(_ command: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Output {
        let dir = URL(fileURLWithPath: TemporaryFolder.make("shell"))
        defer { TemporaryFolder.remove(dir.path) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.hasPrefix("/") ? command : "/usr/bin/env")
        process.arguments = command.hasPrefix("/") ? arguments : [command] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(TestClock.environment) { $1 }.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// An executable built next to the running test bundle (`.build/debug/NAME`), by absolute path.
    static func built(_ name: String) -> String { Checkout.binary(name) }

    /// Waits until `condition` holds, checking every 100 ms, up to `seconds`; returns whether it held.
    static func wait(seconds: Double, for condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(100_000)
        }
        return try condition()
    }
}
