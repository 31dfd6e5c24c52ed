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
    public var accepted: Day? = nil
    /// The status of the acceptance notice's deadline (D3, else D2), if one is stored.
    public var noticeStatus: DeadlineStatus? = nil
    /// The first `opinion_issued` event's day.
    public var answered: Day? = nil
    /// D6 (the handling period): its due day and status, if stored.
    public var handlingDue: Day? = nil
    public var handlingStatus: DeadlineStatus? = nil
    /// The rating of the last `evaluated` event, if any.
    public var evaluation: Rating? = nil
    /// A review (复查) or recheck (复核) was requested.
    public var reviewRequested = false
    /// The first case of the same matter, when this case is a linked repeat (重件, v11).
    public var repeatOf: String? = nil
    /// The day the first linked repeat of this case was received, when it has one.
    public var firstRepeatReceived: Day? = nil
    /// The first `opinion_received` and `not_accepted` events' days, and the first `evaluated`
    /// event's day: where the evaluation window opens and whether it was kept.
    public var opinionReceived: Day? = nil
    public var notAccepted: Day? = nil
    public var evaluatedOn: Day? = nil

    /// A case received and nothing more; a store fills in the rest field by field, so that a new
    /// column is one field with its default here and one assignment in each store.
    public init(number: String, unit: String, received: Day, category: PetitionCategory, repeated: Bool) {
        self.number = number
        self.unit = unit
        self.received = received
        self.category = category
        self.repeated = repeated
    }
}

/// What the bulletin needs from a store.
public protocol BulletinStore: Sendable {
    /// Every case received up to `through` (of one unit, when given), in one pass.
    func bulletinCases(through: Day, unit: String?) throws -> [BulletinCaseRow]
}
