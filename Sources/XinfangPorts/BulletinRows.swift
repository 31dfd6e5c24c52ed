public import XinfangCore

/// One case as the bulletin reads it from a store: its facts and the columns the measures are
/// computed from, as stored. The application layer maps it to the report's `BulletinCase`; a new
/// measure adds a field here, the query that fills it, and its mapping there.
public struct BulletinCaseRow: Equatable, Sendable {
    public var number: String
    public var unit: String
    public var received: Day
    public var category: PetitionCategory
    public var repeated: Bool
    /// The first `accepted` event's day.
    public var accepted: Day?
    /// The status of the acceptance notice's deadline (D3, else D2), if one is stored.
    public var noticeStatus: DeadlineStatus?
    /// The first `opinion_issued` event's day.
    public var answered: Day?
    /// D6 (the handling period): its due day and status, if stored.
    public var handlingDue: Day?
    public var handlingStatus: DeadlineStatus?
    /// The rating of the last `evaluated` event, if any.
    public var evaluation: Rating?
    /// A review (复查) or recheck (复核) was requested.
    public var reviewRequested: Bool

    public init(number: String, unit: String, received: Day, category: PetitionCategory, repeated: Bool, accepted: Day?,
                noticeStatus: DeadlineStatus?, answered: Day?, handlingDue: Day?, handlingStatus: DeadlineStatus?, evaluation: Rating?,
                reviewRequested: Bool) {
        self.number = number
        self.unit = unit
        self.received = received
        self.category = category
        self.repeated = repeated
        self.accepted = accepted
        self.noticeStatus = noticeStatus
        self.answered = answered
        self.handlingDue = handlingDue
        self.handlingStatus = handlingStatus
        self.evaluation = evaluation
        self.reviewRequested = reviewRequested
    }
}

/// What the bulletin needs from a store.
public protocol BulletinStore: Sendable {
    /// Every case received up to `through` (of one unit, when given), in one pass.
    func bulletinCases(through: Day, unit: String?) throws -> [BulletinCaseRow]
}
