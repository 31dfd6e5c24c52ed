/// A standing reception arrangement (领导接访): one leader receives visitors at one place on days
/// the rule names, from `validFrom` until `validUntil`.
///
/// County-level leaders receive at their assigned town (挂点镇/街道) on the 10th and 20th of each
/// month (`.monthly(days: [10, 20])`); town leaders spend one day a week at their village or
/// community (`.weekly(weekday:)`). The days a rule names are its **nominal** days; a nominal day
/// that is not a working day is moved by the holiday policy (`HolidayShift`). Validity bounds the
/// nominal days: a nominal day inside them is an occurrence even when its shift lands outside.
public struct ReceptionRule: Hashable, Sendable, Identifiable {
    /// How often the rule repeats.
    public enum Recurrence: Hashable, Sendable {
        /// These days of every month (1…31); a day a month lacks (the 31st of April) is skipped that month.
        case monthly(days: [Int])
        /// One ISO weekday every week: 1 = Monday … 7 = Sunday.
        case weekly(weekday: Int)
    }

    /// A unique id, named by exceptions (e.g. `wang-jiazhen`).
    public var id: String
    /// The leader who receives (e.g. 王副县长).
    public var leader: String
    /// Where: the town, street, village or community.
    public var place: String
    /// Which days.
    public var recurrence: Recurrence
    /// The first nominal day the rule can give.
    public var validFrom: Day
    /// The last nominal day the rule can give; nil while it stands.
    public var validUntil: Day?

    /// Makes a rule.
    public init(id: String, leader: String, place: String, recurrence: Recurrence, validFrom: Day, validUntil: Day? = nil) {
        self.id = id
        self.leader = leader
        self.place = place
        self.recurrence = recurrence
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// Whether `day` is one of the rule's nominal days (validity included).
    public func isNominal(_ day: Day) -> Bool {
        guard day >= validFrom, validUntil.map({ day <= $0 }) ?? true else { return false }
        switch recurrence {
        case .monthly(let days): return days.contains(day.civil.day)
        case .weekly(let weekday): return day.isoWeekday == weekday
        }
    }

    /// The rule's nominal days in `from...through`, in order, each once.
    public func nominalDays(from: Day, through: Day) -> [Day] {
        var out: [Day] = []
        forEachNominal(from: from.number, through: through.number) { out.append(Day(number: $0)) }
        return out
    }

    /// Calls `body` with each nominal day number in `lo...hi` (validity applied), in order.
    func forEachNominal(from lo: Int, through hi: Int, _ body: (Int) -> Void) {
        let lo = max(lo, validFrom.number)
        let hi = min(hi, validUntil?.number ?? Int.max)
        guard lo <= hi else { return }
        switch recurrence {
        case .weekly(let weekday):
            guard (1...7).contains(weekday) else { return }
            var n = lo + (weekday - Day(number: lo).isoWeekday + 7) % 7
            while n <= hi {
                body(n)
                n += 7
            }
        case .monthly(let days):
            let wanted = Set(days.filter { (1...31).contains($0) }).sorted()
            guard !wanted.isEmpty else { return }
            var (year, month, _) = Day(number: lo).civil
            while Day.number(year: year, month: month, day: 1) <= hi {
                let length = Day.daysIn(month: month, year: year)
                for d in wanted where d <= length {
                    let n = Day.number(year: year, month: month, day: d)
                    if n > hi { break }
                    if n >= lo { body(n) }
                }
                if month == 12 { year += 1; month = 1 } else { month += 1 }
            }
        }
    }

    /// About how many nominal days lie in `lo...hi`, at least as many as there are (for reserving space).
    func estimatedCount(from lo: Int, through hi: Int) -> Int {
        let lo = max(lo, validFrom.number)
        let hi = min(hi, validUntil?.number ?? Int.max)
        guard lo <= hi else { return 0 }
        switch recurrence {
        case .weekly: return (hi - lo) / 7 + 1
        case .monthly(let days): return days.count * ((hi - lo) / 28 + 2)
        }
    }

    /// What is wrong with the rule itself, one sentence each; empty when it is well formed.
    public var problems: [String] {
        var out: [String] = []
        if id.isEmpty { out.append("a reception rule has an empty id") }
        let name = "reception rule \(id)"
        if leader.isEmpty { out.append("\(name): the leader is empty") }
        if place.isEmpty { out.append("\(name): the place is empty") }
        switch recurrence {
        case .monthly(let days):
            if days.isEmpty { out.append("\(name): a monthly rule names no day") }
            for d in days where !(1...31).contains(d) { out.append("\(name): day \(d) is not a day of a month (1…31)") }
        case .weekly(let weekday):
            if !(1...7).contains(weekday) { out.append("\(name): weekday \(weekday) is not an ISO weekday (1 = Monday … 7 = Sunday)") }
        }
        if let until = validUntil, until < validFrom {
            out.append("\(name): valid until \(until), before it starts on \(validFrom)")
        }
        return out
    }
}

extension ReceptionRule.Recurrence: CustomStringConvertible {
    /// In Chinese: 每月10日、20日 or 每周三.
    public var description: String {
        switch self {
        case .monthly(let days): "每月" + days.map { "\($0)日" }.joined(separator: "、")
        case .weekly(let weekday):
            (1...7).contains(weekday) ? "每" + Day(number: 3 + weekday).chineseWeekday : "每周(\(weekday))"
        }
    }
}

extension ReceptionRule: CustomStringConvertible {
    /// In Chinese: `王副县长 在城关镇接访，每月10日、20日，自2026-01-01起（长期）`.
    public var description: String {
        "\(leader) 在\(place)接访，\(recurrence)，自\(validFrom)起" + (validUntil.map { "至\($0)止" } ?? "（长期）")
    }
}
