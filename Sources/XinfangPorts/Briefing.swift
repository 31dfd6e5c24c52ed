public import XinfangCore

/// A leader's deputy (代理人): standing (no dates) for unacknowledged reminders, or for an absence.
public struct DeputyAssignment: Equatable, Sendable, Codable {
    public var leader: String
    public var deputy: String
    public var from: Day?
    public var until: Day?
    /// The deputy's mail address, when read from the store.
    public var deputyAddress: String?

    public init(leader: String, deputy: String, from: Day? = nil, until: Day? = nil, deputyAddress: String? = nil) {
        self.leader = leader
        self.deputy = deputy
        self.from = from
        self.until = until
        self.deputyAddress = deputyAddress
    }

    /// Whether it covers `day` (a standing assignment covers every day).
    public func covers(_ day: Day) -> Bool { (from.map { $0 <= day } ?? true) && (until.map { day <= $0 } ?? true) }
    /// An absence: an assignment with dates.
    public var isAbsence: Bool { from != nil || until != nil }
}

/// An open case as a briefing lists it: number, category, short title, next due deadline.
public struct BriefingCase: Equatable, Sendable, Codable {
    public var number: String
    public var category: String
    public var title: String?
    public var unit: String
    public var place: String?
    public var leader: String?
    public var nextKind: String?
    public var nextDue: Day?
    /// The day the next deadline's clock started, and its period in calendar days (for reminder lead times).
    public var nextStart: Day?
    public var nextPeriodDays: Int?

    public init(number: String, category: String, title: String?, unit: String, place: String?, leader: String?, nextKind: String?, nextDue: Day?,
                nextStart: Day? = nil, nextPeriodDays: Int? = nil) {
        self.nextStart = nextStart
        self.nextPeriodDays = nextPeriodDays
        self.number = number
        self.category = category
        self.title = title
        self.unit = unit
        self.place = place
        self.leader = leader
        self.nextKind = nextKind
        self.nextDue = nextDue
    }
}

/// What a timer's reminder says about a set of open cases (a leader's, a place's, or all): how many,
/// how many overdue (next deadline before the day) and due within the week, and the first of each
/// listing — never every case. Read through indexes on each open case's next deadline.
public struct Briefing: Equatable, Sendable {
    public var openCount = 0
    public var overdueCount = 0
    /// Next deadline on the day or in the 7 days after it.
    public var dueSoonCount = 0
    /// Earliest next deadline first (cases with none last), at most the limit asked for.
    public var cases: [BriefingCase] = []
    public var overdue: [BriefingCase] = []
    public var dueSoon: [BriefingCase] = []
    /// Lowest case numbers first (the longest in hand), for the dispatch meeting's agenda: read for
    /// the whole store only (a leader's or a place's would mean sorting all of them by number).
    public var oldest: [BriefingCase] = []

    public init() {}
}
