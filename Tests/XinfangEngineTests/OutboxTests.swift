import Foundation
import Synchronization
import Testing
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangStore

/// A channel that fails its first `failures` attempts (a unit-test fake; the real notifiers have their own tests).
final class FlakyNotifier: Notifier {
    let id: String
    private let state: Mutex<(failures: Int, delivered: [OutgoingMessage])>
    init(id: String, failures: Int) {
        self.id = id
        state = Mutex((failures, []))
    }
    var delivered: [OutgoingMessage] { state.withLock { $0.delivered } }
    func deliver(_ message: OutgoingMessage) throws(DeliveryError) {
        let fail = state.withLock { s -> Bool in
            if s.failures > 0 { s.failures -= 1; return true }
            s.delivered.append(message)
            return false
        }
        if fail { throw DeliveryError("gateway down") }
    }
}

@Suite("Outbox: retries with backoff; a failing channel holds up no other")
struct OutboxTests {
    @Test("a failed delivery is retried after 30 s, then 2 min; the other channel delivers at once")
    func retries() throws {
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-12-04 15:00"))  // the before-3wd reminder is due now (to unit and leader)
        let e = engine(store, clock, channels: ["exec", "maildir"])
        #expect(try e.step().createdCount == 2)
        let flaky = FlakyNotifier(id: "exec", failures: 3)
        let steady = FlakyNotifier(id: "maildir", failures: 0)
        let execOutbox = Outbox(notifier: flaky, store: store, clock: clock, logger: quietLogger)
        let mailOutbox = Outbox(notifier: steady, store: store, clock: clock, logger: quietLogger)

        #expect(try execOutbox.deliverDue() == 0)  // both messages fail their first attempt
        #expect(try mailOutbox.deliverDue() == 2)
        #expect(steady.delivered.count == 2)
        #expect(try store.nextDeliveryAt() == at("2026-12-04 15:00") + 30)

        clock.set(at("2026-12-04 15:00") + 29)
        #expect(try execOutbox.deliverDue() == 0)  // not yet due: no attempt
        clock.set(at("2026-12-04 15:00") + 30)
        #expect(try execOutbox.deliverDue() == 1)  // the first fails a second time, the other gets through
        let retry = try #require(try store.nextDeliveryAt())
        #expect(retry == at("2026-12-04 15:00") + 30 + 120)  // second failure of that message: 2 minutes
        clock.set(retry)
        #expect(try execOutbox.deliverDue() == 1)
        #expect(flaky.delivered.count == 2)
        #expect(try store.nextDeliveryAt() == nil)
        #expect(try store.pendingDeliveries(now: .max, limit: 10).isEmpty)
    }

    @Test("a recipient without an address is given up at once (non-retryable), not retried")
    func nonRetryable() throws {
        struct NoAddress: Notifier {
            let id = "maildir"
            func deliver(_ message: OutgoingMessage) throws(DeliveryError) { throw DeliveryError("no address", retryable: false) }
        }
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-12-04 15:00"))
        _ = try engine(store, clock, channels: ["maildir"]).step()
        #expect(try Outbox(notifier: NoAddress(), store: store, clock: clock, logger: quietLogger).deliverDue() == 0)
        #expect(try store.nextDeliveryAt() == nil)
    }
}
