import Foundation
import Testing
import XinfangTesting

/// Command-line values obey the limits of a file's fields: at most 2,000 characters, refused with
/// exit 2 and a short error naming the option, nothing written. (A NUL cannot reach a process
/// through argv — execve takes C strings — and one argument holds at most 128 KiB on Linux
/// (MAX_ARG_STRLEN), so the longest value tried is 120,000 characters, not 10 MB.)
@Suite("xinfangctl refuses over-long option values")
struct ArgumentLimitCLITests {
    private struct Store {
        let configuration: StoreConfiguration

        init() throws {
            configuration = try StoreConfiguration("argument-limits", more: """
                [calendar]
                directory = "\(Checkout.calendars)"
                [policy]
                default = "cn-2022"
                [http]
                enabled = false

                """)
        }

        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(arguments + configuration.arguments + ["--store", configuration.store],
                        environment: ["TZ": "Asia/Shanghai", "RUNTIME_DIRECTORY": configuration.folder])
        }

        @discardableResult
        func ok(_ arguments: String...) throws -> CLI.Result { try ok(arguments) }

        @discardableResult
        func ok(_ arguments: [String]) throws -> CLI.Result {
            let result = try run(arguments)
            #expect(result.status == 0, "\(arguments.prefix(3).joined(separator: " ")): \(result.stderr)")
            return result
        }

        /// Every row of the store, as the sqlite3 shell dumps it.
        func dump() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [configuration.store, ".dump"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return String(decoding: data, as: UTF8.self)
        }

        /// Runs a command that must be refused: exit 2, stderr short, naming `option`, the store unchanged.
        func refused(_ arguments: [String], option: String, reason: String) throws {
            let before = try dump()
            let result = try run(arguments)
            #expect(result.status == 2, "\(option): exit \(result.status), stdout \(result.stdout.prefix(200))")
            #expect(result.stderr.hasPrefix("\(option): 取值\(reason)"), "\(result.stderr.prefix(300))")
            #expect(result.stderr.utf8.count < 400, "stderr of \(result.stderr.utf8.count) bytes")
            #expect(result.stdout.isEmpty)
            #expect(try dump() == before, "\(option): the store changed")
        }
    }

    private let caseAdd = ["--received", "2026-11-02", "--category", "申诉求决", "--unit", "县人社局"]

    @Test("a 120,000-character case number, unit name and note are refused before anything is written")
    func longValuesRefused() throws {
        let store = try Store()
        try store.ok("unit", "add", "县人社局")
        try store.ok("leader", "add", "王副县长")
        try store.ok(["case", "add", "XF-2026-000001"] + caseAdd)
        let huge = String(repeating: "X", count: 120_000)

        try store.refused(["case", "add", huge] + caseAdd, option: "<number>", reason: "超过 2000 个字符")
        try store.refused(["unit", "add", huge], option: "<name>", reason: "超过 2000 个字符")
        try store.refused(["case", "add", "XF-2026-000002", "--received", "2026-11-02", "--category", "申诉求决", "--unit", huge],
                          option: "--unit", reason: "超过 2000 个字符")
        try store.refused(["case", "assign", "XF-2026-000001", "--leader", huge], option: "--leader", reason: "超过 2000 个字符")
        try store.refused(["leader", "add", "李副县长", "--title", huge], option: "--title", reason: "超过 2000 个字符")
        try store.refused(["event", "add", "XF-2026-000001", "受理", "--on", "2026-11-03", "--note", huge],
                          option: "--note", reason: "超过 2000 个字符")
        try store.refused(["event", "add", "XF-2026-000001", "受理", "--on", "2026-11-03", "--note=" + huge],
                          option: "--note", reason: "超过 2000 个字符")
        // One character over the limit is enough.
        try store.refused(["event", "add", "XF-2026-000001", "受理", "--on", "2026-11-03", "--note", String(repeating: "记", count: 2001)],
                          option: "--note", reason: "超过 2000 个字符")
        #expect(try store.dump().contains("XF-2026-000002") == false)
    }

    @Test("a note of exactly 2,000 characters is stored whole")
    func limitItselfAccepted() throws {
        let store = try Store()
        try store.ok("unit", "add", "县人社局")
        try store.ok(["case", "add", "XF-2026-000001"] + caseAdd)
        let note = String(repeating: "记", count: 2000)
        try store.ok("event", "add", "XF-2026-000001", "受理", "--on", "2026-11-03", "--note", note)
        #expect(try store.dump().contains(note))
    }

    @Test("an --event spec whose note is too long is refused with a short error, nothing stored")
    func longEventSpecRefused() throws {
        let store = try Store()
        try store.ok("unit", "add", "县人社局")
        let before = try store.dump()
        let result = try store.run(["case", "add", "XF-2026-000003"] + caseAdd
                                   + ["--event", "受理 2026-11-03 note=" + String(repeating: "N", count: 120_000)])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("--event[1].note: 取值超过 2000 个字符 \"NNNN"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.contains("longer than 2000 characters"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.utf8.count < 400, "stderr of \(result.stderr.utf8.count) bytes")
        #expect(try store.dump() == before)
    }
}
