import Foundation
import Testing
import XinfangCore
import XinfangICS

/// A date literal; records an issue (instead of crashing) if the literal is not a date.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
    guard let day = Day(text) else {
        Issue.record("not a date: \(text)", sourceLocation: sourceLocation)
        return Day(number: 0)
    }
    return day
}

/// 2026-01-01T00:00:00Z: day 20 454 after 1970-01-01, × 86 400 s.
let newYear2026: Int64 = 1_767_225_600

/// What a county petition office publishes: a leader's reception morning, a handling deadline
/// with a long Chinese title, a cancelled reception, and a deadline on the last day of a year.
enum Fixture {
    static let reception = ICSEvent(
        uid: ICSEvent.stableUID(["reception", "王副县长", "2026-01-05"]),
        when: .timed(day("2026-01-05"), startMinute: 9 * 60, endMinute: 11 * 60 + 30),
        summary: "王副县长接访日",
        description: "预约：李某, 赵某; 议题：征地补偿\\安置房\n请提前 30 分钟到场",
        location: "县信访局接待大厅，人民路 1 号; 二楼",
        alarmsMinutesBefore: [60, 15], sequence: 2, categories: ["接访", "领导,专场"])

    static let deadline = ICSEvent(
        uid: ICSEvent.stableUID(["deadline", "XF-2026-0001", "办理"]),
        when: .allDay(day("2026-02-27")),
        summary: "【办理期限】XF-2026-0001 申诉求决类信访事项：县人力资源和社会保障局应当自受理之日起六十日内办结并出具处理意见书",
        description: "依《信访工作条例》第三十五条", location: "县人社局",
        alarmsMinutesBefore: [1440], categories: ["期限"])

    static let cancelled = ICSEvent(
        uid: ICSEvent.stableUID(["reception", "王副县长", "2026-01-12"]),
        when: .timed(day("2026-01-12"), startMinute: 14 * 60, endMinute: 17 * 60),
        summary: "王副县长接访日（改期）", sequence: 1, status: "CANCELLED")

    static let yearEnd = ICSEvent(
        uid: ICSEvent.stableUID(["deadline", "XF-2026-0420", "复查"]), when: .allDay(day("2026-12-31")),
        summary: "复查期限")

    static func calendar(_ events: [ICSEvent] = [reception, deadline, cancelled, yearEnd]) -> ICSCalendar {
        var calendar = ICSCalendar(name: "县信访局, 期限; 接访")
        calendar.events = events
        return calendar
    }

    /// The physical lines of `text`, split at CRLF (the last, empty one after the final CRLF dropped).
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A && previous == 0x0D {
                current.removeLast()
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
            previous = byte
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The content lines of `text`: physical lines unfolded (a line starting with a space continues
    /// the one before, the space removed), as RFC 5545 §3.1 reads them.
    static func contentLines(_ text: String) -> [String] {
        var lines: [[UInt8]] = []
        for line in physicalLines(text) {
            if line.first == 0x20, !lines.isEmpty {
                lines[lines.count - 1] += line.dropFirst()
            } else {
                lines.append(line)
            }
        }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }
}
