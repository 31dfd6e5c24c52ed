import Foundation
import Testing

/// xinfangd's options (swift-argument-parser): usage errors exit 2 as before, help is Chinese first.
@Suite("xinfangd options")
struct DaemonOptionsTests {
    /// Runs xinfangd with `arguments`; returns its exit status, stdout and stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangd"))
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test("an unknown option and --config without a file exit 2 and name the problem")
    func usageErrors() throws {
        let unknown = try Self.run(["--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--bogus"), "\(unknown.stderr)")
        let missing = try Self.run(["--config"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--config"), "\(missing.stderr)")
    }

    @Test("--help exits 0; its abstract is Chinese first and it lists --config, --check-config, --demo, --version")
    func help() throws {
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: 信访"), "\(help.stdout)")
        for option in ["--config <FILE>", "--check-config", "--demo", "--version"] { #expect(help.stdout.contains(option), "\(option)") }
    }
}
