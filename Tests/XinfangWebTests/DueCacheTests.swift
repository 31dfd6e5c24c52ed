import Foundation
import Hummingbird
import Testing
import XinfangCore
import XinfangPorts
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

    @Test("DueCache: a page is made once while the store is unchanged; a commit that touches no case keeps it; a case of its unit computed, reassigned or recomputed makes it again, one of another unit does not; a page depending on the time is never kept")
    func keptUntilItsUnitChanges() throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try store.addUnit(name: "单位甲", address: nil, actor: "test")
        try store.addUnit(name: "单位乙", address: nil, actor: "test")
        try store.addLeader(name: "王副县长", title: nil, unit: nil, address: nil, actor: "test")
        let cache = DueCache(changes: try StoreChangeWatch(path: store.path))
        let keyA = DueCache.Key(unit: "单位甲", leader: nil, days: 7, limit: 100, cursor: nil, today: 20_000, calendar: "cn", policy: "cn-2022")
        var keyB = keyA
        keyB.unit = "单位乙"
        var made: [String] = []
        func body(_ key: DueCache.Key, _ dependsOnTime: Bool = false) throws -> String {
            let name = key.unit ?? "all"
            let buffer = try cache.body(for: key) { made.append(name); return (Data("\(name) \(made.count)".utf8), dependsOnTime) }
            return String(buffer: buffer)
        }
        #expect(try body(keyA) == "单位甲 1")
        #expect(try body(keyB) == "单位乙 2")
        #expect(try body(keyA) == "单位甲 1")
        var wider = keyA
        wider.days = 8
        #expect(try body(wider) == "单位甲 3")

        // A commit that touches no case (as the scheduler's firing commits do) keeps every page.
        try store.addLeader(name: "李局长", title: nil, unit: nil, address: nil, actor: "test")
        #expect(try body(keyA) == "单位甲 1")
        #expect(try body(keyB) == "单位乙 2")

        // A case of 单位乙 registered: it is dirty, shown once the daemon has computed it; its
        // recomputation (the dirty flag cleared, its deadlines replaced) makes 乙's pages again, not 甲's.
        try store.addCase(CaseFacts(number: "XF-B-1", received: Day("2026-11-02")!, category: .claim, unit: "单位乙"), petitioner: nil, actor: "test")
        #expect(try body(keyB) == "单位乙 2")
        let deadline = StoredDeadline(kind: .registration, status: .open, start: Day("2026-11-02")!, due: Day("2026-11-17")!, fulfilled: nil,
                                      provisional: false, article: "条例2022 第22条", policy: "cn-2022", periodDays: 15, nextMilestone: 0,
                                      nextFireAt: 1_000)
        func recompute() throws -> Int { try store.recomputeDirty(limit: 10, settleUntil: nil) { _, _ in [deadline] } }
        #expect(try recompute() == 1)
        #expect(try body(keyB) == "单位乙 4")
        #expect(try body(keyB) == "单位乙 4")
        #expect(try body(keyA) == "单位甲 1")

        // Firing its milestone writes the deadline's schedule, not what the list shows: kept.
        let fired = try store.fireDue(now: 2_000, limit: 10, channels: [], escalateAfter: nil) { _ in
            FireOutcome(reminders: [], recordOverdue: false, nextMilestone: nil, nextFireAt: nil)
        }
        #expect(fired.fired == 1)
        #expect(try body(keyB) == "单位乙 4")

        // A case of 单位甲 given a leader: 甲's pages are made again; 乙's kept.
        try store.addCase(CaseFacts(number: "XF-A-1", received: Day("2026-11-02")!, category: .claim, unit: "单位甲"), petitioner: nil, actor: "test")
        #expect(try body(keyA) == "单位甲 1")
        try store.assign(caseNumber: "XF-A-1", leader: "王副县长", actor: "test")
        #expect(try body(keyA) == "单位甲 5")
        #expect(try body(keyB) == "单位乙 4")

        // Another process's write to a case (xinfangctl) is seen as well.
        let other = try SQLiteStore(path: store.path)
        try other.assign(caseNumber: "XF-A-1", leader: "李局长", actor: "test")
        #expect(try body(keyA) == "单位甲 6")

        // The list of every unit (a leader's, or all cases) moves with any unit's.
        var all = keyA
        all.unit = nil
        #expect(try body(all) == "all 7")
        #expect(try body(all) == "all 7")
        try store.addCase(CaseFacts(number: "XF-B-2", received: Day("2026-11-03")!, category: .claim, unit: "单位乙"), petitioner: nil, actor: "test")
        #expect(try recompute() == 2)
        #expect(try body(all) == "all 8")

        // A page depending on the time is made at every request.
        var later = keyA
        later.today = 20_001
        #expect(try body(later, true) == "单位甲 9")
        #expect(try body(later, true) == "单位甲 10")
    }
}
