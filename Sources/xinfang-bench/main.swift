import Foundation
import XinfangCore
import XinfangFiles
import XinfangPolicy

// xinfang-bench: the figures the issues ask for. Run in release:
//   swift run -c release xinfang-bench deadlines [COUNT]      in-process deadline computations per second
//   swift run -c release xinfang-bench cases [COUNT]          full case timelines evaluated per second
//   swift run -c release xinfang-bench batch-input [LINES]    writes a `deadline batch` input file to stdout
//   swift run -c release xinfang-bench import [CASES]         JSON Lines import into a fresh store (2 events per case)
//   swift run -c release xinfang-bench fill CASES PATH        a store of CASES open cases, deadlines computed
//   swift run -c release xinfang-bench fire [DEADLINES]       DEADLINES milestones due in one minute, fired by the engine
//   swift run -c release xinfang-bench catchup [CASES] [PATH] catch-up of every due milestone after a fill; SIGTERM latency mid catch-up
//   swift run -c release xinfang-bench ics                     one leader's calendar of 500 events
//   swift run -c release xinfang-bench reception               occurrences of 2,000 + 2,000 leaders over 2 years
//   swift run -c release xinfang-bench risk                    risk ranking of 100,000 open cases
//   swift run -c release xinfang-bench bulletin                bulletin over 1,000,000 cases and 500 units
//   swift run -c release xinfang-bench xlsx [ROWS] [XLSX]      a provincial xlsx export (openpyxl) imported, then reconciled
//   swift run -c release xinfang-bench spread PATH [UNITS]     a filled store's cases spread over UNITS units (500) and 2×UNITS leaders, in place
//   swift run -c release xinfang-bench dashboard [PATH]        the dashboard (clerk, leader, admin) and a unit's due list, p50/p99

/// A small deterministic generator, so every run measures the same work.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let arguments = CommandLine.arguments.dropFirst()
let command = arguments.first ?? "deadlines"
let count = arguments.dropFirst().first.flatMap(Int.init)
var rng = SplitMix64(state: 20_260_101)
let first = Day(year: 2004, month: 1, day: 1)!.number
let last = Day(year: 2026, month: 10, day: 31)!.number

func loadCalendar() -> WorkingCalendar {
    do { return try CalendarLocator.load(id: "cn") } catch {
        FileHandle.standardError.write(Data("xinfang-bench: \(error)\n".utf8))
        exit(1)
    }
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

switch command {
case "deadlines":
    let n = count ?? 10_000_000
    let calendar = loadCalendar()
    var starts = [Int](repeating: 0, count: n)
    var lengths = [Int](repeating: 0, count: n)
    for i in 0..<n {
        starts[i] = Int.random(in: first...last, using: &rng)
        lengths[i] = Int.random(in: 1...60, using: &rng)
    }
    var checksum = 0
    var provisional = 0
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        for i in 0..<n {
            let start = Day(number: starts[i])
            // Mixed: even indices count working days, odd ones calendar days with roll-forward.
            let answer = i & 1 == 0
                ? calendar.addingWorkingDays(lengths[i], to: start)
                : calendar.addingCalendarDays(lengths[i], to: start)
            checksum &+= answer.day.number
            if answer.provisional { provisional += 1 }
        }
    }
    let s = seconds(elapsed)
    print(String(format: "deadlines: %ld mixed computations (work/cal, 1–60 days, 2004–2026) in %.3f s = %.1f million/s (checksum %ld, provisional %ld)",
                 n, s, Double(n) / s / 1e6, checksum, provisional))

case "cases":
    let n = count ?? 1_000_000
    let calendar = loadCalendar()
    let policy = StatutoryPolicy.cn2022
    var timelines: [CaseTimeline] = []
    timelines.reserveCapacity(1000)
    for k in 0..<1000 {
        let received = Day(number: Int.random(in: first...(last - 200), using: &rng))
        var t = CaseTimeline(facts: CaseFacts(number: "XF-\(k)", received: received, category: .claim, unit: "U"))
        _ = try? policy.append(CaseEvent(.forwarded(to: "U"), on: received.adding(days: 3)), to: &t, calendar: calendar)
        _ = try? policy.append(CaseEvent(.accepted, on: received.adding(days: 10)), to: &t, calendar: calendar)
        if k % 3 == 0 { _ = try? policy.append(CaseEvent(.opinionIssued, on: received.adding(days: 50)), to: &t, calendar: calendar) }
        timelines.append(t)
    }
    var total = 0
    let asOf = Day(year: 2026, month: 11, day: 30)!
    let elapsed = ContinuousClock().measure {
        for i in 0..<n { total &+= policy.deadlines(for: timelines[i % timelines.count], calendar: calendar, asOf: asOf).count }
    }
    let s = seconds(elapsed)
    print(String(format: "cases: %ld timelines evaluated in %.3f s = %.0f cases/s (%ld deadlines)", n, s, Double(n) / s, total))

case "batch-input":
    let n = count ?? 1_000_000
    var out: [UInt8] = []
    out.reserveCapacity(n * 20)
    for i in 0..<n {
        Day(number: Int.random(in: first...last, using: &rng)).appendISO(to: &out)
        out.append(0x20)
        out.append(contentsOf: Array(String(Int.random(in: 1...60, using: &rng)).utf8))
        out.append(contentsOf: Array((i & 1 == 0 ? " work\n" : " cal\n").utf8))
    }
    FileHandle.standardOutput.write(Data(out))

case "import":
    try StoreBenchmarks.importBenchmark(cases: count ?? 100_000, directory: NSTemporaryDirectory())

case "fill":
    let path = arguments.dropFirst(2).first ?? NSTemporaryDirectory() + "/bench-fill.sqlite"
    try StoreBenchmarks.fill(cases: count ?? 1_000_000, path: path)

case "fire":
    try StoreBenchmarks.fire(deadlines: count ?? 50_000, directory: NSTemporaryDirectory())

case "catchup":
    try StoreBenchmarks.catchUp(cases: count ?? 1_000_000, path: arguments.dropFirst(2).first ?? NSTemporaryDirectory() + "/bench-catchup.sqlite")

case "ics":
    print(ICSBenchmark.run())

case "reception":
    print(ReceptionBenchmark.run())

case "risk":
    print(RiskBenchmark.run())

case "bulletin":
    print(BulletinBenchmark.run())

case "xlsx":
    try ExchangeBenchmark.run(rows: count ?? 100_000, directory: NSTemporaryDirectory(), existing: arguments.dropFirst(2).first)

case "spread":
    guard let path = arguments.dropFirst().first else { FileHandle.standardError.write(Data("usage: xinfang-bench spread PATH [UNITS]\n".utf8)); exit(2) }
    let units = arguments.dropFirst(2).first.flatMap(Int.init) ?? 500
    try DashboardBenchmark.spread(path: path, units: units, leaders: 2 * units)

case "dashboard":
    let runs = ProcessInfo.processInfo.environment["XINFANG_BENCH_RUNS"].flatMap(Int.init) ?? 200
    try DashboardBenchmark.run(path: arguments.dropFirst().first ?? NSTemporaryDirectory() + "/bench-fill.sqlite", runs: runs)

default:
    FileHandle.standardError.write(Data("usage: xinfang-bench deadlines|cases|batch-input|import|fill|fire|catchup|ics|reception|risk|bulletin|xlsx|spread|dashboard [COUNT] [PATH]\n".utf8))
    exit(2)
}
