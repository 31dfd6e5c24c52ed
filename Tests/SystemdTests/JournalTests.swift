import Foundation
import Systemd
import Testing

@Suite("Journal.send against the real journald", .enabled(if: JournalReader.isRunning, "start it with scripts/ci/start-journald"))
struct JournalTests {
    @Test("every field comes back as sent, including a newline and Chinese text")
    func roundTrip() async throws {
        let id = JournalReader.uniqueID()
        let sent = Journal.send([
            ("MESSAGE", "round trip (往返) \(id)"),
            ("MESSAGE_ID", id),
            ("PRIORITY", "5"),
            ("SYSLOG_IDENTIFIER", "xinfang-tests"),
            ("XINFANG_CASE", "京信-2024-0001"),
            ("XINFANG_UNIT", "北京市信访办公室"),
            ("XINFANG_NOTE", "第一行\nsecond line"),
            ("XINFANG_EMPTY", ""),
        ])
        #expect(sent)

        let entries = try await JournalReader.entries("MESSAGE_ID", id)
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry["MESSAGE"] == ["round trip (往返) \(id)"])
        #expect(entry["PRIORITY"] == ["5"])
        #expect(entry["SYSLOG_IDENTIFIER"] == ["xinfang-tests"])
        #expect(entry["XINFANG_CASE"] == ["京信-2024-0001"])
        #expect(entry["XINFANG_UNIT"] == ["北京市信访办公室"])
        #expect(entry["XINFANG_NOTE"] == ["第一行\nsecond line"])
        #expect(entry["XINFANG_EMPTY"] == [""])
        #expect(entry["_PID"] == [String(getpid())])
        #expect(entry["_TRANSPORT"] == ["journal"])
    }

    @Test("fields with invalid names are dropped, the rest of the entry is kept")
    func invalidNamesDropped() async throws {
        let id = JournalReader.uniqueID()
        #expect(
            Journal.send([
                ("MESSAGE", "invalid names \(id)"), ("MESSAGE_ID", id), ("XINFANG_CASE", "7"),
                ("lower", "a"), ("_PID", "1"), ("1ABC", "b"), ("XINFANG-CASE", "c"), ("", "d"),
            ]))
        let entry = try #require(try await JournalReader.entries("MESSAGE_ID", id).first)
        #expect(entry["XINFANG_CASE"] == ["7"])
        #expect(entry["_PID"] == [String(getpid())])
        for name in ["lower", "LOWER", "1ABC", "XINFANG-CASE"] {
            #expect(entry[name] == nil, "\(name) should have been dropped")
        }
    }

    @Test("a field may repeat; journalctl shows both values")
    func repeatedField() async throws {
        let id = JournalReader.uniqueID()
        #expect(Journal.send([("MESSAGE", "repeat \(id)"), ("MESSAGE_ID", id), ("XINFANG_CASE", "1"), ("XINFANG_CASE", "2")]))
        let entry = try #require(try await JournalReader.entries("MESSAGE_ID", id).first)
        #expect(entry["XINFANG_CASE"]?.sorted() == ["1", "2"])
    }

    @Test("a value larger than a datagram still arrives whole")
    func largeValue() async throws {
        let id = JournalReader.uniqueID()
        let large = String(repeating: "信访事项办理期限", count: 40_000)  // 960 000 bytes
        #expect(Journal.send([("MESSAGE", "large \(id)"), ("MESSAGE_ID", id), ("XINFANG_NOTE", large)]))
        let entry = try #require(try await JournalReader.entries("MESSAGE_ID", id).first)
        #expect(entry["XINFANG_NOTE"] == [large])
    }
}

/// Where no journald runs, libsystemd's sd_journal_sendv returns 0 and drops the entry; send must not.
@Suite("Journal.send without journald", .enabled(if: !JournalReader.isRunning, "journald is running here"))
struct NoJournalTests {
    @Test("without a journal socket the entry is reported as not sent")
    func notSent() {
        #expect(!Journal.send([("MESSAGE", "nobody listens"), ("XINFANG_CASE", "1")]))
    }
}

@Suite("journal field names")
struct FieldNameTests {
    @Test("journald's rule: A–Z, 0–9 and _, 1…64 long, not starting with _ or a digit")
    func validity() {
        for name in ["MESSAGE", "MESSAGE_ID", "XINFANG_CASE", "A", "X1", "A_", String(repeating: "A", count: 64)] {
            #expect(Journal.isValidFieldName(name), "\(name)")
        }
        for name in ["", "_PID", "__CURSOR", "1A", "9", "lower", "Xinfang", "XINFANG-CASE", "XINFANG.CASE", "A B", "案件", "É",
            String(repeating: "A", count: 65)]
        {
            #expect(!Journal.isValidFieldName(name), "\(name)")
        }
    }

    @Test("with no valid field nothing is sent")
    func nothingValid() {
        #expect(!Journal.send([]))
        #expect(!Journal.send([("lower", "x"), ("_TRUSTED", "y")]))
    }
}
