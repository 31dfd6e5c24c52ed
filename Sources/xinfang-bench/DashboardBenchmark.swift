import Foundation
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// The dashboard (工作台) and the API's due list on a filled store: counts and the first page for one
/// unit's clerk, for a leader and for the admin (every case), each with its JSON rendering, and one
/// unit's `DueList`; p50/p99 over `runs` runs each, in milliseconds.
enum DashboardBenchmark {
    /// Spreads a filled store's cases over `units` units and `leaders` leaders (case k to unit k mod
    /// units, leader k mod leaders), with a 事项摘要 each: the fill's cases all share one unit and one
    /// leader, and every unit runs the same default policy, so the deadline rows stay those the daemon
    /// would compute. Works on the store at `path` itself: copy a filled store first.
    static func spread(path: String, units: Int, leaders: Int) throws {
        let start = ContinuousClock.now
        let store = try SQLiteStore(path: path)
        try store.benchmarkSpread(units: units, leaders: leaders)
        print(String(format: "spread: cases over %ld units and %ld leaders in %.1f s → %@", units, leaders,
                     StoreBenchmarks.seconds(ContinuousClock.now - start), path))
    }

    static func run(path: String, runs: Int) throws {
        let store = try SQLiteStore(path: path)
        let calendar = try CalendarLocator.load(id: "cn")
        let registry = PolicyRegistry.builtIn()
        let today = ProcessInfo.processInfo.environment["XINFANG_BENCH_TODAY"].flatMap(Day.init) ?? Day(year: 2026, month: 12, day: 1)!
        let units = try store.units().map(\.name).sorted()
        let leaders = try store.leaders().map(\.name).sorted()
        let unit = units[units.count / 2], leader = leaders[leaders.count / 2]
        let encoder = JSONEncoder()
        print("dashboard on \(path): \(units.count) units, \(leaders.count) leaders, today \(today), \(runs) runs each (ms)")

        func measure(_ label: String, _ body: () throws -> Int) rethrows {
            var times: [Double] = []
            var size = 0
            for _ in 0..<(runs + 5) {
                let t0 = ContinuousClock.now
                size = try body()
                times.append(StoreBenchmarks.seconds(ContinuousClock.now - t0) * 1000)
            }
            times = Array(times.dropFirst(5)).sorted()  // 5 warm-up runs
            let p50 = times[times.count / 2], p99 = times[min(times.count - 1, Int(Double(times.count) * 0.99))]
            print(String(format: "  %-58@ p50 %7.3f  p99 %7.3f  max %7.3f  (%ld)", label as NSString, p50, p99, times.last!, size))
        }
        func dashboard(_ principal: Principal, _ filters: Dashboard.Filters = .init(), cursor: String? = nil) throws -> Dashboard {
            try Dashboard(principal: principal, filters: filters, store: store, registry: registry, calendar: calendar, today: today,
                          limit: 50, cursor: cursor)
        }
        let clerk = Principal(username: "bench.clerk", role: .clerk, units: [unit])
        let leaderAccount = Principal(username: "bench.leader", role: .leader, leader: leader)
        let admin = Principal(username: "bench.admin", role: .admin)
        for (name, principal) in [("clerk of \(unit)", clerk), ("leader \(leader)", leaderAccount), ("admin (all cases)", admin)] {
            let d = try dashboard(principal)
            print("  \(name): open \(d.counts.open), 黄 \(d.counts.dueSoon), 红 \(d.counts.overdue); first row \(d.items.first?.caseNumber ?? "-") \(d.items.first?.lightName ?? "")")
            let selection = DashboardSelection(scope: Dashboard.scope(of: principal))
            let windows = Dashboard.windows(registry: registry, calendar: calendar, today: today)
            try measure("\(name): counts (store)") { try store.dashboardCounts(selection, windows: windows).open }
            try measure("\(name): first page of 50 (store)") {
                try store.dashboardCases(selection, filter: .init(), windows: windows, after: nil, limit: 51).count
            }
            try measure("\(name): counts + page (Dashboard, no rendering)") { try dashboard(principal).items.count }
            try measure("\(name): counts + page + JSON") { try encoder.encode(dashboard(principal)).count }
            try measure("\(name): 黄 only, counts + page + JSON") { try encoder.encode(dashboard(principal, .init(light: .yellow))).count }
            // Page 21: 20 pages followed by their cursors first.
            var cursor: String?
            for _ in 0..<20 { cursor = try dashboard(principal, cursor: cursor).nextCursor }
            try measure("\(name): page 21 by cursor, counts + page + JSON") { try encoder.encode(dashboard(principal, cursor: cursor)).count }
        }
        let reader = ScheduleReader(store: store, registry: registry,
                                    scheduling: Scheduling(calendar: calendar, reminders: StandardReminderPolicy(), time: LocalTime()))
        let now = Int64(Date().timeIntervalSince1970)
        let due = try DueList(reader: reader, today: today, days: 7, overdueOnly: false, unit: unit, now: now)
        print("  due list of \(unit), 7 days: \(due.items.count) deadlines")
        try measure("due list of \(unit), 7 days: the read (store)") { try store.owedDeadlines(dueThrough: today.adding(days: 7), unit: unit).count }
        try measure("DueList of \(unit), due within 7 days (no rendering)") {
            try DueList(reader: reader, today: today, days: 7, overdueOnly: false, unit: unit, now: now).items.count
        }
        try measure("DueList of \(unit), due within 7 days + JSON") {
            try encoder.encode(DueList(reader: reader, today: today, days: 7, overdueOnly: false, unit: unit, now: now)).count
        }
        try measure("DueList of \(unit), everything owed + JSON") {
            try encoder.encode(DueList(reader: reader, today: today, days: 3660, overdueOnly: false, unit: unit, now: now)).count
        }
    }
}
