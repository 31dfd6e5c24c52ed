#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import XinfangCore

/// The single pass behind `Bulletin.compute`: one `BulletinFigures` per unit and month in a flat
/// array, units found through a dictionary (and the previous case's unit, for input sorted by unit).
struct BulletinCounter {
    let months: [BulletinMonth]
    let unitFilter: String?
    private let first: Int
    private let last: Int
    /// The month index of every day of the period.
    private let monthOfDay: [Int32]
    /// The last day of each month inside the period: stocks are counted at its end.
    private let monthEnds: [Int]
    private var unitIndex: [UnitKey: Int] = [:]
    private var names: [String] = []
    /// Unit-major: the figures of unit u, month m at u × months.count + m.
    private var tallies: [BulletinFigures] = []
    private var previousUnit = ""
    private var previousBase = -1

    init(months: [BulletinMonth], unit: String?) {
        self.months = months
        self.unitFilter = unit
        first = months.first?.first.number ?? 0
        last = months.last?.last.number ?? -1
        var monthOfDay = [Int32](repeating: 0, count: max(0, last - first + 1))
        for (index, month) in months.enumerated() {
            for n in month.first.number...month.last.number { monthOfDay[n - first] = Int32(index) }
        }
        self.monthOfDay = monthOfDay
        monthEnds = months.map(\.last.number)
        if let unit { _ = base(of: unit) }
    }

    /// The index of the first figures of `unit`, adding the unit when new.
    private mutating func base(of unit: String) -> Int {
        if previousBase >= 0 && UnitKey.same(unit, previousUnit) { return previousBase }
        let base: Int
        if let known = unitIndex[UnitKey(unit)] {
            base = known * months.count
        } else {
            unitIndex[UnitKey(unit)] = names.count
            base = names.count * months.count
            names.append(unit)
            tallies.append(contentsOf: repeatElement(BulletinFigures(), count: months.count))
        }
        previousUnit = unit
        previousBase = base
        return base
    }

    /// The month index of day number `n`, or nil outside the period.
    @inline(__always) private func month(_ n: Int) -> Int? {
        n >= first && n <= last ? Int(monthOfDay[n &- first]) : nil
    }

    /// Counts one case (see `Bulletin.compute` for which month each count goes to).
    mutating func count(_ c: BulletinCase) {
        if let unitFilter, !UnitKey.same(c.unit, unitFilter) { return }
        let base = base(of: c.unit)
        if let m = month(c.received.number) {
            tallies[base + m].received += 1
            if c.repeated { tallies[base + m].repeated += 1 }
        }
        // Days after the period end have not happened yet for this bulletin; only accepted cases
        // are answered.
        guard let acceptedDay = c.accepted, acceptedDay.number <= last else { return }
        let accepted = acceptedDay.number
        let answered = c.answered.flatMap { $0.number <= last ? $0.number : nil }
        if let m = month(accepted) {
            tallies[base + m].accepted += 1
            if c.acceptedInTime { tallies[base + m].acceptedInTime += 1 }
            let repeatedLater = c.firstRepeatReceived.map { $0.number <= last } ?? false
            if answered != nil && !c.repeated && !c.reviewRequested && !repeatedLater { tallies[base + m].resolvedOnce += 1 }
        }
        if let answered, let m = month(answered) {
            tallies[base + m].answered += 1
            if c.answeredOnTime { tallies[base + m].answeredOnTime += 1 }
            if let rating = c.evaluation {
                tallies[base + m].evaluated += 1
                if rating != .dissatisfied { tallies[base + m].satisfied += 1 }
            } else if c.evaluationOverdue {
                tallies[base + m].evaluationOverdue += 1
            }
        }
        // In hand at the ends of months [start, end): accepted by then and not answered by then.
        let start = accepted < first ? 0 : month(accepted) ?? months.count
        let end = answered.map { $0 < first ? 0 : month($0) ?? months.count } ?? months.count
        guard start < end else { return }
        let due = c.handlingDue?.number ?? Int.max
        for m in start..<end {
            tallies[base + m].pending += 1
            if monthEnds[m] > due { tallies[base + m].overdue += 1 }
        }
    }

    /// The bulletin of what was counted: units sorted by name, 合计 summed over them.
    func bulletin(from: Day, through: Day) -> Bulletin {
        let monthCount = months.count
        var units: [BulletinUnit] = []
        units.reserveCapacity(names.count)
        var totalMonths = [BulletinFigures](repeating: BulletinFigures(), count: monthCount)
        for (index, name) in names.enumerated() {
            let slice = Array(tallies[index * monthCount ..< (index + 1) * monthCount])
            var period = BulletinFigures()
            for (m, figures) in slice.enumerated() {
                period.accumulate(later: figures)
                totalMonths[m].add(figures)
            }
            units.append(BulletinUnit(unit: name, months: slice, period: period))
        }
        units.sort { $0.unit < $1.unit }
        var totalPeriod = BulletinFigures()
        for figures in totalMonths { totalPeriod.accumulate(later: figures) }
        return Bulletin(
            from: from, through: through, unitFilter: unitFilter, months: months, units: units,
            total: BulletinUnit(unit: Bulletin.totalName, months: totalMonths, period: totalPeriod))
    }
}

/// A unit name as the store keys it: by its exact UTF-8 bytes (SQLite compares TEXT so), hashed
/// without the Unicode normalization `String` hashing does, which would dominate the pass.
struct UnitKey: Hashable {
    let name: String

    init(_ name: String) { self.name = name }

    func hash(into hasher: inout Hasher) {
        let done: Void? = name.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in name.utf8 { hasher.combine(byte) }
        }
    }

    static func == (lhs: UnitKey, rhs: UnitKey) -> Bool { same(lhs.name, rhs.name) }

    /// Byte equality of two names.
    static func same(_ a: String, _ b: String) -> Bool {
        let fast: Bool? = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                guard x.count == y.count else { return false }
                guard let p = x.baseAddress, let q = y.baseAddress, p != q else { return true }
                return memcmp(p, q, x.count) == 0
            }
        } ?? nil
        return fast ?? a.utf8.elementsEqual(b.utf8)
    }
}
