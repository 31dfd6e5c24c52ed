/// A duty of the bureau that recurs on the calendar: the half-monthly dispatch meeting on backlog
/// cases (半月调度会), the monthly leaders' meeting, the bimonthly bulletin (通报)
/// (docs/domain.md#recurring-duties).
public struct RecurringDuty: Hashable, Sendable {
    public enum Every: String, CaseIterable, Sendable {
        /// The 1st and the 16th of every month.
        case halfMonth = "half-month"
        /// `day` of every month.
        case month
        /// `day` of every odd month (January, March, …).
        case twoMonths = "two-months"
    }

    public enum Kind: String, CaseIterable, Sendable {
        /// A meeting: a reminder on the morning of the day.
        case meeting
        /// The backlog dispatch meeting: the reminder carries an agenda of overdue and oldest open cases.
        case dispatch
        /// The bulletin: the reminder says which period to report and how.
        case bulletin
    }

    public var name: String
    public var every: Every
    /// Day of the month (1…28) for `month` and `twoMonths`.
    public var day: Int
    public var kind: Kind
    /// Units or leaders reminded, by name.
    public var to: [String]

    public init(name: String, every: Every, day: Int = 1, kind: Kind = .meeting, to: [String]) {
        self.name = name
        self.every = every
        self.day = day
        self.kind = kind
        self.to = to
    }

    /// Whether the duty falls on `date`.
    public func falls(on date: Day) -> Bool {
        let (_, month, d) = date.civil
        switch every {
        case .halfMonth: return d == 1 || d == 16
        case .month: return d == day
        case .twoMonths: return d == day && month % 2 == 1
        }
    }

    /// The next day on or after `from` the duty falls on (at most about two months ahead).
    public func next(onOrAfter from: Day) -> Day {
        var date = from
        while !falls(on: date) { date = date.adding(days: 1) }
        return date
    }
}
