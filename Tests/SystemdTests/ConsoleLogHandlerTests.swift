import Foundation
import Logging
@testable import Systemd
import Testing

@Suite("ConsoleLogHandler")
struct ConsoleLogHandlerTests {
    @Test("LEVEL message KEY=value, sorted, without the journal-only keys")
    func line() {
        let line = ConsoleLogHandler.line(
            level: .warning, message: "deadline overdue (超期)",
            metadata: ["XINFANG_UNIT": "市信访局", "MESSAGE_ID": "abc", "XINFANG_DEDUPE_KEY": "k", "XINFANG_CASE": "7"])
        #expect(line == "WARNING deadline overdue (超期) XINFANG_CASE=7 XINFANG_UNIT=市信访局")
    }

    @Test("an event stays on one line; values with spaces, quotes or = are quoted")
    func escaping() {
        let line = ConsoleLogHandler.line(
            level: .info, message: "two\nlines",
            metadata: ["A": "x y", "B": "say \"hi\"", "C": "k=v", "D": "", "E": "a\nb", "F": "a \\ b"])
        #expect(line == #"INFO two\nlines A="x y" B="say \"hi\"" C="k=v" D="" E=a\nb F="a \\ b""#)
    }

    @Test("one write per event to the descriptor, handler metadata under the event's")
    func writes() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var handler = ConsoleLogHandler(label: "tests", fileDescriptor: fds[1])
        handler.metadata = ["XINFANG_UNIT": "handler", "XINFANG_CASE": "handler"]
        let logger = Logger(label: "tests") { [handler] _ in handler }
        logger.debug("below the level")
        logger.notice("first", metadata: ["XINFANG_CASE": "7"])
        logger.error("second", metadata: ["MESSAGE_ID": "abc"])
        close(fds[1])
        let output = String(decoding: FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile(), as: UTF8.self)
        #expect(output == "NOTICE first XINFANG_CASE=7 XINFANG_UNIT=handler\nERROR second XINFANG_CASE=handler XINFANG_UNIT=handler\n")
    }
}
