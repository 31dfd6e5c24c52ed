import Foundation

/// The one place the processes read the wall clock.
///
/// In production it is the system's clock. In test mode (`XINFANG_TEST_FAULTS=1`, the same switch
/// as the daemon's fault switches) `XINFANG_TEST_NOW` sets it: an ISO 8601 instant such as
/// `2026-12-16T10:00:00+08:00`, shown by the clock at the real instant `XINFANG_TEST_NOW_SINCE`
/// (Unix seconds; default: when the process started) and advancing in real time from there. Every
/// process given the same pair shares one simulated clock, so a test can run the daemon and the CLI
/// on the 1st of a month, a holiday or a make-up working Saturday whatever day it really is.
/// Outside test mode the variables are ignored.
public enum WallClock {
    /// Simulated minus real seconds: 0 unless the test clock is set.
    public static let offsetSeconds: Int64 = {
        let environment = ProcessInfo.processInfo.environment
        guard environment["XINFANG_TEST_FAULTS"] == "1", let text = environment["XINFANG_TEST_NOW"] else { return 0 }
        guard let simulated = parseInstant(text) else {
            FileHandle.standardError.write(Data("XINFANG_TEST_NOW: \"\(text.prefix(64))\" is not an instant like 2026-12-16T10:00:00+08:00\n".utf8))
            exit(2)
        }
        let real = environment["XINFANG_TEST_NOW_SINCE"].flatMap { Int64($0) } ?? realNow()
        return simulated - real
    }()

    /// Unix seconds now, as the processes see it.
    public static func now() -> Int64 { realNow() + offsetSeconds }

    /// The real instant (Unix seconds) at which the clock shows `instant`: what a timer on the
    /// kernel's real clock is armed at.
    public static func realInstant(_ instant: Int64) -> Int64 { instant - offsetSeconds }

    /// Unix seconds of an ISO 8601 instant with a UTC offset (`2026-12-16T10:00:00+08:00`, `…Z`).
    public static func parseInstant(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text).map { Int64($0.timeIntervalSince1970.rounded(.down)) }
    }

    private static func realNow() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
