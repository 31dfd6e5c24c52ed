import Foundation
import GRDB
import Testing

/// A full store (SQLITE_FULL, as on a full disk) does not stop the daemon: the step is rolled back,
/// the daemon says so in its log and STATUS=, backs off and retries, and still stops on SIGTERM.
@Suite("xinfangd on a full store: back off and retry, never exit", .serialized)
struct StoreFullTests {
    @Test("SQLITE_FULL (SQLite's max_page_count, the test-only limit): retries with growing delays, keeps running, exits 0 on SIGTERM")
    func backsOff() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.ctl(["unit", "add", "县人社局"]) == 0)
        // 200 cases the daemon has not computed yet: computing them needs pages the store may not grow by.
        let lines = (1...200).map { #"{"record":"case","number":"XF-2026-\#(String(format: "%06d", $0))","received":"\#(shanghaiDate(daysFromToday: -3))","category":"申诉求决","unit":"县人社局"}"# }
        let file = sandbox.root + "/cases.jsonl"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try sandbox.ctl(["import", file]) == 0)
        // A few pages of headroom for opening (GRDB probes WAL mode with a table it drops again).
        let pages = try sandbox.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
        #expect(pages > 0)

        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangd"))
        daemon.arguments = ["--config", sandbox.config]
        daemon.environment = sandbox.environment.merging(["XINFANG_TEST_FAULTS": "1", "XINFANG_TEST_MAX_PAGE_COUNT": String(pages + 3)]) { $1 }
        let log = sandbox.root + "/xinfangd.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        daemon.standardError = FileHandle(forWritingAtPath: log)!
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }; daemon.waitUntilExit() }

        func text() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        #expect(sandbox.wait(seconds: 15) { text().contains("retry 2 in 2 s") }, "\(text())")
        #expect(text().contains("store full (disk or quota): the scheduler step was rolled back; retry 1 in 1 s"), "\(text())")
        #expect(daemon.isRunning, "still running: \(text())")
        #expect(!text().contains("scheduler step failed"))
        #expect(try sandbox.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM cases WHERE dirty = 0") } == 0, "nothing half-written")
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
    }
}
