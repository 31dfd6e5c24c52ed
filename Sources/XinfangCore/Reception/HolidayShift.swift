/// What happens to a reception whose nominal day is not a working day (a holiday or a rest day).
///
/// Make-up working days (调休上班) are working days, so a reception on one stays where it is.
public enum HolidayShift: String, Hashable, Sendable, Codable, CaseIterable {
    /// 顺延: held on the next working day (the default).
    case postpone = "顺延"
    /// 提前: held on the previous working day.
    case advance = "提前"
    /// Not held that time.
    case skip = "skip"

    /// The day a reception nominally on `day` is held: `day` itself when it is a working day,
    /// otherwise the next (`postpone`) or previous (`advance`) working day; nil when `skip` drops it.
    /// The answer is provisional when the calendar lacks data for `day` or a day between it and the
    /// answer.
    @inlinable public func apply(to day: Day, calendar: WorkingCalendar) -> CalendarAnswer? {
        if calendar.isWorkingDay(day) { return CalendarAnswer(day: day, provisional: !calendar.covers(day)) }
        switch self {
        case .postpone:
            return calendar.workingDay(onOrAfter: day)
        case .advance:
            let answer = calendar.addingWorkingDays(-1, to: day)
            return CalendarAnswer(day: answer.day, provisional: answer.provisional || !calendar.covers(day))
        case .skip:
            return nil
        }
    }
}

extension WorkingCalendar {
    /// Why `day` is not a working day, in the words a notice uses: the holiday's name (春节,
    /// 国庆节、中秋节) or the weekday of a plain rest day (周六, 周日); nil for a working day.
    public func restDayName(of day: Day) -> String? {
        guard !isWorkingDay(day) else { return nil }
        if case .holiday(let name)? = label(of: day) { return name }
        return day.chineseWeekday
    }
}
