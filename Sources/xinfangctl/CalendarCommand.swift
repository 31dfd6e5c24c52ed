import ArgumentParser
import XinfangCore
import XinfangFiles

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "工作日历 Show and check working-day calendars.",
        subcommands: [Show.self, Check.self, ICS.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "查看年度日历 Show a year: holidays, make-up working days, and working days per month.")

        @Argument(help: "The year, e.g. 2026.") var year: Int
        @OptionGroup var calendarOptions: CalendarOptions
        @Flag(help: "Print JSON.") var json = false

        struct YearView: Encodable {
            struct Run: Encodable { var name: String; var from: String; var to: String; var days: Int }
            struct Makeup: Encodable { var date: String; var weekday: String; var holiday: String }
            var calendar: String
            var year: Int
            var notice: String?
            var provisional: Bool
            var holidays: [Run]
            var makeupWorkdays: [Makeup]
            var workingDaysPerMonth: [Int]
            var workingDays: Int
        }

        func run() throws {
            let calendar = try calendarOptions.load()
            guard let first = Day(year: year, month: 1, day: 1), let last = Day(year: year, month: 12, day: 31) else {
                throw InputFailure(message: "year: \(year) is not a year")
            }
            let runs = calendar.holidays(from: first, through: last).map {
                YearView.Run(name: $0.name, from: $0.from.description, to: $0.to.description, days: $0.to - $0.from + 1)
            }
            var makeups: [YearView.Makeup] = []
            for n in first.number...last.number {
                let day = Day(number: n)
                if case .makeupWorkday(let name)? = calendar.label(of: day) {
                    makeups.append(YearView.Makeup(date: day.description, weekday: day.chineseWeekday, holiday: name))
                }
            }
            let perMonth = (1...12).map { m in
                calendar.workingDays(from: Day(year: year, month: m, day: 1)!,
                                     through: Day(year: year, month: m, day: Day.daysIn(month: m, year: year))!)
            }
            let view = YearView(
                calendar: calendar.id, year: year, notice: calendar.notices[year], provisional: !calendar.covers(first),
                holidays: runs, makeupWorkdays: makeups, workingDaysPerMonth: perMonth, workingDays: perMonth.reduce(0, +))
            if json { return try printJSON(view) }
            print("\(year) · calendar \(calendar.id) · \(view.notice ?? "no notice loaded: weekends only, provisional")")
            print("\n放假 (days off)")
            for r in runs { print("  \(r.from) … \(r.to)  \(r.days)天  \(r.name)") }
            if runs.isEmpty { print("  (none)") }
            print("\n调休上班 (make-up working days)")
            for m in makeups { print("  \(m.date) \(m.weekday)  \(m.holiday)") }
            if makeups.isEmpty { print("  (none)") }
            print("\n工作日 (working days) per month: " + perMonth.map(String.init).joined(separator: " ") + "  total \(view.workingDays)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查日历文件 Check calendar year files: syntax, dates inside the year, make-up days on weekends, no day both off and working.")

        @Argument(help: "Calendar files (YYYY.toml).") var files: [String]

        func run() throws {
            let errors = CalendarFile.check(paths: files)
            guard errors.isEmpty else { throw InputFailure(message: errors.map(\.description).joined(separator: "\n")) }
            for file in files { print("ok \(file)") }
        }
    }
}
