import Foundation
import Testing
import XinfangCore
@testable import XinfangFiles
import XinfangTesting

@Suite("Calendar files: errors name file, line and field")
struct CalendarFileTests {
    static let valid = """
        year = 2025
        notice = "国务院办公厅关于2025年部分节假日安排的通知"

        holidays = [
          { name = "春节", from = 2025-01-28, to = 2025-02-04 },
          { name = "国庆节、中秋节", from = 2025-10-01, to = 2025-10-08 },
        ]

        workdays = [
          { date = 2025-01-26, for = "春节" },
          { date = 2025-02-08, for = "春节" },
        ]
        """

    @Test("a valid file reads with the line of each entry")
    func validFile() throws {
        let path = try temporaryFile("2025.toml", Self.valid)
        let year = try CalendarFile.read(path: path)
        #expect(year.year == 2025)
        #expect(year.holidays.map(\.line) == [5, 6])
        #expect(year.makeupDays.map(\.line) == [10, 11])
        #expect(year.validate().isEmpty)
    }

    @Test("a make-up working day on a weekday is refused at its line")
    func makeupOnWeekday() throws {
        // 2025-02-07 is a Friday: a make-up working day must be a Saturday or Sunday.
        let path = try temporaryFile("2025.toml", Self.valid.replacingOccurrences(of: "2025-02-08", with: "2025-02-07"))
        let errors = CalendarFile.check(paths: [path])
        #expect(errors.count == 1)
        #expect(errors.first?.description == "\(path):11:workdays[1].date: 2025-02-07 is a 周五; a make-up working day must be a Saturday or Sunday")
    }

    @Test("a day both off and a make-up day is refused")
    func bothOffAndMakeup() throws {
        // 2025-10-04 is a Saturday inside the National Day break.
        let path = try temporaryFile("2025.toml", Self.valid.replacingOccurrences(of: "2025-02-08", with: "2025-10-04"))
        let errors = CalendarFile.check(paths: [path])
        #expect(errors.map(\.line) == [11])
        #expect(errors.first?.reason.contains("both a day off") == true)
    }

    @Test("a date outside the file's year is refused")
    func dateOutsideYear() throws {
        let path = try temporaryFile("2025.toml", Self.valid.replacingOccurrences(of: "to = 2025-10-08", with: "to = 2026-10-08"))
        let errors = CalendarFile.check(paths: [path])
        #expect(errors.map(\.field) == ["holidays[1].to"])
        #expect(errors.map(\.line) == [6])
    }

    @Test("a TOML syntax error names its line")
    func syntaxError() throws {
        let path = try temporaryFile("2025.toml", Self.valid.replacingOccurrences(of: "for = \"春节\" },\n  { date = 2025-02-08", with: "for = \"春节\" },\n  { date = 2025-02-08 for"))
        let errors = CalendarFile.check(paths: [path])
        #expect(errors.count == 1)
        #expect(errors.first?.line == 11)
        #expect(errors.first?.reason.hasPrefix("TOML syntax") == true)
    }

    @Test("an unknown key is refused, not ignored")
    func unknownKey() throws {
        let path = try temporaryFile("2025.toml", Self.valid.replacingOccurrences(of: "{ date = 2025-01-26,", with: "{ dat = 2025-01-26,"))
        let errors = CalendarFile.check(paths: [path])
        #expect(errors.first?.field == "workdays[0].dat")
        #expect(errors.first?.line == 10)
    }

    @Test("the year must match the file name")
    func yearMatchesFileName() throws {
        let path = try temporaryFile("2024.toml", Self.valid)
        let errors = CalendarFile.check(paths: [path])
        #expect(errors.first?.field == "year")
        #expect(errors.first?.line == 1)
    }

    @Test("a bad file in the calendar directory stops the whole calendar from loading")
    func badFileStopsCalendar() throws {
        let good = try temporaryFile("2025.toml", Self.valid)
        let dir = URL(fileURLWithPath: good).deletingLastPathComponent().path
        try Self.valid.replacingOccurrences(of: "2025", with: "2026").replacingOccurrences(of: "2026-02-08", with: "2026-02-06")
            .write(toFile: dir + "/2026.toml", atomically: true, encoding: .utf8)
        #expect(throws: InputErrors.self) { try TOMLCalendarSource(id: "cn", directory: dir).loadCalendar() }
    }
}

@Suite("TOML source map")
struct TOMLSourceMapTests {
    @Test("finds keys, array-of-table entries and one-line inline-table entries")
    func lines() {
        let map = TOMLSourceMap("""
            # comment
            year = 2025
            list = [
              { a = 1 },

              { a = 2 },
            ]
            [case]
            number = "X"
            [[events]]
            type = "accepted"
            [[events]]
            type = "closed"
            on = 2025-01-01
            """)
        #expect(map.line(of: "year") == 2)
        #expect(map.line(of: "list[0].a") == 4)
        #expect(map.line(of: "list[1]") == 6)
        #expect(map.line(of: "case.number") == 9)
        #expect(map.line(of: "events[1].on") == 14)
        #expect(map.line(of: "events[1].missing") == 12)
    }
}
