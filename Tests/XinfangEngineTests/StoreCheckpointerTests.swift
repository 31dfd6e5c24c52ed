import Foundation
import Testing
import XinfangStore
import XinfangTesting

/// The write-ahead log is copied into the store file by the checkpointer's own connection, on its
/// own queue, when woken (xinfangd wakes it after every scheduler step that wrote), and not at all
/// once stopped. What is observed is the store file itself: its pages grow only when the log's
/// pages are copied into it (50 small commits stay under SQLite's automatic checkpoint of 1,000).
@Suite("the store's write-ahead log checkpointed off the writer's path")
struct StoreCheckpointerTests {
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? -1
    }

    static func write(_ store: SQLiteStore, units range: Range<Int>) throws {
        for k in range { try store.addUnit(name: "县测试单位\(k)", address: "unit\(k)@example.cn", actor: "test") }
    }

    @Test("checkpoint() copies every page of the log into the store file when no reader holds an old one")
    func checkpointCopiesTheLog() throws {
        let store = try temporaryStore()
        let checkpointer = try StoreCheckpointer(store: store) { error in Issue.record("checkpoint failed: \(error)") }
        defer { checkpointer.stop() }
        _ = try checkpointer.checkpoint()
        let before = Self.size(store.path)
        try Self.write(store, units: 0..<50)
        #expect(Self.size(store.path) == before, "nothing reaches the store file before a checkpoint")
        let result = try checkpointer.checkpoint()
        #expect(result.log > 0)
        #expect(result.copied == result.log, "\(result)")
        #expect(Self.size(store.path) > before)
    }

    @Test("wake() checkpoints soon, on the checkpointer's queue; after stop() a wake does nothing")
    func wakeAndStop() throws {
        let store = try temporaryStore()
        let checkpointer = try StoreCheckpointer(store: store) { error in Issue.record("checkpoint failed: \(error)") }
        _ = try checkpointer.checkpoint()
        let first = Self.size(store.path)
        try Self.write(store, units: 0..<50)
        checkpointer.wake()
        let deadline = Date().addingTimeInterval(5)
        while Self.size(store.path) == first && Date() < deadline { usleep(20_000) }
        #expect(Self.size(store.path) > first, "the woken checkpoint copied the log")

        checkpointer.stop()
        let second = Self.size(store.path)
        try Self.write(store, units: 50..<100)
        checkpointer.wake()
        usleep(300_000)
        #expect(Self.size(store.path) == second, "a stopped checkpointer copies nothing")
    }

    @Test("while a checkpointer runs, the writer's own checkpoint waits for 10,000 pages of log; after stop() SQLite's 1,000 again")
    func writerBackstop() throws {
        let store = try temporaryStore()
        #expect(try store.writerAutoCheckpoint() == 1000)
        let checkpointer = try StoreCheckpointer(store: store) { error in Issue.record("checkpoint failed: \(error)") }
        #expect(try store.writerAutoCheckpoint() == 10_000)
        checkpointer.stop()
        #expect(try store.writerAutoCheckpoint() == 1000)
    }
}
