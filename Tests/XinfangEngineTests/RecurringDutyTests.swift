import Foundation
import Testing
import XinfangCore
import XinfangEngine
import XinfangStore

@Suite("Recurring duties: dispatch meetings, leaders' meetings, the bimonthly bulletin")
struct RecurringDutyTests {
    @Test("each duty is reminded on the morning of its days, once; the dispatch meeting carries an agenda of overdue cases")
    func duties() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-20", accepted: "2026-09-25")  // D6 due 09-25 + 60 = Tue 11-24: overdue
        try store.addUnit(name: "县信访局", address: "xfj@example.cn", actor: "test")
        let clock = TestClock(at("2026-11-30 08:00"))
        var settings = engine(store, clock).currentSettings
        settings.leaders.duties = [
            RecurringDuty(name: "半月积案调度会", every: .halfMonth, kind: .dispatch, to: ["县信访局"]),
            RecurringDuty(name: "月度领导会议", every: .month, day: 5, kind: .meeting, to: ["王副县长"]),
            RecurringDuty(name: "双月信访通报", every: .twoMonths, day: 3, kind: .bulletin, to: ["县信访局"]),
        ]
        let e = Engine(store: store, settings: settings, clock: clock, logger: quietLogger)
        let duties = try run(e, clock, until: at("2027-01-06 12:00")).filter { $0.kind == "duty" }
        // Half-monthly: the 1st and 16th; monthly: the 5th; two-monthly: the 3rd of odd months (2027-01-03).
        #expect(duties.map { "\($0.caseNumber) \(shanghai.format($0.fireAt)) \($0.recipient.name)" } == [
            "半月积案调度会 2026-12-01 09:00 县信访局", "月度领导会议 2026-12-05 09:00 王副县长", "半月积案调度会 2026-12-16 09:00 县信访局",
            "半月积案调度会 2027-01-01 09:00 县信访局", "双月信访通报 2027-01-03 09:00 县信访局", "月度领导会议 2027-01-05 09:00 王副县长",
        ])
        #expect(duties[0].body.contains("逾期事项：1件") && duties[0].body.contains("XF-2026-000001"))
        #expect(duties[1].recipient.role == .leader && duties[0].recipient.role == .unit)
        #expect(duties[4].body.contains("--from 2026-11-01 --to 2026-12-31"))
        #expect(try e.step().created.isEmpty)
    }
}

@Suite("Recurring duties on a new store and with unknown recipients (issue 10 §4)")
struct NewStoreDutyTests {
    static let duty = RecurringDuty(name: "半月积案调度会", every: .halfMonth, kind: .dispatch, to: ["县信访局", "县不存在局"])

    @Test("a new store has missed nothing: started after 09:00 on the 1st, the half-monthly duty is first reminded on the 16th, not 补发 for the 1st")
    func newStoreMissedNothing() throws {
        let store = try temporaryStore()
        try store.addUnit(name: "县信访局", address: "xfj@example.cn", actor: "test")
        // Tue 2026-12-01 10:00: the 1st is a day of the half-monthly duty (the 1st and the 16th), its 09:00 passed.
        let clock = TestClock(at("2026-12-01 10:00"))
        var settings = engine(store, clock).currentSettings
        settings.leaders.duties = [Self.duty]
        let e = Engine(store: store, settings: settings, clock: clock, logger: quietLogger)
        let duties = try run(e, clock, until: at("2026-12-16 12:00")).filter { $0.kind == "duty" }
        // Only the registered unit: 县不存在局 is neither a unit nor a leader, so nothing is created for it.
        #expect(duties.map { "\(shanghai.format($0.fireAt)) \($0.recipient.name) late=\($0.lateBySeconds.map(String.init) ?? "no")" }
                == ["2026-12-16 09:00 县信访局 late=no"])
        #expect(duties.allSatisfy { !$0.body.contains("补发") })
    }

    @Test("a new store started before 09:00 on a duty day is reminded that morning, on time")
    func newStoreEarlyOnDutyDay() throws {
        let store = try temporaryStore()
        try store.addUnit(name: "县信访局", address: "xfj@example.cn", actor: "test")
        let clock = TestClock(at("2026-12-01 08:00"))
        var settings = engine(store, clock).currentSettings
        settings.leaders.duties = [Self.duty]
        let e = Engine(store: store, settings: settings, clock: clock, logger: quietLogger)
        let duties = try run(e, clock, until: at("2026-12-01 12:00")).filter { $0.kind == "duty" }
        #expect(duties.map { "\(shanghai.format($0.fireAt)) \($0.recipient.name) \($0.lateBySeconds == nil)" } == ["2026-12-01 09:00 县信访局 true"])
    }
}
