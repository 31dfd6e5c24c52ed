/// A unit's daily report (每日报送) inside an escalation-risk window: 有事报事, 无事报平安.
public struct DailyReport: Hashable, Sendable {
    /// The reporting unit.
    public var unit: String
    /// The day the report is for.
    public var day: Day
    /// A 零报告 ("nothing to report"): it fulfils the duty like any other report.
    public var isNilReport: Bool
    /// When it was filed, local.
    public var filed: DayMinute

    public init(unit: String, day: Day, isNilReport: Bool, filed: DayMinute) {
        self.unit = unit
        self.day = day
        self.isNilReport = isNilReport
        self.filed = filed
    }
}

/// The daily report one unit owes for one day inside a window: due by the cut-off (a report filed
/// in the cut-off minute is in time), with a reminder before it; a report still missing at the
/// cut-off is overdue and goes to the unit's leader.
public struct DailyReportDuty: Hashable, Sendable {
    public var unit: String
    public var day: Day
    /// The last minute a report is in time.
    public var cutoff: DayMinute
    /// When the unit is reminded if it has not filed yet (one hour before the cut-off by default).
    public var reminder: DayMinute
    /// The level of the strictest window in force.
    public var level: Int
    /// The names of the windows in force, strictest first.
    public var periods: [String]

    public init(unit: String, day: Day, cutoff: DayMinute, reminder: DayMinute, level: Int, periods: [String]) {
        self.unit = unit
        self.day = day
        self.cutoff = cutoff
        self.reminder = reminder
        self.level = level
        self.periods = periods
    }

    /// The dedupe key of the reminder: `daily-report:UNIT:YYYY-MM-DD:reminder`.
    public var reminderKey: String { "daily-report:\(unit):\(day):reminder" }
    /// The dedupe key of the overdue event: `daily-report:UNIT:YYYY-MM-DD:overdue`.
    public var overdueKey: String { "daily-report:\(unit):\(day):overdue" }

    /// Where the duty stands at `now`, from the reports known then (reports of other units or
    /// days, and reports filed after `now`, are ignored). The first report filed counts.
    public func status(reports: [DailyReport], at now: DayMinute) -> DailyReportStatus {
        var first: DailyReport?
        for report in reports where report.unit == unit && report.day == day && report.filed <= now {
            if let earlier = first, earlier.filed <= report.filed { continue }
            first = report
        }
        if let first { return first.filed <= cutoff ? .met(first) : .late(first) }
        return now < cutoff ? .pending : .missing
    }

    /// Whether the reminder is due at `now`: the reminder time has come, the cut-off has not, and
    /// nothing is filed yet. (After the cut-off a missing report is an overdue event instead.)
    public func reminderIsDue(reports: [DailyReport], at now: DayMinute) -> Bool {
        now >= reminder && now < cutoff && status(reports: reports, at: now) == .pending
    }

    /// The overdue event at `now`, if no report was filed by the cut-off: for the unit's leader.
    public func overdue(reports: [DailyReport], at now: DayMinute) -> DailyReportOverdue? {
        switch status(reports: reports, at: now) {
        case .pending, .met: return nil
        case .missing: return DailyReportOverdue(unit: unit, day: day, cutoff: cutoff, filedLate: nil, key: overdueKey)
        case .late(let report): return DailyReportOverdue(unit: unit, day: day, cutoff: cutoff, filedLate: report.filed, key: overdueKey)
        }
    }
}

/// Where a daily report duty stands.
public enum DailyReportStatus: Hashable, Sendable {
    /// Before the cut-off, nothing filed yet.
    case pending
    /// Filed by the cut-off (a 零报告 included).
    case met(DailyReport)
    /// The cut-off has passed and nothing was filed.
    case missing
    /// Filed, but after the cut-off: the miss stands (it was overdue at the cut-off).
    case late(DailyReport)

    /// Missing or late.
    public var isOverdue: Bool {
        switch self {
        case .missing, .late: true
        case .pending, .met: false
        }
    }
}

/// A daily report missing at the cut-off: an overdue event for the unit's leader, recorded once (by `key`).
public struct DailyReportOverdue: Hashable, Sendable {
    public var unit: String
    public var day: Day
    public var cutoff: DayMinute
    /// When the report came in after the cut-off, if it has.
    public var filedLate: DayMinute?
    /// Same as the duty's `overdueKey`.
    public var key: String

    /// The text for the leader, in Chinese; unit and day only.
    public var text: String {
        let tail = filedLate.map { "，已于\($0)补报" } ?? "，至今未报"
        return "【敏感时期每日报送逾期】\(unit) \(day)（\(day.chineseWeekday)）的每日信息应于\(cutoff)前报送（零报告亦须报送）\(tail)。"
    }
}
