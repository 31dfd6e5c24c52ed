/// The period a bimonthly bulletin (信访工作通报) covers: the two calendar months before the month
/// it is written in (written on 2026-03-02: 2026-01-01 … 2026-02-28).
public struct BulletinPeriod: Equatable, Sendable {
    public var first: Day
    public var last: Day

    /// The two months before `day`'s month.
    public init(writtenOn day: Day) {
        let (year, month, _) = day.civil
        let end = Day(year: year, month: month, day: 1)!.adding(days: -1)
        let (ey, em, _) = end.civil
        first = Day(year: em == 1 ? ey - 1 : ey, month: em == 1 ? 12 : em - 1, day: 1)!
        last = end
    }
}
