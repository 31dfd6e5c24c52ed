import Foundation
public import XinfangCore
public import XinfangPolicy

/// A calendar kept as one TOML file per year in a directory (`etc/calendars/cn/2025.toml`), each
/// transcribing one yearly holiday notice. See the README for the format.
public struct TOMLCalendarSource: CalendarSource {
    public let id: String
    /// The directory holding `YYYY.toml` files.
    public let directory: String

    public init(id: String, directory: String) {
        self.id = id
        self.directory = directory
    }

    /// Reads and validates every year. All errors of all files are reported together.
    public func loadYears() throws -> [CalendarYear] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".toml") }.sorted()
        } catch {
            throw InputErrors([InputError(file: directory, reason: "cannot list calendar directory")])
        }
        guard !names.isEmpty else { throw InputErrors([InputError(file: directory, reason: "no YYYY.toml calendar files")]) }
        var years: [CalendarYear] = []
        var errors: [InputError] = []
        for name in names {
            do throws(InputError) {
                let year = try CalendarFile.read(path: directory + "/" + name)
                let problems = year.validate()
                if problems.isEmpty { years.append(year) } else { errors += problems }
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return years
    }
}

/// One calendar year file.
public enum CalendarFile {
    /// Reads `path` into a year (not yet validated against the calendar rules; see `CalendarYear.validate()`).
    public static func read(path: String) throws(InputError) -> CalendarYear {
        let doc = try DataDocument.read(path: path)
        let root = doc.reader
        try root.rejectUnknownKeys(["year", "notice", "notice_ref", "holidays", "workdays"])
        let year = try root.int("year", in: 1949...2200)
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        if let fileYear = Int(stem), fileYear != year {
            throw root.error("year", "year = \(year) in a file named \(stem).toml")
        }
        var holidays: [CalendarYear.Holiday] = []
        for entry in try root.tables("holidays") {
            try entry.rejectUnknownKeys(["name", "from", "to", "notice"])
            holidays.append(CalendarYear.Holiday(
                name: try entry.nonEmptyString("name"), from: try entry.day("from"), to: try entry.day("to"),
                notice: try entry.optionalString("notice"), line: entry.line()))
        }
        var makeups: [CalendarYear.MakeupDay] = []
        for entry in try root.tables("workdays") {
            try entry.rejectUnknownKeys(["date", "for", "notice"])
            makeups.append(CalendarYear.MakeupDay(
                date: try entry.day("date"), holiday: try entry.nonEmptyString("for"),
                notice: try entry.optionalString("notice"), line: entry.line()))
        }
        return CalendarYear(
            year: year, notice: try root.nonEmptyString("notice"), noticeRef: try root.optionalString("notice_ref"),
            holidays: holidays, makeupDays: makeups, source: path)
    }

    /// Reads and validates files one by one, as `xinfangctl calendar check` does: every problem of
    /// every file, each naming file, line and field.
    public static func check(paths: [String]) -> [InputError] {
        var errors: [InputError] = []
        for path in paths {
            do throws(InputError) {
                errors += try read(path: path).validate()
            } catch {
                errors.append(error)
            }
        }
        return errors
    }
}

/// Finds the calendars directory: an explicit one, `$XINFANG_CALENDARS`, `$CONFIGURATION_DIRECTORY/calendars`
/// (under systemd), `./etc/calendars` (a checkout), or the installed `/usr/share/xinfang/calendars`.
public enum CalendarLocator {
    public static func directory(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit { return explicit }
        if let env = environment["XINFANG_CALENDARS"] { return env }
        var candidates: [String] = []
        if let conf = environment["CONFIGURATION_DIRECTORY"] { candidates.append(conf + "/calendars") }
        candidates += ["etc/calendars", "/usr/share/xinfang/calendars"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? "etc/calendars"
    }

    /// Loads the calendar `id` from the located directory.
    public static func load(id: String, directory explicit: String? = nil) throws -> WorkingCalendar {
        try TOMLCalendarSource(id: id, directory: directory(explicit: explicit) + "/" + id).loadCalendar()
    }
}
