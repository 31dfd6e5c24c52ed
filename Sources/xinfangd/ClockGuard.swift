import CLinux
import Foundation

/// Notices the wall clock running far ahead of `CLOCK_BOOTTIME` (which counts suspend too, so a
/// machine that slept is not a jump): a clock set weeks ahead would fire the reminders of the
/// skipped weeks early and record overdue deadlines that are not due in real time. While the wall
/// clock is more than `threshold` seconds ahead of where the boot clock says it should be, firing is
/// held; it resumes when the clock comes back or an operator confirms the new time
/// (`xinfangctl clock confirm`), which makes it the new reference.
final class ClockGuard {
    /// How far ahead the wall clock may run before firing is held (an hour).
    static let threshold: Int64 = 3600

    /// Wall-clock seconds minus boot-clock seconds when the daemon started or the time was confirmed.
    private var reference: Int64
    private(set) var held = false

    init() { reference = ClockGuard.offset() }

    static func offset() -> Int64 {
        var wall = timespec(), boot = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        clock_gettime(CLOCK_BOOTTIME, &boot)
        // In nanoseconds, rounded to the second: whole seconds of each clock taken apart would make
        // the difference jitter by one (a jump of 80 days read as "+79d 23h").
        let nanoseconds = (Int64(wall.tv_sec) - Int64(boot.tv_sec)) * 1_000_000_000 + (Int64(wall.tv_nsec) - Int64(boot.tv_nsec))
        return (nanoseconds + 500_000_000).quotientAndRemainder(dividingBy: 1_000_000_000).quotient
    }

    /// Seconds the wall clock has moved ahead of the boot clock since the reference.
    var ahead: Int64 { ClockGuard.offset() - reference }

    /// Re-reads the clocks; returns true when `held` changed.
    func update() -> Bool {
        let now = ahead > ClockGuard.threshold
        defer { held = now }
        return now != held
    }

    /// The operator says the current wall clock is right: it becomes the reference.
    func confirm() {
        reference = ClockGuard.offset()
        held = false
    }

    /// "+80d 0h" for logs and the status line.
    static func describe(_ seconds: Int64) -> String { "+\(seconds / 86_400)d \(seconds % 86_400 / 3600)h" }
}
