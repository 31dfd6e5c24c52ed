/// A 督办 the bureau should consider because a statutory deadline was missed (条例2022 第40条:
/// an organ that does not handle a matter within the time limit is supervised, with improvement
/// suggestions). A proposal, not an order: a person issues it and sets the dates.
public struct ProposedOrder: Hashable, Sendable {
    public var caseNumber: String
    /// The unit that missed the deadline (the case's handling unit).
    public var unit: String
    /// Always `.supervise`: 督办 with improvement suggestions.
    public var kind: SupervisionKind
    /// The deadline that was missed.
    public var deadline: DeadlineKind
    public var due: Day
    /// Whether the duty is still not done (false: done late).
    public var outstanding: Bool
    /// The article that calls for the order, e.g. 条例2022 第40条.
    public var article: String
    /// The feedback due day, when the policy sets a default (cn-2005: 30 days); nil for the issuer to set.
    public var feedbackDue: Day?
    /// Why, in Chinese, without personal data.
    public var reason: String

    public init(caseNumber: String, unit: String, kind: SupervisionKind = .supervise, deadline: DeadlineKind, due: Day,
                outstanding: Bool, article: String, feedbackDue: Day? = nil, reason: String) {
        self.caseNumber = caseNumber
        self.unit = unit
        self.kind = kind
        self.deadline = deadline
        self.due = due
        self.outstanding = outstanding
        self.article = article
        self.feedbackDue = feedbackDue
        self.reason = reason
    }

    /// The dedupe key: `propose:CASE:D6:DUE`, one proposal per missed deadline.
    public var key: String { "propose:\(caseNumber):\(deadline.rawValue):\(due)" }

    /// A proposal for each of the case's office deadlines (`party == .office`) that is `missed`, in
    /// D1 … D11 order: still outstanding, or done late. Petitioners' windows and lapsed options
    /// (D4) never propose an order.
    public static func proposals(for deadlines: [Deadline], of facts: CaseFacts, article: String = "条例2022 第40条") -> [ProposedOrder] {
        deadlines.filter { $0.kind.party == .office && $0.status == .missed && $0.due != nil }
            .sorted { $0.kind < $1.kind }
            .compactMap { deadline in
                guard let due = deadline.due else { return nil }
                let what = "\(facts.number) \(deadline.kind.rawValue) \(deadline.kind.chineseName)应于\(due)前完成（\(deadline.derivation.article)）"
                let state = deadline.fulfilledOn.map { "，于\($0)办理，逾期\($0 - due)天" } ?? "，逾期未办"
                return ProposedOrder(caseNumber: facts.number, unit: facts.unit, deadline: deadline.kind, due: due,
                                     outstanding: deadline.fulfilledOn == nil, article: article,
                                     reason: what + state + "；建议依\(article)督办并提出改进建议。")
            }
    }
}
