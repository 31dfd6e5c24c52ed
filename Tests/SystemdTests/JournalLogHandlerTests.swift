import Foundation
import Logging
@testable import Systemd
import Testing

@Suite("JournalLogHandler against the real journald", .enabled(if: JournalReader.isRunning, "start it with scripts/ci/start-journald"))
struct JournalLogHandlerTests {
    struct Refused: Error {}

    @Test("a warning arrives with PRIORITY 4, the call site, the identifier and the metadata as fields")
    func warningEntry() async throws {
        let id = JournalReader.uniqueID()
        var handler = JournalLogHandler(label: "tests", identifier: "xinfang-tests")
        handler.metadata["XINFANG_UNIT"] = "市信访局"
        handler.metadata["XINFANG_LEADER"] = "handler"
        let logger = Logger(label: "tests") { [handler] _ in handler }

        let line = #line + 1
        logger.warning("deadline overdue (超期)\nsecond line", metadata: [
            "MESSAGE_ID": "\(id)", "XINFANG_LEADER": "张三", "XINFANG_CASE": "京信-2024-0001",
            "case.kind": "reception", "MESSAGE": "forged", "_PID": "1", "名字": "dropped",
        ])

        let entry = try #require(try await JournalReader.entries("MESSAGE_ID", id).first)
        #expect(entry["PRIORITY"] == ["4"])
        #expect(entry["MESSAGE"] == ["deadline overdue (超期)\nsecond line"])
        #expect(entry["SYSLOG_IDENTIFIER"] == ["xinfang-tests"])
        #expect(entry["CODE_FILE"] == ["SystemdTests/JournalLogHandlerTests.swift"])
        #expect(entry["CODE_LINE"] == [String(line)])
        #expect(entry["CODE_FUNC"] == ["warningEntry()"])
        #expect(entry["XINFANG_UNIT"] == ["市信访局"])  // handler metadata
        #expect(entry["XINFANG_LEADER"] == ["张三"])  // event metadata wins
        #expect(entry["XINFANG_CASE"] == ["京信-2024-0001"])
        #expect(entry["CASE_KIND"] == ["reception"])
        #expect(entry["_PID"] == [String(getpid())])
        #expect(entry.keys.filter { !$0.hasPrefix("_") }.sorted() == [
            "CASE_KIND", "CODE_FILE", "CODE_FUNC", "CODE_LINE", "MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER",
            "XINFANG_CASE", "XINFANG_LEADER", "XINFANG_UNIT",
        ])
    }

    @Test("each level maps to its syslog priority; below the log level nothing is written")
    func levels() async throws {
        let id = JournalReader.uniqueID()
        var logger = Logger(label: "tests") { _ in JournalLogHandler(label: "tests", identifier: "xinfang-tests") }
        #expect(logger.logLevel == .info)
        logger[metadataKey: "XINFANG_RUN"] = "\(id)"
        logger.debug("not written")
        logger.info("info")
        logger.notice("notice")
        logger.warning("warning")
        logger.error("error", error: Refused())
        logger.critical("critical")
        logger.logLevel = .trace
        logger.trace("trace")

        let entries = try await JournalReader.entries("XINFANG_RUN", id, count: 6)
        let priorities = Dictionary(uniqueKeysWithValues: entries.map { ($0["MESSAGE"]?.first ?? "", $0["PRIORITY"]?.first ?? "") })
        #expect(priorities == ["info": "6", "notice": "5", "warning": "4", "error": "3", "critical": "2", "trace": "7"])
        let error = try #require(entries.first { $0["MESSAGE"] == ["error"] })
        #expect(error["ERROR_TYPE"] == ["SystemdTests.JournalLogHandlerTests.Refused"])
    }
}

@Suite("JournalLogHandler fields")
struct JournalLogHandlerFieldTests {
    func event(_ metadata: Logger.Metadata) -> LogEvent {
        LogEvent(level: .notice, message: "m", metadata: metadata, source: "s", file: "F/f.swift", function: "f()", line: 12)
    }

    @Test("own fields first, MESSAGE_ID from the metadata, then metadata sorted")
    func order() {
        let handler = JournalLogHandler(label: "l")
        let fields = handler.fields(for: event(["XINFANG_CASE": "7", "MESSAGE_ID": "abc", "A": "1"]))
        #expect(fields.map(\.name) == [
            "PRIORITY", "MESSAGE", "MESSAGE_ID", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "A", "XINFANG_CASE",
        ])
        #expect(fields.map(\.value) == ["5", "m", "abc", "xinfangd", "F/f.swift", "12", "f()", "1", "7"])
    }

    @Test("metadata keys become field names: upper-cased, other characters to _, else dropped")
    func keyNames() {
        #expect(JournalLogHandler.fieldName(forMetadataKey: "XINFANG_CASE") == "XINFANG_CASE")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "xinfang_case") == "XINFANG_CASE")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "error.message") == "ERROR_MESSAGE")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "case-id 2") == "CASE_ID_2")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "a案") == "A_")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "_PID") == nil)
        #expect(JournalLogHandler.fieldName(forMetadataKey: "案") == nil)
        #expect(JournalLogHandler.fieldName(forMetadataKey: "2fa") == nil)
        #expect(JournalLogHandler.fieldName(forMetadataKey: "") == nil)
        #expect(JournalLogHandler.fieldName(forMetadataKey: String(repeating: "a", count: 65)) == nil)
    }

    @Test("a key valid as written wins over one that only normalises to it; own fields cannot be forged")
    func collisions() {
        let fields = JournalLogHandler(label: "l").fields(for: event([
            "case": "lower", "CASE": "upper", "PRIORITY": "0", "message": "forged", "SYSLOG_IDENTIFIER": "other",
        ]))
        #expect(fields.filter { $0.name == "CASE" }.map(\.value) == ["upper"])
        #expect(fields.filter { $0.name == "PRIORITY" }.map(\.value) == ["5"])
        #expect(fields.filter { $0.name == "MESSAGE" }.map(\.value) == ["m"])
        #expect(fields.filter { $0.name == "SYSLOG_IDENTIFIER" }.map(\.value) == ["xinfangd"])
    }

    @Test("handler metadata, then the provider's, then the event's")
    func merging() {
        var handler = JournalLogHandler(label: "l")
        handler.metadata = ["A": "handler", "B": "handler", "C": "handler"]
        handler.metadataProvider = Logger.MetadataProvider { ["B": "provider", "C": "provider"] }
        let fields = handler.fields(for: event(["C": "event"]))
        #expect(fields.filter { ["A", "B", "C"].contains($0.name) }.map(\.value) == ["handler", "provider", "event"])
    }
}
