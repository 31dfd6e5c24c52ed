public import XinfangCore

/// One case as a bulletin (通报) sees it: a flat row of days and flags, no events, no personal data.
///
/// Every field is a column the store can read in one pass over `cases` joined with `deadlines`
/// (the D6 row carries acceptance, answer and due day; D2/D3 and D9/D11 rows carry the rest) and the
/// case's `evaluated` event. A sketch, one row per case:
///
/// ```sql
/// SELECT c.number, c.unit, c.received, c.category, c.repeated,
///        MAX(CASE WHEN d.kind = 'D6' THEN d.start END)                            AS accepted,
///        NOT MAX(d.kind IN ('D2', 'D3') AND d.status = 'missed')                  AS accepted_in_time,
///        MAX(CASE WHEN d.kind = 'D6' THEN d.fulfilled END)                        AS answered,
///        NOT MAX(d.kind = 'D6' AND d.status = 'missed')                           AS answered_on_time,
///        MAX(CASE WHEN d.kind = 'D6' THEN d.due END)                              AS handling_due,
///        MAX(d.kind IN ('D9', 'D11'))                                             AS review_requested,
///        (SELECT e.data FROM events e WHERE e.case_number = c.number AND e.type = 'evaluated') AS evaluation
/// FROM cases c LEFT JOIN deadlines d ON d.case_number = c.number
/// GROUP BY c.number ORDER BY c.unit
/// ```
///
/// Days after the bulletin's period end are ignored by `Bulletin.compute`: a case answered after
/// `through` is still pending in that bulletin, so one query serves bulletins of past periods too
/// (except the two flags without a day, `evaluationOverdue` and `reviewRequested`, which are as of
/// the query).
public struct BulletinCase: Equatable, Sendable {
    /// The case number (XF-2026-000123); reports never show personal data.
    public var number: String
    /// The unit that handles the case; bulletins group by it.
    public var unit: String
    /// The day the petition was received (收到). Counts in 收到件数 and 重复信访率 of its month.
    public var received: Day
    /// The category (条例2022 第29–31条); carried for breakdowns, not used by the measures.
    public var category: PetitionCategory
    /// A repeated petition on a matter already handled (重复信访): counts in 重复信访率, and such a
    /// case is never 一次性化解 (it is not a first handling).
    public var repeated: Bool
    /// The day the case was accepted (受理, the start of D6), or nil: not (yet) accepted, or 不予受理.
    public var accepted: Day?
    /// Accepted without being late: the D2 or D3 notice was `met`, or none was owed
    /// (`not_applicable`, e.g. name or address unclear). False only when D2/D3 was `missed`.
    /// Meaningful only when `accepted` is set.
    public var acceptedInTime: Bool
    /// The day the matter was answered (办结: the 信访处理意见书 was issued, D6 fulfilled; for a case
    /// closed without one, the closing day), or nil while it is not. Only accepted cases have one.
    public var answered: Day?
    /// Answered without being late: D6 `met`, or no handling limit for the category
    /// (`not_applicable`: 建议意见类, 检举控告类 without a local limit). False when D6 was `missed`.
    /// Meaningful only when `answered` is set.
    public var answeredOnTime: Bool
    /// The last day of the handling period (D6's due day, extension and roll-forward included), or
    /// nil when there is no limit. A case pending after this day is overdue (超期), as the deadline
    /// engine says: overdue on day E when E > due.
    public var handlingDue: Day?
    /// The petitioner's evaluation of the answer (满意/基本满意/不满意), or nil when none was given.
    public var evaluation: Rating?
    /// The answer was not evaluated and the time for an evaluation has passed (参评 overdue).
    public var evaluationOverdue: Bool
    /// The petitioner requested 复查 or 复核 (a D9 or D11 deadline exists): not 一次性化解.
    public var reviewRequested: Bool
    /// The day the first repeat petition linked to this case (重件 naming it as its 初件) was
    /// received, or nil when none is: a case repeated by the period end is not 一次性化解.
    public var firstRepeatReceived: Day? = nil

    /// A summary; the defaults are those of a case received and nothing more.
    public init(
        number: String, unit: String, received: Day, category: PetitionCategory = .claim, repeated: Bool = false,
        accepted: Day? = nil, acceptedInTime: Bool = true, answered: Day? = nil, answeredOnTime: Bool = true,
        handlingDue: Day? = nil, evaluation: Rating? = nil, evaluationOverdue: Bool = false, reviewRequested: Bool = false
    ) {
        self.number = number
        self.unit = unit
        self.received = received
        self.category = category
        self.repeated = repeated
        self.accepted = accepted
        self.acceptedInTime = acceptedInTime
        self.answered = answered
        self.answeredOnTime = answeredOnTime
        self.handlingDue = handlingDue
        self.evaluation = evaluation
        self.evaluationOverdue = evaluationOverdue
        self.reviewRequested = reviewRequested
    }

    /// In hand (在办) at the end of `day`: accepted on or before it and not answered by then.
    public func isPending(asOf day: Day) -> Bool {
        guard let accepted, accepted <= day else { return false }
        guard let answered else { return true }
        return answered > day
    }

    /// Pending at the end of `day` and past its handling due day (超期在办).
    public func isOverdue(asOf day: Day) -> Bool {
        guard isPending(asOf: day), let handlingDue else { return false }
        return day > handlingDue
    }
}
