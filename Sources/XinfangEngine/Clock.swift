import Foundation
import XinfangClock
public import XinfangCore

/// Where the engine reads the time. Tests inject a simulated clock and run months in milliseconds.
public protocol EngineClock: Sendable {
    /// Unix seconds now.
    func now() -> Int64
}

/// The system's wall clock (or, in test mode, the test clock: `WallClock`).
public struct SystemClock: EngineClock {
    public init() {}
    public func now() -> Int64 { WallClock.now() }
}

/// Local time in the configured zone: a fixed UTC offset (Asia/Shanghai is UTC+8 with no daylight
/// saving since 1991) and the hour at which "morning" reminders fire.
public struct LocalTime: Sendable, Equatable {
    public var utcOffsetSeconds: Int
    /// Seconds after local midnight at which a milestone's reminders fire (default 09:00).
    public var reminderSecondOfDay: Int

    public init(utcOffsetSeconds: Int = 8 * 3600, reminderSecondOfDay: Int = 9 * 3600) {
        self.utcOffsetSeconds = utcOffsetSeconds
        self.reminderSecondOfDay = reminderSecondOfDay
    }

    /// The local day an instant falls on.
    public func day(of instant: Int64) -> Day {
        let local = instant + Int64(utcOffsetSeconds)
        return Day(number: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }

    /// The instant of `secondOfDay` on a local day.
    public func instant(_ day: Day, secondOfDay: Int) -> Int64 {
        Int64(day.number) * 86_400 + Int64(secondOfDay) - Int64(utcOffsetSeconds)
    }

    /// When a milestone on `day` fires.
    public func reminderInstant(_ day: Day) -> Int64 { instant(day, secondOfDay: reminderSecondOfDay) }

    /// `YYYY-MM-DD HH:MM` local.
    public func format(_ instant: Int64) -> String {
        let local = instant + Int64(utcOffsetSeconds)
        let seconds = Int(((local % 86_400) + 86_400) % 86_400)
        let hh = seconds / 3600, mm = (seconds % 3600) / 60
        return "\(day(of: instant)) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}
