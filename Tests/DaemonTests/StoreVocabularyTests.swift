import Foundation
import GRDB
import Testing
import XinfangCore
import XinfangPorts
import XinfangStore

/// Migration v9: the store refuses a kind, status, category or event type outside the Core enums,
/// whoever writes the row (here: plain SQL past the store's API).
@Suite("Store vocabulary guards (v9)")
struct StoreVocabularyTests {
    static func newStore() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-vocabulary-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("xinfang.sqlite").path
        let store = try SQLiteStore(path: path)
        try store.addUnit(name: "县人社局", address: nil, actor: "test")
        try store.addCase(CaseFacts(number: "XF-1", received: Day("2026-11-02")!, category: .claim, unit: "县人社局"), petitioner: nil, actor: "test")
        return path
    }

    /// The message SQLite gives for `sql`, nil when it ran.
    static func refusal(_ path: String, _ sql: String) throws -> String? {
        do {
            try DatabaseQueue(path: path).write { try $0.execute(sql: sql) }
            return nil
        } catch let error as DatabaseError {
            return error.message
        }
    }

    @Test("an out-of-vocabulary value is refused in each guarded column; the known values are taken")
    func refused() throws {
        let path = try Self.newStore()
        let refused: [(String, String)] = [
            ("INSERT INTO events (case_number, seq, type, day, recorded_at) VALUES ('XF-1', 1, 'approved', 20000, 0)", "events.type"),
            ("UPDATE cases SET category = '闲聊' WHERE number = 'XF-1'", "cases.category"),
            ("""
             INSERT INTO deadlines (case_number, kind, status, provisional, article, policy) VALUES ('XF-1', 'D99', 'open', 0, '', '')
             """, "deadlines.kind"),
            ("""
             INSERT INTO deadlines (case_number, kind, status, provisional, article, policy) VALUES ('XF-1', 'D6', 'late', 0, '', '')
             """, "deadlines.status"),
            ("INSERT INTO overdue (case_number, kind, due, recorded_at) VALUES ('XF-1', 'weekly', 1, 0)", "overdue.kind"),
            ("""
             INSERT INTO reminders (dedupe_key, case_number, unit, kind, milestone, due, recipient_role, recipient, subject, body, fire_at, created_at)
             VALUES ('k', 'XF-1', '县人社局', 'birthday', 'due', 1, 'unit', '县人社局', 's', 'b', 0, 0)
             """, "reminders.kind"),
            ("INSERT INTO timers (kind, key, next_fire_at) VALUES ('weekly', 'x', 0)", "timers.kind"),
        ]
        for (sql, column) in refused {
            #expect(try Self.refusal(path, sql) == "\(column): not a known value", "\(sql)")
        }
        #expect(try Self.refusal(path, "INSERT INTO events (case_number, seq, type, day, recorded_at) VALUES ('XF-1', 1, 'accepted', 20000, 0)") == nil)
        #expect(try Self.refusal(path, "UPDATE cases SET category = '建议意见' WHERE number = 'XF-1'") == nil)
        #expect(try Self.refusal(path, "INSERT INTO timers (kind, key, next_fire_at) VALUES ('ack', '1', 0)") == nil)
        #expect(try Self.refusal(path, "INSERT INTO overdue (case_number, kind, due, recorded_at) VALUES ('县人社局', 'daily-report', 1, 0)") == nil)
    }

    @Test("upgrading a store that already holds an unknown value stops at v9 naming the column and the value")
    func upgradeRefusesUnknownValues() throws {
        let path = try Self.newStore()
        try DatabaseQueue(path: path).write { db in
            for row in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'vocabulary_%'") {
                try db.execute(sql: "DROP TRIGGER \(row)")
            }
            try db.execute(sql: "DROP TABLE vocabulary")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v9:%'")
            try db.execute(sql: "INSERT INTO timers (kind, key, next_fire_at) VALUES ('weekly', 'x', 0)")
        }
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.description.hasPrefix("timers.kind holds \"weekly\", which is not one of reception, digest, ack") == true)
    }

    @Test("a guard missing or out of date (a value added in Core) is re-created when the store opens")
    func refreshedOnOpen() throws {
        let path = try Self.newStore()
        try DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM vocabulary WHERE col = 'timers.kind' AND value = 'ack'") }
        #expect(try Self.refusal(path, "INSERT INTO timers (kind, key, next_fire_at) VALUES ('ack', '1', 0)") == "timers.kind: not a known value")
        _ = try SQLiteStore(path: path)
        #expect(try Self.refusal(path, "INSERT INTO timers (kind, key, next_fire_at) VALUES ('ack', '1', 0)") == nil)

        try DatabaseQueue(path: path).write { try $0.execute(sql: "DROP TRIGGER vocabulary_events_type_insert") }
        #expect(try Self.refusal(path, "INSERT INTO events (case_number, seq, type, day, recorded_at) VALUES ('XF-1', 1, 'approved', 20000, 0)") == nil)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM events WHERE seq = 1") }
        _ = try SQLiteStore(path: path)
        #expect(try Self.refusal(path, "INSERT INTO events (case_number, seq, type, day, recorded_at) VALUES ('XF-1', 1, 'approved', 20000, 0)")
            == "events.type: not a known value")
    }
}
