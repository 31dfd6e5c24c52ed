/// An escalation-risk period (敏感时期): a window of days, set by the bureau, during which units file
/// a daily report (每日报送, 零报告 included) by a cut-off time, reminders come earlier and risky cases
/// are listed first (practice, so every field is configuration; docs/domain.md#escalation-risk-periods).
///
/// Windows may overlap (a national meeting inside a holiday); `SensitivePeriods` combines them.
public struct SensitivePeriod: Hashable, Sendable, Codable {
    /// What the window is for, e.g. 国庆节 or 全国两会.
    public var name: String
    /// The first day of the window.
    public var first: Day
    /// The last day of the window, included.
    public var last: Day
    /// How strict the window is; higher is stricter (e.g. 1 local, 2 provincial, 3 national).
    public var level: Int
    /// The units the window binds; empty means every unit.
    public var units: [String]
    /// The daily report's cut-off, in local minutes after midnight (16:00 is 960).
    public var dailyReportCutoffMinute: Int

    /// A window; `units` empty binds every unit.
    public init(name: String, first: Day, last: Day, level: Int = 1, units: [String] = [], dailyReportCutoffMinute: Int = 16 * 60) {
        self.name = name
        self.first = first
        self.last = last
        self.level = level
        self.units = units
        self.dailyReportCutoffMinute = dailyReportCutoffMinute
    }

    /// Whether `day` lies inside the window, first and last day included.
    @inlinable public func contains(_ day: Day) -> Bool { day >= first && day <= last }

    /// Whether the window binds `unit`.
    @inlinable public func binds(_ unit: String) -> Bool { units.isEmpty || units.contains(unit) }

    /// Whether the window binds `unit` on `day`.
    @inlinable public func isActive(on day: Day, for unit: String) -> Bool { contains(day) && binds(unit) }

    /// Checks a configured window: a name, days in order, a level of at least 1, a cut-off inside
    /// the day (00:00 … 23:59) and no empty unit name. Every violation names `source`, `line` and the field.
    public func validate(source: String = "<memory>", line: Int? = nil, field: String = "periods") -> [InputError] {
        var errors: [InputError] = []
        func fail(_ name: String, _ reason: String) {
            errors.append(InputError(file: source, line: line, field: field + "." + name, reason: reason))
        }
        if name.isEmpty { fail("name", "a period needs a name") }
        if last < first { fail("last", "\(last) is before first = \(first)") }
        if level < 1 { fail("level", "\(level) is less than 1") }
        if !(0..<24 * 60).contains(dailyReportCutoffMinute) {
            fail("report_cutoff", "minute \(dailyReportCutoffMinute) is not a time of day (0 … 1439)")
        }
        if units.contains(where: \.isEmpty) { fail("units", "an empty unit name") }
        return errors
    }
}
