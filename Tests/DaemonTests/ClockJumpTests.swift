import Foundation
import GRDB
import Testing

/// The wall clock set far ahead (libfaketime; Debian package `faketime`): nothing fires until the
/// clock comes back or an operator confirms it.
@Suite("xinfangd holds firing when the wall clock jumps ahead", .serialized)
struct ClockJumpTests {
    static let libfaketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"

    /// Sends one datagram to the daemon's nudge socket (what `xinfangctl` does after a change).
    static func nudge(_ sandbox: Sandbox) {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array((sandbox.runtime + "/xinfangd.sock").utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
            raw[path.count] = 0
        }
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                Array("changed".utf8).withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, sa, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
        }
    }

    static func count(_ sandbox: Sandbox, _ table: String) throws -> Int {
        try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    @Test("clock +80 days: no reminder, no overdue record; back: nothing; +80 days again and `clock confirm`: the due reminders fire")
    func jumpAhead() throws {
        try #require(FileManager.default.fileExists(atPath: Self.libfaketime), "install the Debian package faketime")
        let sandbox = try Sandbox()
        // Cases accepted yesterday: every milestone of their 60-day handling deadline is weeks ahead.
        #expect(try sandbox.ctl(["unit", "add", "县人社局", "--address", "rsj@example.cn"]) == 0)
        #expect(try sandbox.ctl(["leader", "add", "王副县长", "--address", "wang@example.cn"]) == 0)
        var lines: [String] = []
        for k in 0..<20 {
            lines.append(#"{"record": "case", "number": "XF-T\#(k)", "received": "\#(shanghaiDate(daysFromToday: -2))", "category": "申诉求决", "unit": "县人社局", "leader": "王副县长"}"#)
            lines.append(#"{"record": "event", "case": "XF-T\#(k)", "seq": 1, "type": "accepted", "on": "\#(shanghaiDate(daysFromToday: -1))"}"#)
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: sandbox.root + "/cases.jsonl", atomically: true, encoding: .utf8)
        #expect(try sandbox.ctl(["import", sandbox.root + "/cases.jsonl"]) == 0)

        let offset = sandbox.root + "/faketime"
        func setClock(_ value: String) throws { try (value + "\n").write(toFile: offset, atomically: true, encoding: .utf8) }
        try setClock("+0d")
        var env = sandbox.environment
        env["LD_PRELOAD"] = Self.libfaketime
        env["FAKETIME_TIMESTAMP_FILE"] = offset
        env["FAKETIME_NO_CACHE"] = "1"
        env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        // Under libfaketime 0.9.10 a Swift program's CommandLine.arguments come out empty: the
        // daemon finds its configuration through $CONFIGURATION_DIRECTORY instead of --config.
        env["CONFIGURATION_DIRECTORY"] = sandbox.root
        let daemon = try sandbox.startDaemon(environment: env)
        #expect(try sandbox.wait(seconds: 60) { try sandbox.settled() })
        let before = try Self.count(sandbox, "reminders")
        func log() -> String { (try? String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8)) ?? "" }
        func logCount(_ text: String) -> Int { log().components(separatedBy: text).count - 1 }

        try setClock("+80d")
        Self.nudge(sandbox)
        #expect(sandbox.wait(seconds: 30) { logCount("the wall clock jumped +80d") == 1 })
        usleep(1_000_000)
        #expect(try Self.count(sandbox, "reminders") == before, "reminders of the skipped weeks fired early")
        #expect(try Self.count(sandbox, "overdue") == 0, "overdue recorded for deadlines not due in real time")

        try setClock("+0d")
        Self.nudge(sandbox)
        #expect(sandbox.wait(seconds: 30) { logCount("back in line with the boot clock") == 1 })
        #expect(try Self.count(sandbox, "reminders") == before)

        try setClock("+80d")
        Self.nudge(sandbox)
        #expect(sandbox.wait(seconds: 30) { logCount("the wall clock jumped +80d") == 2 })
        #expect(try Self.count(sandbox, "reminders") == before)
        #expect(try sandbox.ctl(["clock", "confirm"]) == 0)
        #expect(sandbox.wait(seconds: 30) { logCount("confirmed by the operator") == 1 })
        // 80 days on, every milestone of the 20 deadlines has passed: each fires (late) to unit and leader.
        #expect(try sandbox.wait(seconds: 30) { try Self.count(sandbox, "reminders") >= before + 40 })
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)
    }
}
