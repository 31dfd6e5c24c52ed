import Testing
import XinfangCore

/// Day arithmetic: civil dates ⇄ day numbers (days since 1970-01-01), weekdays, ISO text.
/// Expected values come from the Gregorian rules, not from the code under test.
@Suite("Day")
struct DayTests {
    @Test("civil round trip 1900–2100: every date exists, day numbers are consecutive, civil() gives the date back")
    func civilRoundTrip() {
        // 1900-01-01 lies 70 × 365 + 17 leap days (1904, 1908, …, 1968; 1900 is not leap) = 25 567 days
        // before 1970-01-01 (day 0). Walking every date with our own month lengths, each must be one more.
        var expected = -25_567
        var failures: [String] = []
        for year in 1900...2100 {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            for month in 1...12 {
                for dom in 1...lengths[month - 1] {
                    defer { expected += 1 }
                    guard let day = Day(year: year, month: month, day: dom) else {
                        failures.append("\(year)-\(month)-\(dom) refused")
                        continue
                    }
                    if day.number != expected { failures.append("\(year)-\(month)-\(dom) is \(day.number), expected \(expected)") }
                    let c = Day(number: expected).civil
                    if c.year != year || c.month != month || c.day != dom {
                        failures.append("day \(expected) gives \(c), expected \(year)-\(month)-\(dom)")
                    }
                    if Day(number: expected).year != year { failures.append("day \(expected): year") }
                }
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
        // 201 years × 365 + 49 leap days (1904…2096 step 4, 2000 included; 1900 and 2100 not) = 73 414 days,
        // so the walk ends on 47 847 = 2101-01-01.
        #expect(expected == 47_847)
    }

    @Test("known day numbers")
    func knownNumbers() throws {
        #expect(try #require(Day(year: 1970, month: 1, day: 1)).number == 0)
        // 30 years × 365 + 7 leap days (1972…1996) = 10 957
        #expect(try #require(Day(year: 2000, month: 1, day: 1)).number == 10_957)
        #expect(try #require(Day(year: 1969, month: 12, day: 31)).number == -1)
        #expect(try #require(Day(year: 1900, month: 1, day: 1)).number == -25_567)
    }

    @Test("leap days: 2000 and 2024 have 29 February, 1900, 2100 and 2025 do not")
    func leapDays() throws {
        #expect(Day.isLeap(2000) && Day.isLeap(2024) && Day.isLeap(1904) && Day.isLeap(2096))
        #expect(!Day.isLeap(1900) && !Day.isLeap(2100) && !Day.isLeap(2025) && !Day.isLeap(2026))
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
        #expect(Day(year: 2025, month: 2, day: 29) == nil)
        // 2024-02-28 + 1 = 2024-02-29, + 2 = 2024-03-01; 2025-02-28 + 1 = 2025-03-01
        let feb28 = try #require(Day(year: 2024, month: 2, day: 28))
        #expect(feb28.adding(days: 1).description == "2024-02-29")
        #expect(feb28.adding(days: 2).description == "2024-03-01")
        #expect(try #require(Day(year: 2025, month: 2, day: 28)).adding(days: 1).description == "2025-03-01")
        // 2100-02-28 + 1 = 2100-03-01 (2100 is not leap)
        #expect(try #require(Day(year: 2100, month: 2, day: 28)).adding(days: 1).description == "2100-03-01")
        // a leap year has 366 days: 2024-01-01 → 2025-01-01
        #expect(try #require(Day("2025-01-01")) - (try #require(Day("2024-01-01"))) == 366)
        #expect(try #require(Day("2026-01-01")) - (try #require(Day("2025-01-01"))) == 365)
    }

    @Test("weekday of known dates", arguments: [
        ("1900-01-01", 1),  // Monday
        ("1949-10-01", 6),  // Saturday, founding of the PRC
        ("1970-01-01", 4),  // Thursday, day 0
        ("2000-01-01", 6),  // Saturday
        ("2000-02-29", 2),  // Tuesday
        ("2008-08-08", 5),  // Friday, Beijing Olympics opening
        ("2025-01-26", 7),  // Sunday, a make-up working day for 春节 2025
        ("2025-10-01", 3),  // Wednesday
        ("2025-10-11", 6),  // Saturday, a make-up working day for 国庆 2025
        ("2026-02-17", 2),  // Tuesday, 春节 2026
        ("2100-12-31", 5),  // Friday
    ])
    func weekday(_ text: String, _ iso: Int) throws {
        let day = try #require(Day(text))
        #expect(day.isoWeekday == iso)
        #expect(day.isWeekend == (iso >= 6))
        #expect(day.chineseWeekday == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][iso - 1])
    }

    @Test("weekdays before 1970 (negative day numbers) cycle correctly")
    func weekdaysBeforeEpoch() {
        // day -1 = 1969-12-31 Wednesday, day -4 = Sunday 1969-12-28, day -7 = Thursday 1969-12-25
        #expect(Day(number: -1).isoWeekday == 3)
        #expect(Day(number: -4).isoWeekday == 7)
        #expect(Day(number: -7).isoWeekday == 4)
    }

    @Test("ISO parse and format")
    func isoText() throws {
        let day = try #require(Day("2025-10-04"))
        #expect(day.civil.year == 2025 && day.civil.month == 10 && day.civil.day == 4)
        #expect(day.description == "2025-10-04")
        #expect(Day("1900-01-01")?.number == -25_567)
        #expect(try #require(Day(year: 987, month: 6, day: 5)).description == "0987-06-05")
        #expect(Day("0987-06-05") == Day(year: 987, month: 6, day: 5))
        #expect(Day(number: 47_846).description == "2100-12-31")
    }

    @Test("invalid dates and malformed text refused", arguments: [
        "2025-02-29", "2025-02-30", "2025-04-31", "2025-13-01", "2025-00-10", "2025-10-00", "2025-10-32",
        "2025-1-01", "2025-10-1", "2025/10/01", "20251001", " 2025-10-01", "2025-10-01 ", "2025-10-01x",
        "+025-10-01", "2025-1a-01", "", "１２３４-10-01",
    ])
    func invalidText(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test("invalid civil dates refused")
    func invalidCivil() {
        #expect(Day(year: 2025, month: 0, day: 1) == nil)
        #expect(Day(year: 2025, month: 13, day: 1) == nil)
        #expect(Day(year: 2025, month: 6, day: 0) == nil)
        #expect(Day(year: 2025, month: 6, day: 31) == nil)
        #expect(Day(year: 2025, month: 1, day: 32) == nil)
        #expect(Day(year: 2025, month: 12, day: 31) != nil)
    }

    @Test("ordering and differences")
    func ordering() throws {
        let a = try #require(Day("2025-12-31")), b = try #require(Day("2026-01-01"))
        #expect(a < b)
        #expect(b - a == 1)
        #expect(a.adding(days: 1) == b)
        #expect(b.adding(days: -1) == a)
    }
}
