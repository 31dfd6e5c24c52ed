import Foundation
import XinfangCore
import XinfangICS

/// The iCalendar figure: one calendar of 500 events with Chinese text (deadlines as all-day events,
/// receptions as timed ones, with alarms and escaped descriptions) rendered; the median of 31 runs
/// after 3 warm-up runs. The target is well under 50 ms in a release build.
public enum ICSBenchmark {
    /// Events in the calendar.
    static let eventCount = 500
    /// Timed renders; the median is reported.
    static let runs = 31

    /// Renders the calendar `runs` times and returns the report line.
    public static func run() -> String {
        var calendar = ICSCalendar(name: "县信访局 · 办理期限与领导接访日")
        calendar.events = events(count: eventCount, from: Day(year: 2026, month: 9, day: 1)!)
        let stamp: Int64 = 1_788_000_000
        var times: [Double] = []
        var octets = 0
        let clock = ContinuousClock()
        for _ in 0..<3 { octets = calendar.render(stamp: stamp).utf8.count }  // warm caches and the allocator
        for _ in 0..<runs {
            let start = clock.now
            let text = calendar.render(stamp: stamp)
            times.append(milliseconds(clock.now - start))
            octets = text.utf8.count
        }
        times.sort()
        return String(format: "ics: %ld events (%ld KiB) rendered in %.3f ms median, %.3f ms min, %.3f ms max (%ld runs; target < 50 ms)",
                      eventCount, octets / 1024, times[runs / 2], times[0], times[runs - 1], runs)
    }

    /// A duration in milliseconds.
    private static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
    }

    /// Deadlines and receptions alternating over consecutive days, every text field in Chinese.
    static func events(count: Int, from first: Day) -> [ICSEvent] {
        (0..<count).map { k in
            let day = first.adding(days: k / 2)
            let number = "XF-2026-\(k)"
            if k % 2 == 0 {
                return ICSEvent(
                    uid: ICSEvent.stableUID(["deadline", number, "办理"]), when: .allDay(day),
                    summary: "【办理期限】\(number) 申诉求决类信访事项，县人社局应出具处理意见",
                    description: "信访人：张某某；事项：拖欠工资，共计 3 人\n受理日期：2026-09-01，依《信访工作条例》第三十五条，60 日内办结",
                    location: "县人社局", alarmsMinutesBefore: [1440, 4320], sequence: k % 3, categories: ["期限", "申诉求决"])
            }
            return ICSEvent(
                uid: ICSEvent.stableUID(["reception", "王副县长", String(day.number)]),
                when: .timed(day, startMinute: 9 * 60, endMinute: 11 * 60 + 30),
                summary: "王副县长接访日（矛盾纠纷化解专场）", description: "预约：李某、赵某；议题：征地补偿、安置房交付",
                location: "县信访局一楼接待大厅，人民路 1 号", alarmsMinutesBefore: [60], status: k % 10 == 1 ? "CANCELLED" : nil,
                categories: ["接访"])
        }
    }
}
