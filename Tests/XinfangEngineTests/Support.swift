import Foundation
import Logging
import Synchronization
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPolicy
import XinfangStore
import XinfangTesting

/// A clock the test sets by hand: months of schedule run in milliseconds.
final class TestClock: EngineClock {
    private let value: Mutex<Int64>
    init(_ start: Int64) { value = Mutex(start) }
    func now() -> Int64 { value.withLock { $0 } }
    func set(_ t: Int64) { value.withLock { $0 = t } }
}

let shanghai = LocalTime(utcOffsetSeconds: 8 * 3600, reminderSecondOfDay: 9 * 3600)

func day(_ s: String) -> Day { Day(s)! }

/// Unix seconds of a local time in Asia/Shanghai, "2026-11-24 09:00".
func at(_ s: String) -> Int64 {
    let parts = s.split(separator: " ")
    let hm = parts[1].split(separator: ":")
    return shanghai.instant(day(String(parts[0])), secondOfDay: Int(hm[0])! * 3600 + Int(hm[1])! * 60)
}

let realCalendar: WorkingCalendar = try! CalendarLocator.load(id: "cn", directory: Checkout.calendars)

func temporaryStore() throws -> SQLiteStore {
    try SQLiteStore(path: TemporaryFolder.make("engine") + "/xinfang.sqlite")
}

let quietLogger: Logger = {
    var logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    logger.logLevel = .critical
    return logger
}()

func engine(_ store: SQLiteStore, _ clock: TestClock, channels: [String] = [], batchSize: Int = 1000, fireAhead: Int64 = 0) -> Engine {
    let settings = Engine.Settings(
        registry: PolicyRegistry.builtIn(),
        scheduling: Scheduling(calendar: realCalendar, reminders: StandardReminderPolicy(), time: shanghai),
        channels: channels, fireAheadSeconds: fireAhead)
    return Engine(store: store, settings: settings, clock: clock, logger: quietLogger, batchSize: batchSize)
}

/// Adds a unit, a leader and a 申诉求决 case accepted on `accepted`.
func seedCase(_ store: SQLiteStore, number: String = "XF-2026-000001", received: String, accepted: String) throws {
    if try !store.units().contains(where: { $0.name == "县人社局" }) {
        try store.addUnit(name: "县人社局", address: "rsj@example", actor: "test")
        try store.addLeader(name: "王副县长", title: "副县长", unit: nil, address: "wang@example", actor: "test")
    }
    try store.addCase(CaseFacts(number: number, received: day(received), category: .claim, unit: "县人社局", leader: "王副县长"),
                      petitioner: nil, actor: "test")
    try append(store, number, .accepted, accepted)
}

func append(_ store: SQLiteStore, _ number: String, _ kind: CaseEvent.Kind, _ on: String) throws {
    _ = try store.appendEvent(caseNumber: number, event: CaseEvent(kind, on: day(on)), note: nil, actor: "test") { timeline, event in
        try StatutoryPolicy.cn2022.check(event, against: timeline, calendar: realCalendar)
    }
}

/// Runs the engine until nothing is due up to `end`, jumping the clock to each wake-up.
func run(_ engine: Engine, _ clock: TestClock, until end: Int64) throws -> [Reminder] {
    var created: [Reminder] = []
    while true {
        let result = try engine.step()
        created += result.created
        guard let next = result.nextWake, next <= end else { break }
        clock.set(max(next, clock.now()))
    }
    clock.set(end)
    created += try engine.step().created
    return created
}
