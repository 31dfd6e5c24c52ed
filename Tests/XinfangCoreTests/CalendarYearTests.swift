import Testing
import XinfangCore

/// A year's data is refused when it breaks the notice's own shape; each error names file, line and field.
@Suite("CalendarYear validation")
struct CalendarYearTests {
    @Test("the excerpts themselves are valid")
    func validExcerpts() {
        #expect(excerpt2025().validate().isEmpty)
        #expect(excerpt2026().validate().isEmpty)
    }

    @Test("a make-up day on a weekday is refused (workdays[i].date, its line)")
    func makeupOnWeekday() {
        var year = excerpt2025()
        // Mon 2025-09-29 is an ordinary working day; a make-up day must be a Saturday or Sunday
        year.makeupDays.append(.init(date: day("2025-09-29"), holiday: "国庆节、中秋节", line: 14))
        let errors = year.validate()
        #expect(errors.count == 1)
        #expect(errors.first?.file == "2025.toml")
        #expect(errors.first?.line == 14)
        #expect(errors.first?.field == "workdays[2].date")
        #expect(errors.first?.reason.contains("周一") == true)
        #expect(errors.first?.description.hasPrefix("2025.toml:14:workdays[2].date: ") == true)
        #expect(buildErrors([year]) == errors)
    }

    @Test("a day both off and a make-up day is refused")
    func offAndMakeup() {
        var year = excerpt2025()
        // Sat 2025-10-04 lies inside 国庆节、中秋节 (10-01…10-08)
        year.makeupDays.insert(.init(date: day("2025-10-04"), holiday: "国庆节、中秋节", line: 11), at: 0)
        let errors = year.validate()
        #expect(errors.count == 1)
        #expect(errors.first?.line == 11)
        #expect(errors.first?.field == "workdays[0].date")
        #expect(errors.first?.reason.contains("both") == true)
        #expect(buildErrors([year]) == errors)
    }

    @Test("a holiday date outside the file's year is refused (holidays[i].from)")
    func holidayOutsideYear() {
        var year = excerpt2025()
        // 2024-12-31 (Tue) is not in 2025
        year.holidays[0] = .init(name: "元旦", from: day("2024-12-31"), to: day("2025-01-01"), line: 7)
        let errors = year.validate()
        #expect(errors.count == 1)
        #expect(errors.first?.line == 7)
        #expect(errors.first?.field == "holidays[0].from")
        #expect(errors.first?.reason.contains("2024-12-31") == true)
        #expect(buildErrors([year]) == errors)
    }

    @Test("a holiday ending in the next year is refused (holidays[i].to)")
    func holidayEndOutsideYear() {
        var year = excerpt2025()
        year.holidays.append(.init(name: "元旦", from: day("2025-12-31"), to: day("2026-01-01"), line: 9))
        let errors = year.validate()
        #expect(errors.map(\.field) == ["holidays[2].to"])
        #expect(errors.first?.line == 9)
    }

    @Test("a make-up day outside the file's year is refused")
    func makeupOutsideYear() {
        var year = excerpt2025()
        // Sun 2026-01-04 is a make-up day, but of 2026
        year.makeupDays.append(.init(date: day("2026-01-04"), holiday: "元旦", line: 15))
        let errors = year.validate()
        #expect(errors.count == 1)
        #expect(errors.first?.line == 15)
        #expect(errors.first?.field == "workdays[2].date")
        #expect(errors.first?.reason.contains("not in 2025") == true)
    }

    @Test("other violations: range reversed, overlapping holidays, a make-up day listed twice, empty name")
    func otherViolations() {
        var year = excerpt2025()
        year.holidays.append(.init(name: "清明节", from: day("2025-04-06"), to: day("2025-04-04"), line: 20))
        year.holidays.append(.init(name: "重叠", from: day("2025-10-08"), to: day("2025-10-09"), line: 21))
        year.holidays.append(.init(name: "", from: day("2025-06-02"), to: day("2025-06-02"), line: 22))
        year.makeupDays.append(.init(date: day("2025-10-11"), holiday: "国庆节、中秋节", line: 23))
        let errors = year.validate()
        let located = errors.map { "\($0.line ?? 0):\($0.field ?? "")" }
        #expect(located.contains("20:holidays[2].to"))
        #expect(located.contains("21:holidays[3]"))     // 10-08 is already off for 国庆节、中秋节
        #expect(located.contains("22:holidays[4].name"))
        #expect(located.contains("23:workdays[2].date"))  // 10-11 listed twice
        #expect(errors.count == 4)
    }

    @Test("every error of every year is reported together")
    func allErrorsTogether() {
        var a = excerpt2025()
        a.makeupDays.append(.init(date: day("2025-09-29"), holiday: "x", line: 14))
        var b = excerpt2026()
        b.makeupDays.append(.init(date: day("2026-01-05"), holiday: "x", line: 15))  // Mon
        let errors = buildErrors([b, a])
        #expect(errors.map(\.file).sorted() == ["2025.toml", "2026.toml"])
        #expect(errors.map(\.line).compactMap { $0 }.sorted() == [14, 15])
    }
}
