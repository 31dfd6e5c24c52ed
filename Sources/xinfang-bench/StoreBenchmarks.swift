import Foundation
import Logging
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// Benchmarks of the daemon's store and engine (issue: xinfangd performance figures).
enum StoreBenchmarks {
    static let unit = "县人社局"
    static let leader = "王副县长"

    /// Writes a JSON Lines import file: `cases` cases, each received and accepted (2 lines per case,
    /// 1 event) plus `extraEvents` more events per case (an opinion issued and received).
    static func importFile(cases: Int, path: String) throws {
        var out = ""
        out.reserveCapacity(cases * 400)
        for k in 0..<cases {
            let number = "XF-B-\(k)"
            out += #"{"record":"case","number":"\#(number)","received":"2026-09-01","category":"申诉求决","unit":"\#(unit)","leader":"\#(leader)"}"# + "\n"
            out += #"{"record":"event","case":"\#(number)","seq":1,"type":"forwarded","on":"2026-09-03","to":"\#(unit)"}"# + "\n"
            out += #"{"record":"event","case":"\#(number)","seq":2,"type":"accepted","on":"2026-09-08"}"# + "\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A fresh store with the benchmark's unit and leader.
    static func freshStore(_ path: String) throws -> SQLiteStore {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try SQLiteStore(path: path)
        try store.addUnit(name: unit, address: "rsj@example.cn", actor: "bench")
        try store.addLeader(name: leader, title: nil, unit: nil, address: "wang@example.cn", actor: "bench")
        return store
    }

    /// Imports a JSON Lines file as `xinfangctl import` does; prints events per second.
    static func importBenchmark(cases: Int, directory: String) throws {
        let file = directory + "/bench-import.jsonl"
        try importFile(cases: cases, path: file)
        let store = try freshStore(directory + "/bench-import.sqlite")
        let calendar = try CalendarLocator.load(id: "cn")
        let recorder = CaseRecorder(store: store, registry: PolicyRegistry.builtIn(), calendar: calendar, actor: "bench")
        let start = ContinuousClock.now
        let batch = try ImportFile.read(path: file)
        let parsed = ContinuousClock.now
        let outcome = try recorder.importFile(batch, petitioners: false)
        let total = seconds(ContinuousClock.now - start)
        print(String(format: "import: %ld cases + %ld events from JSON Lines in %.2f s (parse %.2f s) = %.0f events/s, %.0f rows/s",
                     outcome.casesAdded, outcome.eventsAdded, total, seconds(parsed - start), Double(outcome.eventsAdded) / total,
                     Double(outcome.casesAdded + outcome.eventsAdded) / total))
    }

    /// Fills a store with `cases` open cases whose deadlines are computed (not dirty), for the
    /// daemon's start-up figure: `xinfangd` must be ready in under 1 s whatever the count.
    static func fill(cases: Int, path: String) throws {
        let store = try freshStore(path)
        let calendar = try CalendarLocator.load(id: "cn")
        let scheduling = Scheduling(calendar: calendar, reminders: StandardReminderPolicy(), time: LocalTime())
        let registry = PolicyRegistry.builtIn()
        let chunk = 50_000
        var done = 0
        let start = ContinuousClock.now
        while done < cases {
            let n = min(chunk, cases - done)
            var importCases: [ImportCase] = []
            var events: [ImportEvent] = []
            for k in done..<(done + n) {
                let received = Day(year: 2026, month: 9, day: 1)!.adding(days: k % 120)
                let number = "XF-F-\(k)"
                importCases.append(ImportCase(facts: CaseFacts(number: number, received: received, category: .claim, unit: unit, leader: leader),
                                              petitioner: nil, line: 0))
                events.append(ImportEvent(caseNumber: number, seq: 1, event: CaseEvent(.accepted, on: received.adding(days: 5)), note: nil, line: 0))
            }
            _ = try CaseRecorder(store: store, registry: registry, calendar: calendar, actor: "bench")
                .importRows(file: "fill", cases: importCases, events: events)
            while try store.recomputeDirty(limit: 5000, settleUntil: nil, compute: { t, old in
                scheduling.rows(for: t, policy: registry.policy(forUnit: unit), existing: old, now: Int64(Date().timeIntervalSince1970))
            }) > 0 {}
            done += n
            FileHandle.standardError.write(Data("\rfilled \(done)/\(cases)".utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print(String(format: "fill: %ld open cases with computed deadlines in %.1f s → %@", cases, seconds(ContinuousClock.now - start), path))
    }

    /// Schedules `deadlines` deadlines so that their milestone falls in the same minute, then fires
    /// them with the engine: 2 reminders each (unit and leader).
    static func fire(deadlines: Int, directory: String) throws {
        let path = directory + "/bench-fire.sqlite"
        try fill(cases: deadlines, path: path)
        let store = try SQLiteStore(path: path)
        let calendar = try CalendarLocator.load(id: "cn")
        let time = LocalTime()
        let scheduling = Scheduling(calendar: calendar, reminders: StandardReminderPolicy(), time: time)
        // Every D6 deadline's current milestone (index 0) is made due at the same instant.
        let instant = Int64(Date().timeIntervalSince1970)
        try store.benchmarkReschedule(kind: "D6", milestone: 0, at: instant)
        struct Fixed: EngineClock { let t: Int64; func now() -> Int64 { t } }
        let engine = Engine(
            store: store, settings: Engine.Settings(registry: PolicyRegistry.builtIn(), scheduling: scheduling, channels: ["maildir"]),
            clock: Fixed(t: instant + 30), logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let checkpointer = try checkpointer(store)
        defer { checkpointer.stop() }
        let start = ContinuousClock.now
        // Every step's figures are summed (a step fires a bounded batch; the last one is not the total).
        var fired = 0, created = 0, more = true
        while more {
            let result = try engine.step(maxFireBatches: .max, collectLimit: 0)
            if result.wrote { checkpointer.wake() }
            fired += result.fired
            created += result.createdCount
            more = result.moreWork
        }
        let s = seconds(ContinuousClock.now - start)
        print(String(format: "fire: %ld deadlines due in the same minute → %ld reminders (+%ld outbox rows) written in %.2f s = %.0f reminders/s",
                     fired, created, created, s, Double(created) / s))
    }

    /// As in xinfangd: the log is checkpointed off the scheduler's path, woken after every step that wrote.
    static func checkpointer(_ store: SQLiteStore) throws -> StoreCheckpointer {
        try StoreCheckpointer(store: store) { error in FileHandle.standardError.write(Data("checkpoint: \(error)\n".utf8)) }
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}

extension StoreBenchmarks {
    /// The catch-up after a fill: every milestone already due (the fill's cases span four months, so
    /// a third of them are past a milestone) fired by the engine as the daemon's loop does, step by
    /// step on the real clock, with the owning leader's reception rules armed. Prints reminders per
    /// second sustained and the longest step; then runs `xinfangd` on a copy of the filled store and
    /// prints how long it took to honour SIGTERM in the middle of its catch-up.
    /// With `XINFANG_BENCH_FILLED` naming a store made by `fill` (of `cases` cases, this hour), a copy
    /// of it is used instead of filling again (a 1,000,000-case fill takes minutes).
    static func catchUp(cases: Int, path: String) throws {
        if let filled = ProcessInfo.processInfo.environment["XINFANG_BENCH_FILLED"] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try SQLiteStore(path: filled).benchmarkBackup(to: path)
        } else {
            try fill(cases: cases, path: path)
        }
        let store = try SQLiteStore(path: path)
        let place = "城关镇"
        try store.addReceptionRule(
            ReceptionRule(id: "bench-weekly", leader: leader, place: place, recurrence: .weekly(weekday: 3), validFrom: Day(year: 2026, month: 1, day: 1)!),
            actor: "bench")
        try store.addReceptionRule(
            ReceptionRule(id: "bench-monthly", leader: leader, place: place, recurrence: .monthly(days: [5, 20]), validFrom: Day(year: 2026, month: 1, day: 1)!),
            actor: "bench")
        let copy = path + ".sigterm.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try store.benchmarkBackup(to: copy)

        let calendar = try CalendarLocator.load(id: "cn")
        let scheduling = Scheduling(calendar: calendar, reminders: StandardReminderPolicy(), time: LocalTime())
        let engine = Engine(
            store: store, settings: Engine.Settings(registry: PolicyRegistry.builtIn(), scheduling: scheduling, channels: ["maildir"]),
            clock: SystemClock(), logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let due = try store.benchmarkDueCount(now: SystemClock().now())
        let checkpointer = try checkpointer(store)
        defer { checkpointer.stop() }
        var created = 0, steps = 0
        var longest: Duration = .zero
        let start = ContinuousClock.now
        while true {
            let stepStart = ContinuousClock.now
            let result = try engine.step(collectLimit: 0)
            longest = max(longest, ContinuousClock.now - stepStart)
            if result.wrote { checkpointer.wake() }
            created += result.createdCount
            steps += 1
            if !result.moreWork { break }
        }
        let s = seconds(ContinuousClock.now - start)
        print(String(format: "catch-up: %ld cases, %ld milestones and timers due → %ld reminders in %.2f s = %.0f reminders/s over %ld steps; longest step %.0f ms",
                     cases, due, created, s, Double(created) / s, steps, seconds(longest) * 1000))
        // What a digest or reception timer reads about the leader's cases (counts, the first 30 of each listing).
        let briefingStart = ContinuousClock.now
        let b = try store.briefing(leader: leader, today: LocalTime().day(of: SystemClock().now()), limit: 30)
        print(String(format: "briefing: %ld open cases of one leader (%ld overdue, %ld due within 7 days) counted, 4 listings of ≤ 30 read in %.0f ms",
                     b.openCount, b.overdueCount, b.dueSoonCount, seconds(ContinuousClock.now - briefingStart) * 1000))
        try sigtermLatency(store: copy)
    }

    /// Starts the `xinfangd` built next to this benchmark on `store`, waits until it is 3 s into its
    /// catch-up, sends SIGTERM and prints how long it took to exit.
    static func sigtermLatency(store path: String) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("xinfangd").path
        let root = NSTemporaryDirectory() + "/bench-sigterm"
        try FileManager.default.createDirectory(atPath: root + "/run", withIntermediateDirectories: true)
        let calendars = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("etc/calendars").path
        try """
            [store]
            path = "\(path)"
            [calendar]
            directory = "\(calendars)"
            [notify.maildir]
            path = "\(root)/Maildir"
            [http]
            enabled = false
            """.write(toFile: root + "/xinfangd.toml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--config", root + "/xinfangd.toml"]
        var env = ProcessInfo.processInfo.environment
        env["RUNTIME_DIRECTORY"] = root + "/run"
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "STATE_DIRECTORY", "CONFIGURATION_DIRECTORY"] { env[key] = nil }
        process.environment = env
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let reader = try SQLiteStore(path: path)
        // Wait for the catch-up to be under way (reminders appearing), then 3 s more.
        let begun = ContinuousClock.now
        while try reader.benchmarkReminderCount() == 0 && ContinuousClock.now - begun < .seconds(120) { usleep(50_000) }
        sleep(3)
        let before = try reader.benchmarkReminderCount()
        let sent = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let latency = seconds(ContinuousClock.now - sent)
        let left = try reader.benchmarkDueCount(now: SystemClock().now())
        print(String(format: "sigterm: xinfangd %ld reminders into its catch-up (%ld items still due) exited %d after SIGTERM in %.3f s",
                     before, left, process.terminationStatus, latency))
    }
}
