import Foundation
import Testing
import XinfangCore
import XinfangEngine
import XinfangStore

@Suite("Supervision orders in the scheduler: the ladder across National Day 2025, each step once")
struct SupervisionTimerTests {
    func seed(_ store: SQLiteStore) throws {
        try store.addUnit(name: "县住建局", address: "zjj@example.cn", actor: "test")
        try store.addSupervisionOrder(SupervisionOrder(id: "DB-2025-007", unit: "县住建局", kind: .supervise, issuedBy: "县信访局",
                                                       issued: day("2025-09-20"), feedbackDue: day("2025-09-30")), actor: "test")
    }

    @Test("reminder 3 working days before, 催办 the next working day after, 通报 after 5 working days overdue")
    func ladder() throws {
        let store = try temporaryStore()
        try seed(store)
        let clock = TestClock(at("2025-09-21 08:00"))
        let created = try run(engine(store, clock), clock, until: at("2025-10-20 12:00")).filter { $0.kind == "supervision" }
        // Feedback due Tue 09-30. Three working days before: 09-29 (Mon), 09-28 (the make-up Sunday), 09-26 (Fri) → 09-26.
        // 催办: the first working day after the due day: 10-01…10-08 off → Thu 10-09.
        // 通报: the fifth working day after it: 10-09, 10-10, 10-11 (make-up Saturday), 10-13, 10-14 → Tue 10-14.
        #expect(created.map { "\($0.milestone) \(shanghai.format($0.fireAt))" } == [
            "reminder-3wd 2025-09-26 09:00", "urge 2025-10-09 09:00", "bulletin 2025-10-14 09:00",
        ])
        #expect(created.allSatisfy { $0.recipient == Recipient(role: .unit, name: "县住建局", address: "zjj@example.cn") && $0.lateBySeconds == nil })
        #expect(created[1].subject.hasPrefix("【催办通知】督办单 DB-2025-007"))
        #expect(created[2].body.contains("建议予以通报"))
    }

    @Test("feedback before the due day stops the ladder; the daemon learns it without a restart")
    func feedbackStops() throws {
        let store = try temporaryStore()
        try seed(store)
        let clock = TestClock(at("2025-09-21 08:00"))
        let e = engine(store, clock)
        let first = try run(e, clock, until: at("2025-09-29 12:00")).filter { $0.kind == "supervision" }
        #expect(first.map(\.milestone) == ["reminder-3wd"])
        try store.addSupervisionEvent(orderID: "DB-2025-007", .feedbackReceived(on: day("2025-09-29")), actor: "test")
        #expect(try run(e, clock, until: at("2025-10-31 12:00")).filter { $0.kind == "supervision" }.isEmpty)
    }
}
