import Testing
import XinfangCore

/// A date literal; records an issue (instead of crashing) if the literal is not a date.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
    guard let day = Day(text) else {
        Issue.record("not a date: \(text)", sourceLocation: sourceLocation)
        return Day(number: 0)
    }
    return day
}

/// An excerpt of the 2025 notice (国办发明电〔2024〕12号): 元旦 and 国庆节、中秋节, as the file would give them.
func excerpt2025(source: String = "2025.toml") -> CalendarYear {
    CalendarYear(
        year: 2025, notice: "国务院办公厅关于2025年部分节假日安排的通知",
        holidays: [
            .init(name: "元旦", from: day("2025-01-01"), to: day("2025-01-01"), line: 7),
            .init(name: "国庆节、中秋节", from: day("2025-10-01"), to: day("2025-10-08"), line: 8),
        ],
        makeupDays: [
            .init(date: day("2025-09-28"), holiday: "国庆节、中秋节", line: 12),
            .init(date: day("2025-10-11"), holiday: "国庆节、中秋节", line: 13),
        ],
        source: source)
}

/// An excerpt of the 2026 notice: 元旦 (off 01-01…01-03, make-up Sun 01-04) and 春节 (off 02-15…02-23,
/// make-up Sat 02-14 and Sat 02-28).
func excerpt2026(source: String = "2026.toml") -> CalendarYear {
    CalendarYear(
        year: 2026, notice: "国务院办公厅关于2026年部分节假日安排的通知",
        holidays: [
            .init(name: "元旦", from: day("2026-01-01"), to: day("2026-01-03"), line: 7),
            .init(name: "春节", from: day("2026-02-15"), to: day("2026-02-23"), line: 8),
        ],
        makeupDays: [
            .init(date: day("2026-01-04"), holiday: "元旦", line: 12),
            .init(date: day("2026-02-14"), holiday: "春节", line: 13),
            .init(date: day("2026-02-28"), holiday: "春节", line: 14),
        ],
        source: source)
}

/// A year with nothing but its number (weekends rest, weekdays work).
func plainYear(_ year: Int, source: String? = nil) -> CalendarYear {
    CalendarYear(year: year, notice: "test \(year)", holidays: [], makeupDays: [], source: source ?? "\(year).toml")
}

/// The errors `WorkingCalendar(id:years:)` refuses `years` with; empty when it builds.
func buildErrors(_ years: [CalendarYear]) -> [InputError] {
    do {
        _ = try WorkingCalendar(id: "test", years: years)
        return []
    } catch {
        return error.errors
    }
}
