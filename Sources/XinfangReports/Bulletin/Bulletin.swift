public import XinfangCore

/// A calendar month of a bulletin, cut to the bulletin's period.
public struct BulletinMonth: Hashable, Sendable {
    /// The calendar year.
    public var year: Int
    /// The calendar month, 1…12.
    public var month: Int
    /// The first day of the month inside the period.
    public var first: Day
    /// The last day of the month inside the period: stocks (在办, 超期) are as of its end.
    public var last: Day

    /// "2026-01".
    public var label: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(m)"
    }
}

/// One unit's figures, month by month and for the whole period.
public struct BulletinUnit: Equatable, Sendable {
    /// The unit's name; `Bulletin.totalName` for the sum of all units.
    public var unit: String
    /// Parallel to `Bulletin.months`.
    public var months: [BulletinFigures]
    /// The whole period: flows summed over the months, stocks as of `through`.
    public var period: BulletinFigures
}

/// A bulletin (通报) over a period: per unit and in total, per month, the cases by status and the
/// measures (docs/domain.md#measures). Pure; render it with `markdown()`, `csv()` or `html()`.
public struct Bulletin: Equatable, Sendable {
    /// The name of the all-units row, and the label of the whole-period column.
    public static let totalName = "合计"
    /// The label of the whole-period column.
    public static let periodLabel = "全期"

    /// The first day of the period.
    public var from: Day
    /// The last day of the period; nothing after it is seen.
    public var through: Day
    /// The unit asked for, when the bulletin is of one unit.
    public var unitFilter: String?
    /// The calendar months the period touches, in order; empty when `through` < `from`.
    public var months: [BulletinMonth]
    /// The units with cases (or the filtered unit, even without any), sorted by name.
    public var units: [BulletinUnit]
    /// All units together (equal to the one unit when filtered).
    public var total: BulletinUnit

    /// Counts `cases` for the period `from`…`through` (both included), of one unit when `unit` is
    /// given. One pass, no string built per case.
    ///
    /// Which month a case counts in (the same for every measure that uses the day; see `MeasureKind`):
    /// - by the day **received**: 收到件数, 重复信访率;
    /// - by the day **accepted**: 受理件数, 及时受理率, 一次性化解率;
    /// - by the day **answered**: 办结件数, 按期办结率, 参评率, 满意率;
    /// - at the **end of each month** (for 全期: the end of `through`): 在办 and 超期 (stocks), so a case
    ///   accepted before `from` and still in hand counts as pending.
    /// A day after `through` is treated as not yet happened. Pass every case that may be in hand
    /// during the period (the store: all cases received by `through`); others are skipped. `unit`
    /// matches a case's unit by its exact UTF-8 bytes, as the store keys units; units are sorted by
    /// `String` order.
    public static func compute(cases: some Sequence<BulletinCase>, from: Day, through: Day, unit: String?) -> Bulletin {
        var counter = BulletinCounter(months: months(from: from, through: through), unit: unit)
        if !counter.months.isEmpty {
            // An array (the usual input) is read in place, without copying each case out.
            if let array = cases as? [BulletinCase] {
                array.withUnsafeBufferPointer { buffer in
                    for index in buffer.indices { counter.count(buffer[index]) }
                }
            } else {
                for c in cases { counter.count(c) }
            }
        }
        return counter.bulletin(from: from, through: through)
    }

    /// The calendar months from `from` to `through`, each cut to the period.
    static func months(from: Day, through: Day) -> [BulletinMonth] {
        guard from <= through else { return [] }
        var result: [BulletinMonth] = []
        var (year, month, _) = from.civil
        var start = from
        while start <= through {
            let monthEnd = Day(number: Day.number(year: year, month: month, day: Day.daysIn(month: month, year: year)))
            result.append(BulletinMonth(year: year, month: month, first: start, last: min(monthEnd, through)))
            start = monthEnd.adding(days: 1)
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return result
    }
}
