import Foundation
import Hummingbird
import Testing
import XinfangCore
import XinfangStore
@testable import XinfangWeb

@Suite("XinfangWeb: the due lists kept until the store changes")
struct DueCacheTests {
    static func store() throws -> (SQLiteStore, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duecache-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("x.sqlite").path
        return (try SQLiteStore(path: path), folder.path)
    }

    @Test("StoreChangeWatch: the count stays while nothing is committed, and moves on a commit by the store's pool or by another connection")
    func watchSeesCommits() throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let watch = try StoreChangeWatch(path: store.path)
        let first = try watch.changeCount()
        _ = try store.summary(today: .init(number: 20_000), soonDays: 3)  // a read commits nothing
        #expect(try watch.changeCount() == first)
        try store.addUnit(name: "单位甲", address: nil, actor: "test")
        let second = try watch.changeCount()
        #expect(second != first)
        #expect(try watch.changeCount() == second)
        let other = try SQLiteStore(path: store.path)  // another connection, as xinfangctl's
        try other.addUnit(name: "单位乙", address: nil, actor: "test")
        #expect(try watch.changeCount() != second)
    }

    @Test("DueCache: a page is made once while the store is unchanged, again after a commit; a page depending on the time is never kept")
    func keptUntilChange() throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cache = DueCache(changes: try StoreChangeWatch(path: store.path))
        let key = DueCache.Key(unit: "单位甲", leader: nil, days: 7, limit: 100, cursor: nil, today: 20_000, calendar: "cn", policy: "cn-2022")
        var made = 0
        func body(_ dependsOnTime: Bool = false) throws -> String {
            let buffer = try cache.body(for: key) { made += 1; return (Data("page \(made)".utf8), dependsOnTime) }
            return String(buffer: buffer)
        }
        #expect(try body() == "page 1")
        #expect(try body() == "page 1")
        #expect(made == 1)
        var other = key
        other.days = 8
        _ = try cache.body(for: other) { made += 1; return (Data("other".utf8), false) }
        #expect(made == 2)
        try store.addUnit(name: "单位甲", address: nil, actor: "test")
        #expect(try body() == "page 3")
        try store.addUnit(name: "单位乙", address: nil, actor: "test")
        #expect(try body(true) == "page 4")
        #expect(try body(true) == "page 5")
    }
}
