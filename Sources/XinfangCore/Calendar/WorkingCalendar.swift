/// A working-day calendar: which days are working days, answered in constant time.
///
/// Inside the years it has data for, a day is a working day when it is a weekday that is not a
/// holiday, or a make-up working day (调休上班). Outside them, only Saturdays and Sundays rest, and
/// every answer that depends on such a day is marked **provisional**.
///
/// All queries are O(1): the calendar keeps, for each covered day, the running count of working
/// days (a prefix sum) and the list of working days in order, and counts weekdays outside the
/// covered years by arithmetic. No query walks day by day.
public struct WorkingCalendar: Sendable {
    /// The calendar's name (e.g. `cn`).
    public let id: String
    /// The years with data, first to last, contiguous.
    public let years: ClosedRange<Int>?
    /// The notices the years come from, by year.
    public let notices: [Int: String]

    @usableFromInline let first: Int          // first covered day number
    @usableFromInline let last: Int           // last covered day number
    @usableFromInline let working: [Bool]     // per covered day
    @usableFromInline let prefix: [Int32]     // prefix[i] = working days among the first i covered days
    @usableFromInline let workingOffsets: [Int32]  // offsets (from `first`) of covered working days, in order
    @usableFromInline let weekdaysBefore: Int // weekdayCount(first - 1)
    let labels: [Int32]                       // per covered day: +k holiday names[k-1], -k make-up for names[k-1], 0 none
    let names: [String]

    /// A calendar with no data: weekends only, every answer provisional.
    public init(weekendsOnly id: String) {
        self.id = id
        self.years = nil
        self.notices = [:]
        self.first = 1
        self.last = 0
        self.working = []
        self.prefix = [0]
        self.workingOffsets = []
        self.weekdaysBefore = WorkingCalendar.weekdayCount(0)
        self.labels = []
        self.names = []
    }

    /// Builds a calendar from validated years. Throws when a year is invalid, repeated, or the years
    /// leave a gap (a gap would silently be treated as weekends only).
    public init(id: String, years input: [CalendarYear]) throws(InputErrors) {
        let sorted = input.sorted { $0.year < $1.year }
        var errors = sorted.flatMap { $0.validate() }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.year != a.year + 1 {
            let reason = b.year == a.year ? "year \(b.year) is given twice (also in \(a.source))" : "years \(a.year + 1)…\(b.year - 1) are missing"
            errors.append(InputError(file: b.source, field: "year", reason: reason))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        guard let firstYear = sorted.first?.year, let lastYear = sorted.last?.year else {
            self = WorkingCalendar(weekendsOnly: id)
            return
        }
        let first = Day.number(year: firstYear, month: 1, day: 1)
        let last = Day.number(year: lastYear, month: 12, day: 31)
        let count = last - first + 1
        var working = [Bool](repeating: false, count: count)
        for i in 0..<count { working[i] = !Day(number: first + i).isWeekend }
        var labels = [Int32](repeating: 0, count: count)
        var names: [String] = []
        var nameIndex: [String: Int32] = [:]
        func label(_ name: String) -> Int32 {
            if let k = nameIndex[name] { return k }
            names.append(name)
            nameIndex[name] = Int32(names.count)
            return Int32(names.count)
        }
        for year in sorted {
            for holiday in year.holidays {
                let k = label(holiday.name)
                for n in holiday.from.number...holiday.to.number {
                    working[n - first] = false
                    labels[n - first] = k
                }
            }
            for makeup in year.makeupDays {
                working[makeup.date.number - first] = true
                labels[makeup.date.number - first] = -label(makeup.holiday)
            }
        }
        var prefix = [Int32](repeating: 0, count: count + 1)
        var offsets: [Int32] = []
        offsets.reserveCapacity(count)
        for i in 0..<count {
            prefix[i + 1] = prefix[i] + (working[i] ? 1 : 0)
            if working[i] { offsets.append(Int32(i)) }
        }
        self.id = id
        self.years = firstYear...lastYear
        self.notices = Dictionary(uniqueKeysWithValues: sorted.map { ($0.year, $0.notice) })
        self.first = first
        self.last = last
        self.working = working
        self.prefix = prefix
        self.workingOffsets = offsets
        self.weekdaysBefore = WorkingCalendar.weekdayCount(first - 1)
        self.labels = labels
        self.names = names
    }
}

// MARK: - Queries

/// A day computed with a calendar, and whether the calendar had data for every day it depended on.
public struct CalendarAnswer: Hashable, Sendable {
    public var day: Day
    /// True when some day the answer depends on lies outside the calendar's years: it was computed
    /// with weekends only and may move when that year's notice is loaded.
    public var provisional: Bool

    @inlinable public init(day: Day, provisional: Bool) {
        self.day = day
        self.provisional = provisional
    }
}

extension WorkingCalendar {
    /// The first day of the covered years, if any.
    public var firstCoveredDay: Day? { years == nil ? nil : Day(number: first) }
    /// The last day of the covered years, if any.
    public var lastCoveredDay: Day? { years == nil ? nil : Day(number: last) }

    /// Whether the calendar has data for `day`.
    @inlinable public func covers(_ day: Day) -> Bool { day.number >= first && day.number <= last }

    /// Whether the calendar has data for every day from `a` to `b`.
    @inlinable func covers(_ a: Int, through b: Int) -> Bool { a >= first && b <= last }

    /// Whether `day` is a working day (make-up working days included).
    @inlinable public func isWorkingDay(_ day: Day) -> Bool {
        let n = day.number
        if n >= first && n <= last { return working[n - first] }
        return !day.isWeekend
    }

    /// The `n`-th working day after `start` (the start day is not counted); for negative `n`, the
    /// `|n|`-th working day before it. `n == 0` answers `start` itself.
    @inlinable public func addingWorkingDays(_ n: Int, to start: Day) -> CalendarAnswer {
        if n == 0 { return CalendarAnswer(day: start, provisional: !covers(start)) }
        let day: Int
        if n > 0 {
            day = dayWithCount(count(through: start.number) + n)
            return CalendarAnswer(day: Day(number: day), provisional: !covers(start.number + 1, through: day))
        } else {
            day = dayWithCount(count(through: start.number - 1) + n + 1)
            return CalendarAnswer(day: Day(number: day), provisional: !covers(day, through: start.number - 1))
        }
    }

    /// `start` plus `n` calendar days; when `rollForward` is set and that day is not a working day,
    /// the next working day after it (《民法典》第203条 by analogy: a period ending on a rest day ends
    /// on the next working day).
    @inlinable public func addingCalendarDays(_ n: Int, to start: Day, rollForward: Bool = true) -> CalendarAnswer {
        let end = start.number + n
        guard rollForward else { return CalendarAnswer(day: Day(number: end), provisional: false) }
        let day = dayWithCount(count(through: end - 1) + 1)
        return CalendarAnswer(day: Day(number: day), provisional: !covers(end, through: day))
    }

    /// `day` itself when it is a working day, otherwise the next working day.
    @inlinable public func workingDay(onOrAfter day: Day) -> CalendarAnswer {
        addingCalendarDays(0, to: day, rollForward: true)
    }

    /// Working days in `from...to`, both included (0 when `to < from`).
    @inlinable public func workingDays(from: Day, through to: Day) -> Int {
        guard to >= from else { return 0 }
        return count(through: to.number) - count(through: from.number - 1)
    }

    /// Working days in `(from, to]`: how many working days lie after `from` up to and including `to`.
    @inlinable public func workingDays(after from: Day, through to: Day) -> Int {
        count(through: to.number) - count(through: from.number)
    }

    // The running count of working days, W(n): W(n) - W(n-1) is 1 exactly when day n is a working
    // day. Weekday counting outside the covered years; the prefix table inside.
    @inlinable func count(through n: Int) -> Int {
        if n < first { return WorkingCalendar.weekdayCount(n) }
        if n <= last { return weekdaysBefore + Int(prefix[n - first + 1]) }
        return weekdaysBefore + Int(prefix[prefix.count - 1]) + WorkingCalendar.weekdayCount(n) - WorkingCalendar.weekdayCount(last)
    }

    // The smallest day n with W(n) == k: the working day at which the count reaches k.
    @inlinable func dayWithCount(_ k: Int) -> Int {
        let inside = k - weekdaysBefore
        if inside <= 0 { return WorkingCalendar.weekday(withCount: k) }
        if inside <= workingOffsets.count { return first + Int(workingOffsets[inside - 1]) }
        let beyond = inside - workingOffsets.count
        return WorkingCalendar.weekday(withCount: WorkingCalendar.weekdayCount(last) + beyond)
    }

    // Monday 1970-01-05 anchors the weekday arithmetic.
    @usableFromInline static let monday = 4

    // Weekdays (Mon–Fri) counted so that C(n) - C(n-1) is 1 exactly when n is a weekday.
    @inlinable static func weekdayCount(_ n: Int) -> Int {
        let m = n - monday
        let weeks = m >= 0 ? m / 7 : (m - 6) / 7
        let r = m - weeks * 7
        return weeks * 5 + min(r + 1, 5)
    }

    // The weekday n with C(n) == k and C(n-1) == k - 1.
    @inlinable static func weekday(withCount k: Int) -> Int {
        let j = k - 1
        let weeks = j >= 0 ? j / 5 : (j - 4) / 5
        return monday + weeks * 7 + (j - weeks * 5)
    }
}

// MARK: - Explanations (not for hot paths)

/// What a calendar says about one day, for explanations.
public enum DayLabel: Equatable, Sendable {
    case holiday(String)
    case makeupWorkday(String)
}

extension WorkingCalendar {
    /// The holiday or make-up label of a covered day, if any.
    public func label(of day: Day) -> DayLabel? {
        guard covers(day) else { return nil }
        let k = labels[day.number - first]
        if k > 0 { return .holiday(names[Int(k) - 1]) }
        if k < 0 { return .makeupWorkday(names[Int(-k) - 1]) }
        return nil
    }

    /// The holiday runs that overlap `from...to`, as (name, first day, last day) clipped to the range.
    public func holidays(from: Day, through to: Day) -> [(name: String, from: Day, to: Day)] {
        let lo = max(from.number, first), hi = min(to.number, last)
        guard lo <= hi else { return [] }
        var runs: [(name: String, from: Day, to: Day)] = []
        for n in lo...hi {
            guard case .holiday(let name)? = label(of: Day(number: n)) else { continue }
            if let lastRun = runs.last, lastRun.name == name, lastRun.to.number == n - 1 {
                runs[runs.count - 1].to = Day(number: n)
            } else {
                runs.append((name, Day(number: n), Day(number: n)))
            }
        }
        return runs
    }
}
