/// What a bulletin counts for one unit (or all) in one month (or the whole period): the cases by
/// status and the components of every measure.
///
/// Flows count the cases whose day falls in the month: `received` by the day received, `accepted`
/// by the day accepted, `answered` by the day answered (see `MeasureKind` for each measure).
/// Stocks are as of the end of the month's last day inside the period (for the whole period, of
/// `through`): `pending` and `overdue`. Days after the period end do not exist for a bulletin.
public struct BulletinFigures: Equatable, Sendable {
    // One stored count per figure, each with its 件数 label: a list that reads like the bulletin's table.
    /// 收到件数: received in the month.
    public var received = 0
    /// 重复信访件数: of those received, repeated petitions.
    public var repeated = 0
    /// 受理件数: accepted in the month.
    public var accepted = 0
    /// 按期受理件数: of those accepted, not late (D2/D3 not missed).
    public var acceptedInTime = 0
    /// 一次性化解件数: of those accepted, answered by the period end, not repeated, no 复查/复核.
    public var resolvedOnce = 0
    /// 办结件数: answered in the month.
    public var answered = 0
    /// 按期办结件数: of those answered, not late (D6 not missed).
    public var answeredOnTime = 0
    /// 已评价件数: of those answered, evaluated.
    public var evaluated = 0
    /// 满意件数 + 基本满意件数: of those evaluated, 满意 or 基本满意.
    public var satisfied = 0
    /// 逾期未评价件数: of those answered, not evaluated in time.
    public var evaluationOverdue = 0
    /// 在办件数: accepted and not answered, at the month's end.
    public var pending = 0
    /// 超期未办结件数: of those pending, past the handling due day at the month's end.
    public var overdue = 0

    /// All counts zero.
    public init() {}

    /// One measure, from the counts.
    public subscript(kind: MeasureKind) -> Measure {
        switch kind {
        case .timelyAcceptance: Measure(kind: kind, numerator: acceptedInTime, denominator: accepted)
        case .onTimeAnswer: Measure(kind: kind, numerator: answeredOnTime, denominator: answered)
        case .onTimeAnswerWithOverdue: Measure(kind: kind, numerator: answeredOnTime, denominator: answered + overdue)
        case .participation: Measure(kind: kind, numerator: evaluated, denominator: evaluated + evaluationOverdue)
        case .satisfaction: Measure(kind: kind, numerator: satisfied, denominator: evaluated)
        case .repeatRate: Measure(kind: kind, numerator: repeated, denominator: received)
        case .firstTimeResolution: Measure(kind: kind, numerator: resolvedOnce, denominator: accepted)
        }
    }

    /// Every measure, in `MeasureKind` order.
    public var measures: [Measure] { MeasureKind.allCases.map { self[$0] } }

    /// Adds the flows of `other` (a later month) and takes its stocks, which are as of a later day.
    mutating func accumulate(later other: BulletinFigures) {
        add(other)
        pending = other.pending
        overdue = other.overdue
    }

    /// Adds everything of `other` (another unit, same month).
    mutating func add(_ other: BulletinFigures) {
        received += other.received
        repeated += other.repeated
        accepted += other.accepted
        acceptedInTime += other.acceptedInTime
        resolvedOnce += other.resolvedOnce
        answered += other.answered
        answeredOnTime += other.answeredOnTime
        evaluated += other.evaluated
        satisfied += other.satisfied
        evaluationOverdue += other.evaluationOverdue
        pending += other.pending
        overdue += other.overdue
    }
}
