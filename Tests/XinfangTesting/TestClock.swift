import Foundation
import XinfangCore

/// The simulated clock every test runs on, and that it hands to the `xinfangd` and `xinfangctl`
/// processes it starts (`WallClock` in the binaries honours it in test mode).
///
/// The instant comes from `XINFANG_TEST_NOW` in the test run's environment (CI runs the
/// time-sensitive suites under several: a 1st, a 16th, a Monday, a day of the Spring Festival
/// holiday, 12-31, a make-up working Saturday), else the fixed default below — never from the day
/// the suite happens to run. It advances in real time from the moment the test process started, and
/// every process started with `environment` shares it.
public enum TestClock {
    /// The default simulated instant: Tuesday 2026-12-01 10:00 in Asia/Shanghai.
    public static let defaultInstant = "2026-12-01T10:00:00+08:00"

    /// The ISO 8601 instant the simulated clock showed when this test process started.
    public static let startInstant: String = ProcessInfo.processInfo.environment["XINFANG_TEST_NOW"] ?? defaultInstant

    /// The real Unix second at which the simulated clock showed `startInstant`.
    public static let realStart: Int64 = Int64(Date().timeIntervalSince1970)

    /// Simulated Unix seconds now, on the clock that showed `instant` at `realStart`.
    public static func now(startingAt instant: String = startInstant) -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: instant) else { fatalError("test clock: \(instant) is not an ISO 8601 instant") }
        return Int64(date.timeIntervalSince1970) + Int64(Date().timeIntervalSince1970) - realStart
    }

    /// Today in Asia/Shanghai (UTC+8, no daylight saving) on the simulated clock.
    public static func today(startingAt instant: String = startInstant) -> Day {
        Day(number: Int((now(startingAt: instant) + 8 * 3600) / 86_400))
    }

    /// `YYYY-MM-DD` of today plus `days`, on the simulated clock.
    public static func date(daysFromToday days: Int) -> String { today().adding(days: days).description }

    /// The variables that put a started process on this clock (test mode: `XINFANG_TEST_FAULTS=1`).
    public static var environment: [String: String] {
        ["XINFANG_TEST_FAULTS": "1", "XINFANG_TEST_NOW": startInstant, "XINFANG_TEST_NOW_SINCE": String(realStart)]
    }

    /// Variables that put a process on a clock showing `instant` now (not at the test process's
    /// start): for a test that waits for a moment a few seconds ahead.
    public static func environment(showingNow instant: String) -> [String: String] {
        ["XINFANG_TEST_FAULTS": "1", "XINFANG_TEST_NOW": instant, "XINFANG_TEST_NOW_SINCE": String(Int64(Date().timeIntervalSince1970))]
    }

    /// Variables that put a process on a clock pinned to `instant` for a test whose fixtures are
    /// absolute dates (it still advances in real time from the test process's start).
    public static func environment(pinnedAt instant: String) -> [String: String] {
        ["XINFANG_TEST_FAULTS": "1", "XINFANG_TEST_NOW": instant, "XINFANG_TEST_NOW_SINCE": String(realStart)]
    }
}

/// `YYYY-MM-DD` of today plus `days` in Asia/Shanghai, on the test clock.
public func shanghaiDate(daysFromToday days: Int) -> String { TestClock.date(daysFromToday: days) }
