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

    @Test("a folded message is retried as itself: late reminders queued later never join it or change its key")
    func foldIsDurable() throws {
        /// Records every attempt; fails while `failing` is set (as a crash after the mail was written would look).
        final class Recorder: Notifier {
            let id = "maildir"
            let state = Mutex((failing: true, attempts: [OutgoingMessage]()))
            func deliver(_ message: OutgoingMessage) throws(DeliveryError) {
                let fail = state.withLock { s -> Bool in
                    s.attempts.append(message)
                    return s.failing
                }
                if fail { throw DeliveryError("interrupted") }
            }
        }
        let store = try temporaryStore()
        try seedCase(store, received: "2026-09-28", accepted: "2026-10-09")
        let clock = TestClock(at("2026-10-10 08:00"))
        let e = engine(store, clock, channels: ["maildir"])
        _ = try e.step()
        // Down over the 10-working-day reminder (Tue 11-24 09:00): it fires late, to unit and leader.
        clock.set(at("2026-11-25 10:00"))
        #expect(try e.step().created.contains { $0.milestone == "before-10wd" })
        let recorder = Recorder()
        let outbox = Outbox(notifier: recorder, store: store, clock: clock, logger: quietLogger)
        #expect(try outbox.deliverDue() == 0)
        let first = recorder.state.withLock { $0.attempts }
        #expect(!first.isEmpty)
        // Down again over the 3-working-day reminder (Thu 12-03 09:00): more late reminders, same recipients.
        clock.set(at("2026-12-04 10:00"))
        #expect(try e.step().created.contains { $0.milestone == "before-3wd" })
        recorder.state.withLock { $0.failing = false }
        #expect(try outbox.deliverDue() > 0)
        let attempts = recorder.state.withLock { $0.attempts }
        // Every message of the first attempt is attempted again with the same key and the same reminders.
        for m in first {
            let again = attempts.dropFirst(first.count).filter { $0.dedupeKey == m.dedupeKey }
            #expect(again.count == 1 && again.first.map { Set($0.reminders.map(\.id)) } == Set(m.reminders.map(\.id)), "\(m.dedupeKey)")
        }
        // Each reminder travels under one message key only.
        var keys: [Int64: Set<String>] = [:]
        for m in attempts { for r in m.reminders { keys[r.id, default: []].insert(m.dedupeKey) } }
        #expect(keys.values.allSatisfy { $0.count == 1 })
        #expect(try store.pendingDeliveries(now: .max, limit: 10).isEmpty && store.nextDeliveryAt() == nil)
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
