import Foundation
import Testing

@Suite("xinfangd --demo: the demo accounts")
struct DemoAccountsTests {
    /// Runs `xinfangd --demo` in the sandbox (its `etc` the checkout's, its `var/demo` its own) until
    /// it has printed the demo accounts; returns what it printed.
    func runDemo(_ sandbox: Sandbox) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangd"))
        process.arguments = ["--demo", "--config", sandbox.config]
        process.environment = sandbox.environment
        process.currentDirectoryURL = URL(fileURLWithPath: sandbox.root)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var printed = Data()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !String(decoding: printed, as: UTF8.self).contains("viewer") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed.append(chunk)
        }
        process.terminate()
        process.waitUntilExit()
        return String(decoding: printed, as: UTF8.self)
    }

    @Test("the demo makes admin, a clerk of one unit, a leader and a viewer once, and prints them with the demo password at every start")
    func demoAccounts() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createSymbolicLink(atPath: sandbox.root + "/etc", withDestinationPath: Sandbox.packageRoot.path + "/etc")
        for _ in 1...2 {
            let printed = try runDemo(sandbox)
            #expect(printed.hasPrefix("演示账号（仅限演示库"), "\(printed)")
            #expect(printed.contains("xinfang-demo"))
            for name in ["admin", "clerk.rsj", "leader.wang", "viewer"] { #expect(printed.contains(name), "\(name)") }
        }
        let list = try sandbox.ctlOutput(["user", "list", "--json", "--store", sandbox.root + "/var/demo/xinfang.sqlite"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]], "\(list.stderr)")
        #expect(rows.map { "\($0["name"] as? String ?? "")=\($0["role"] as? String ?? "")" } == ["admin=admin", "clerk.rsj=clerk", "leader.wang=leader", "viewer=viewer"])
        #expect(rows.first { $0["name"] as? String == "clerk.rsj" }?["units"] as? [String] == ["县人力资源和社会保障局"])
        #expect(rows.first { $0["name"] as? String == "leader.wang" }?["leader"] as? String == "王副县长")
    }
}
