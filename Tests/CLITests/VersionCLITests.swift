import Foundation
import Testing
import XinfangCore

@Suite("--version")
struct VersionCLITests {
    @Test("xinfangctl --version and xinfangd --version print the one release string")
    func bothBinaries() throws {
        let ctl = try CLI.run(["--version"])
        #expect(ctl.status == 0, "\(ctl.stderr)")
        #expect(ctl.stdout == "xinfangctl \(XinfangVersion.current)\n")

        let process = Process()
        process.executableURL = CLI.binary.deletingLastPathComponent().appendingPathComponent("xinfangd")
        process.arguments = ["--version"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: out, as: UTF8.self) == "xinfangd \(XinfangVersion.current)\n")
        #expect(XinfangVersion.current.split(separator: ".").count == 3)
    }
}
