import Foundation
import Testing
import XinfangTesting

@Suite("xinfangctl deadline batch")
struct DeadlineBatchCLITests {
    @Test("answers work and cal lines against the official 2025 and 2026 notices")
    func answers() throws {
        let input = """
            2025-09-26 15 cal
            2025-09-30 5 work
            2025-01-24 3 work
            2025-01-20 10 cal
            2026-02-10 5 work
            2025-12-31 1 work
            2026-02-13 1 cal
            """
        let result = try CLI.run(["deadline", "batch"], stdin: input + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == [
            // 09-26 + 15 = Sat 10-11, a make-up working day for National Day 2025: no roll.
            "2025-10-11",
            // After Tue 09-30: 10-01…10-08 off; Thu 10-09, Fri 10-10, Sat 10-11 (make-up), Mon 10-13, Tue 10-14.
            "2025-10-14",
            // After Fri 01-24: Sun 01-26 (make-up), Mon 01-27, then 01-28…02-04 off, Wed 02-05.
            "2025-02-05",
            // 01-20 + 10 = Thu 01-30, inside Spring Festival 01-28…02-04 → Wed 02-05.
            "2025-02-05",
            // After Tue 02-10: Wed 11, Thu 12, Fri 13, Sat 14 (make-up), then 02-15…02-23 off → Tue 02-24.
            "2026-02-24",
            // After Wed 2025-12-31: 2026-01-01…01-03 off, Sun 01-04 is a make-up working day.
            "2026-01-04",
            // 02-13 + 1 = Sat 02-14, a make-up working day for Spring Festival 2026.
            "2026-02-14",
        ])
    }

    @Test("an answer past the last year with data is marked provisional")
    func provisional() throws {
        // 2026-12-28 (Mon) + 10 working days runs into 2027, which has no notice yet: weekends only.
        // Tue 29, Wed 30, Thu 31, Fri 01-01, Mon 04, Tue 05, Wed 06, Thu 07, Fri 08, Mon 11.
        let result = try CLI.run(["deadline", "batch"], stdin: "2026-12-28 10 work\n2026-12-01 3 work\n")
        #expect(result.stdout == "2027-01-11 provisional\n2026-12-04\n")
    }

    @Test("a malformed line names its line and field, writes nothing, and exits 2")
    func malformed() throws {
        let result = try CLI.run(["deadline", "batch"], stdin: "2025-09-26 15 cal\n2025-09-31 5 work\n2025-10-01 5 cal\n")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("stdin:2:date:"))

        let mode = try CLI.run(["deadline", "batch"], stdin: "2025-09-26 15 days\n")
        #expect(mode.status == 2)
        #expect(mode.stderr.hasPrefix("stdin:1:mode:"))
    }

    @Test("a usage error exits 2")
    func usageError() throws {
        let result = try CLI.run(["deadline", "batch", "--no-such-option"])
        #expect(result.status == 2)
    }

    @Test("a broken calendar directory is an input error naming the file")
    func brokenCalendar() throws {
        let dir = URL(fileURLWithPath: TemporaryFolder.make("cal")).appendingPathComponent("cn")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "year = 2025\nnotice = \"x\"\nworkdays = [\n  { date = 2025-02-07, for = \"春节\" },\n]\n"
            .write(to: dir.appendingPathComponent("2025.toml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["deadline", "batch", "--calendars", dir.deletingLastPathComponent().path], stdin: "2025-01-01 1 work\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("2025.toml:4:workdays[0].date"))
    }

    /// Runs `xinfangctl deadline batch` with standard input redirected from a regular file (the
    /// shape of `xinfangctl deadline batch < requests.txt`), not a pipe.
    static func runFromFile(_ text: String) throws -> CLI.Result {
        let folder = TemporaryFolder.make("batch")
        defer { TemporaryFolder.remove(folder) }
        let file = URL(fileURLWithPath: folder + "/requests.txt")
        try Data(text.utf8).write(to: file)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["deadline", "batch"]
        process.currentDirectoryURL = CLI.packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "XINFANG_CALENDARS")
        process.environment = env
        let input = try FileHandle(forReadingFrom: file)
        defer { try? input.close() }
        let output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test("standard input from a file answers the same as from a pipe, and refuses the same")
    func fromFile() throws {
        // 09-26 + 15 = Sat 10-11 (make-up); after Tue 09-30: Thu 10-09, Fri 10-10, Sat 10-11, Mon 13, Tue 14.
        let good = try Self.runFromFile("2025-09-26 15 cal\n2025-09-30 5 work\n")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == "2025-10-11\n2025-10-14\n")
        let bad = try Self.runFromFile("2025-09-26 15 cal\n2025-09-30 5 wrok\n")
        #expect(bad.status == 2)
        #expect(bad.stdout == "")
        #expect(bad.stderr.hasPrefix("stdin:2:mode: "))
    }
}
