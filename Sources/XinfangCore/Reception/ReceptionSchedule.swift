/// Leader reception schedules (领导接访日程), computed from rules, exceptions and the working-day
/// calendar. Pure: no I/O, no clock.
public enum ReceptionSchedule {
    /// Every occurrence held, or due but not held, from `from` through `through` (by the day it is
    /// held, or would have been), sorted by day, then leader (then place, rule and nominal day).
    ///
    /// For each rule, its nominal days are moved by the holiday policy `shift(rule)` when they are not
    /// working days (make-up working days are working days), then the exceptions are applied to the
    /// occurrences they name by nominal day (see `ReceptionException`). An occurrence whose nominal
    /// day lies outside the range is listed when the shift or a move brings it inside.
    ///
    /// Cancelled and skipped occurrences are kept, with their status (callers filter on `isHeld`).
    /// When several held occurrences of one leader at one place land on the same day (two
    /// Wednesdays inside a holiday both moved to the first working day after it), the day is listed
    /// once: the occurrence already on its nominal day stands, or else the one with the earliest
    /// nominal day, and the others are named in its `absorbed`. Occurrences of one leader at two
    /// places on the same day are both listed: that is a conflict for the bureau to resolve.
    ///
    /// Exceptions that name no occurrence, a second exception naming an occurrence already named, and
    /// a swap between two occurrences of one leader are ignored here; `validate` reports them.
    /// Rules with a duplicate id after the first are ignored too. Cost: linear in the number of
    /// occurrences generated, plus the sort.
    public static func occurrences(
        rules: [ReceptionRule], exceptions: [ReceptionException] = [], from: Day, through: Day,
        calendar: WorkingCalendar, shift: (ReceptionRule) -> HolidayShift = { _ in .postpone }
    ) -> [ReceptionOccurrence] {
        guard from <= through, !rules.isEmpty else { return [] }
        // Nominal days that a shift can bring into the range: after the last working day before
        // `from` (earlier ones stay at or before it) and before the first working day after
        // `through` (later ones stay at or after it).
        let lo = calendar.addingWorkingDays(-1, to: from).day.number + 1
        let hi = calendar.addingWorkingDays(1, to: through).day.number - 1

        var index: [String: Int] = [:]
        for (i, rule) in rules.enumerated() where index[rule.id] == nil { index[rule.id] = i }
        let applied = resolve(exceptions, rules: rules, index: index)
        var changes = [[Int: Applied]?](repeating: nil, count: rules.count)
        for (i, byDay) in applied { changes[i] = byDay }
        let policies = rules.map(shift)
        let leaderRank = ranks(rules.map(\.leader))
        let placeRank = ranks(rules.map(\.place))

        // Pass 1: where each occurrence lands, as small sort keys (the full values are built once, in order).
        var slots: [SortKey] = []
        slots.reserveCapacity(rules.reduce(0) { $0 + $1.estimatedCount(from: lo, through: hi) } + exceptions.count)
        func locate(_ i: Int, _ n: Int) {
            var day = n
            var held = true
            let working = calendar.isWorkingDay(Day(number: n))
            if !working {
                if let answer = policies[i].apply(to: Day(number: n), calendar: calendar) { day = answer.day.number } else { held = false }
            }
            var leader = leaderRank[i]
            var preference = working ? 0 : 1
            switch changes[i]?[n] {
            case nil: break
            case .cancel?: held = false
            case .move(let to)?: day = to; held = true; preference = 1
            case .swap(let j, _)?: leader = leaderRank[j]
            }
            guard day >= from.number, day <= through.number else { return }
            slots.append(SortKey(day: day, leader: leader, place: placeRank[i], preference: held ? preference : 2, nominal: n, rule: i))
        }
        for (i, rule) in rules.enumerated() where index[rule.id] == i {
            rule.forEachNominal(from: lo, through: hi) { locate(i, $0) }
        }
        // Occurrences moved into the range from nominal days outside the window.
        for (i, byDay) in applied.sorted(by: { $0.key < $1.key }) {
            for (n, change) in byDay.sorted(by: { $0.key < $1.key }) where n < lo || n > hi {
                if case .move = change { locate(i, n) }
            }
        }
        slots.sort()

        // Pass 2: the occurrences in order; held ones of one leader at one place on one day merge.
        var out: [ReceptionOccurrence] = []
        out.reserveCapacity(slots.count)
        var survivor: (key: SortKey, at: Int)? = nil
        for slot in slots {
            let occurrence = make(rules, slot.rule, slot.nominal, policies[slot.rule], changes[slot.rule]?[slot.nominal], calendar)
            if occurrence.isHeld, let s = survivor, s.key.day == slot.day, s.key.leader == slot.leader, s.key.place == slot.place {
                out[s.at].absorbed.append(occurrence.id)
                continue
            }
            if occurrence.isHeld { survivor = (slot, out.count) }
            out.append(occurrence)
        }
        return out
    }

    /// The occurrence of rule `i` nominally on day `n`: the holiday shift, then the exception.
    static func make(_ rules: [ReceptionRule], _ i: Int, _ n: Int, _ policy: HolidayShift, _ change: Applied?,
                     _ calendar: WorkingCalendar) -> ReceptionOccurrence {
        let nominal = Day(number: n)
        var occurrence = ReceptionOccurrence(
            ruleID: rules[i].id, leader: rules[i].leader, place: rules[i].place, nominalDay: nominal, day: nominal,
            provisional: !calendar.covers(nominal))
        if !calendar.isWorkingDay(nominal) {
            let answer = policy.apply(to: nominal, calendar: calendar)
            occurrence.holiday = .init(restDay: calendar.restDayName(of: nominal) ?? "", shift: policy, to: answer?.day)
            if let answer {
                occurrence.day = answer.day
                occurrence.provisional = answer.provisional
            } else {
                occurrence.status = .skipped
            }
        }
        switch change {
        case nil: break
        case .cancel: occurrence.status = .cancelled
        case .move(let to):
            occurrence.day = Day(number: to)
            occurrence.status = .moved
            occurrence.provisional = false
        case .swap(let j, let otherDay):
            occurrence.leader = rules[j].leader
            occurrence.swappedFor = .init(ruleID: rules[j].id, nominalDay: Day(number: otherDay))
            if occurrence.status != .skipped { occurrence.status = .swapped(with: rules[i].leader) }
        }
        return occurrence
    }

    /// An exception as it applies to one occurrence (days as day numbers, rules as indices).
    enum Applied {
        case cancel
        case move(to: Int)
        case swap(other: Int, otherDay: Int)
    }

    /// The exceptions that name existing occurrences, by rule index and nominal day number; the first
    /// exception naming an occurrence wins, and a swap needs both its occurrences free.
    static func resolve(_ exceptions: [ReceptionException], rules: [ReceptionRule], index: [String: Int]) -> [Int: [Int: Applied]] {
        var applied: [Int: [Int: Applied]] = [:]
        func rule(_ id: String, _ day: Day) -> Int? {
            guard let i = index[id], rules[i].isNominal(day), applied[i]?[day.number] == nil else { return nil }
            return i
        }
        for exception in exceptions {
            switch exception {
            case .cancel(let id, let day):
                if let i = rule(id, day) { applied[i, default: [:]][day.number] = .cancel }
            case .move(let id, let day, let to):
                if let i = rule(id, day) { applied[i, default: [:]][day.number] = .move(to: to.number) }
            case .swap(let id, let day, let otherID, let otherDay):
                guard let i = rule(id, day), let j = rule(otherID, otherDay), rules[i].leader != rules[j].leader else { continue }
                applied[i, default: [:]][day.number] = .swap(other: j, otherDay: otherDay.number)
                applied[j, default: [:]][otherDay.number] = .swap(other: i, otherDay: day.number)
            }
        }
        return applied
    }

    /// Each string's position among the distinct strings in `<` order.
    static func ranks(_ names: [String]) -> [Int] {
        let order = Dictionary(Set(names).sorted().enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return names.map { order[$0]! }
    }

    /// Orders occurrences: day, leader, place, then the one that stands before those it absorbs.
    struct SortKey: Comparable {
        var day: Int
        var leader: Int
        var place: Int
        var preference: Int
        var nominal: Int
        var rule: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.day, a.leader, a.place, a.preference, a.nominal, a.rule) < (b.day, b.leader, b.place, b.preference, b.nominal, b.rule)
        }
    }
}
