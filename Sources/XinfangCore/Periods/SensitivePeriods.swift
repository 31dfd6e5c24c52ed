/// The escalation-risk windows (敏感时期) the bureau has configured, and what they mean for a unit
/// on a day. Pure: the answers depend on the windows and the arguments only.
///
/// Windows may overlap. For a unit on a day the **strictest wins**, field by field: the highest
/// level of the windows in force and the earliest daily-report cut-off among them (which may come
/// from different windows). Windows are few (tens a year), so lookups scan them.
public struct SensitivePeriods: Hashable, Sendable {
    /// The configured windows, in any order.
    public var periods: [SensitivePeriod]
    /// What lead times are multiplied by inside any window (reminders come earlier): 2.
    public var leadMultiplierInside: Int
    /// How long before the cut-off the unit is reminded to file, in minutes: 60.
    public var reminderLeadMinutes: Int

    /// The windows; lead times doubled and the daily-report reminder one hour before the cut-off unless told otherwise.
    public init(_ periods: [SensitivePeriod], leadMultiplierInside: Int = 2, reminderLeadMinutes: Int = 60) {
        self.periods = periods
        self.leadMultiplierInside = leadMultiplierInside
        self.reminderLeadMinutes = reminderLeadMinutes
    }

    /// The windows in force for `unit` on `day`, strictest first: higher level, then earlier
    /// cut-off, then earlier first day, then name.
    public func active(on day: Day, unit: String) -> [SensitivePeriod] {
        periods.filter { $0.isActive(on: day, for: unit) }.sorted(by: SensitivePeriods.stricter)
    }

    /// The windows in force for `unit` on `day`, combined (the strictest wins); nil outside every window.
    public func window(on day: Day, unit: String) -> ActiveWindow? {
        let list = active(on: day, unit: unit)
        guard let strictest = list.first else { return nil }
        return ActiveWindow(
            day: day, unit: unit, periods: list, level: strictest.level,
            dailyReportCutoffMinute: list.map(\.dailyReportCutoffMinute).min() ?? strictest.dailyReportCutoffMinute)
    }

    /// Whether any window binds `unit` on `day`.
    public func isInsideWindow(on day: Day, unit: String) -> Bool {
        periods.contains { $0.isActive(on: day, for: unit) }
    }

    /// The factor lead times are multiplied by for `unit` on `day`: `leadMultiplierInside` (2)
    /// inside any window, 1 outside.
    public func leadMultiplier(on day: Day, unit: String) -> Int {
        isInsideWindow(on: day, unit: unit) ? leadMultiplierInside : 1
    }

    /// The daily report `unit` owes on `day`: due at the combined cut-off, reminded
    /// `reminderLeadMinutes` before it. Nil outside every window. Every calendar day of a window
    /// owes a report, rest days and holidays included (每日报送; the windows are often holidays).
    public func dailyReportDuty(unit: String, on day: Day) -> DailyReportDuty? {
        guard let window = window(on: day, unit: unit) else { return nil }
        let cutoff = DayMinute(day, minute: window.dailyReportCutoffMinute)
        return DailyReportDuty(
            unit: unit, day: day, cutoff: cutoff, reminder: cutoff.adding(minutes: -reminderLeadMinutes),
            level: window.level, periods: window.periods.map(\.name))
    }

    /// Every daily report the `units` owe from `from` through `through`, by day, then in the order of `units`.
    public func dailyReportDuties(units: [String], from: Day, through: Day) -> [DailyReportDuty] {
        guard through >= from else { return [] }
        let relevant = periods.filter { $0.last >= from && $0.first <= through }
        guard !relevant.isEmpty else { return [] }
        let narrowed = SensitivePeriods(relevant, leadMultiplierInside: leadMultiplierInside, reminderLeadMinutes: reminderLeadMinutes)
        var out: [DailyReportDuty] = []
        for n in from.number...through.number {
            for unit in units {
                if let duty = narrowed.dailyReportDuty(unit: unit, on: Day(number: n)) { out.append(duty) }
            }
        }
        return out
    }

    /// Strictness order: higher level, earlier cut-off, earlier first day, name.
    static func stricter(_ a: SensitivePeriod, _ b: SensitivePeriod) -> Bool {
        if a.level != b.level { return a.level > b.level }
        if a.dailyReportCutoffMinute != b.dailyReportCutoffMinute { return a.dailyReportCutoffMinute < b.dailyReportCutoffMinute }
        if a.first != b.first { return a.first < b.first }
        return a.name < b.name
    }
}

/// The windows in force for one unit on one day, combined: the strictest wins.
public struct ActiveWindow: Hashable, Sendable {
    public var day: Day
    public var unit: String
    /// The windows in force, strictest first.
    public var periods: [SensitivePeriod]
    /// The highest level among them.
    public var level: Int
    /// The earliest daily-report cut-off among them, in local minutes after midnight.
    public var dailyReportCutoffMinute: Int

    public init(day: Day, unit: String, periods: [SensitivePeriod], level: Int, dailyReportCutoffMinute: Int) {
        self.day = day
        self.unit = unit
        self.periods = periods
        self.level = level
        self.dailyReportCutoffMinute = dailyReportCutoffMinute
    }
}
