public import XinfangCore
public import XinfangPolicy
public import XinfangPorts

/// Supervision orders (督办单): issuing one (its feedback due day from the unit's policy when not
/// given), feedback and closure, the list with the ladder's steps and breaches, the yellow-card list
/// (黄牌警告) and the 督办 proposed for missed statutory deadlines (条例2022 第40条). `xinfangctl
/// supervise` and the 督办 pages call it.
public struct Supervision {
    public let store: any SupervisionStore & CaseScopes & OpenCaseReads
    public let registry: PolicyRegistry
    public let calendar: WorkingCalendar
    public let policy = StandardSupervisionPolicy()

    public init(store: any SupervisionStore & CaseScopes & OpenCaseReads, registry: PolicyRegistry, calendar: WorkingCalendar) {
        self.store = store
        self.registry = registry
        self.calendar = calendar
    }

    /// Why an order was not issued (nothing written).
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The case it names is not stored.
        case unknownCase(String)
        /// Neither a case nor a unit named.
        case noUnit
        /// The order breaks its rules (id, issuer, due days).
        case invalid([InputError])

        public var description: String {
            switch self {
            case .unknownCase(let number): "未找到信访事项 unknown case \(number)"
            case .noUnit: "督办单须指明信访事项或单位 give a case or a unit"
            case .invalid(let problems): problems.map(\.description).joined(separator: "\n")
            }
        }
    }

    /// Issues an order on a case (its unit by default) or a unit; without `feedbackDue`, the unit's
    /// policy sets it (cn-2005: 30 days, 条例2005 第36条; cn-2022 sets none). `source` names the
    /// input in validation errors. Returns the order as stored.
    @discardableResult
    public func issue(
        id: String, caseNumber: String?, unit: String?, kind: SupervisionKind, issuedBy: String, issued: Day, feedbackDue: Day?,
        promised: Day?, actor: String, source: String
    ) throws -> SupervisionOrder {
        var unitName = unit
        if let number = caseNumber {
            guard let scope = try store.caseScope(number: number) else { throw Refusal.unknownCase(number) }
            unitName = unitName ?? scope.unit
        }
        guard let unitName else { throw Refusal.noUnit }
        let due = feedbackDue ?? policy.defaultFeedbackDue(
            policyID: registry.policy(forUnit: unitName).descriptor.id, kind: kind, issued: issued, calendar: calendar)?.day
        let order = SupervisionOrder(id: id, caseNumber: caseNumber, unit: unitName, kind: kind, issuedBy: issuedBy, issued: issued,
                                     feedbackDue: due, promisedCompletion: promised)
        let problems = order.validate(source: source)
        guard problems.isEmpty else { throw Refusal.invalid(problems) }
        try store.addSupervisionOrder(order, actor: actor)
        return order
    }

    /// Records the unit's written feedback on an order.
    public func feedback(orderID: String, on day: Day, actor: String) throws {
        try store.addSupervisionEvent(orderID: orderID, .feedbackReceived(on: day), actor: actor)
    }

    /// Closes an order (办结销号).
    public func close(orderID: String, on day: Day, actor: String) throws {
        try store.addSupervisionEvent(orderID: orderID, .closed(on: day), actor: actor)
    }

    /// An order as the list shows it, as of a day.
    public struct Row: Encodable, Equatable, Sendable {
        public var id: String
        public var kind: String
        public var unit: String
        public var caseNumber: String?
        public var issuedBy: String
        public var issued: String
        public var feedbackDue: String?
        /// The first feedback received (反馈) on or before the as-of day.
        public var feedbackReceived: String?
        public var promised: String?
        public var closed: String?
        public var steps: [String]
        public var breaches: [String]
    }

    /// The orders (of one unit, or of one case, when given) with their ladder steps and breaches as of `asOf`.
    public func rows(asOf day: Day, unit: String? = nil, caseNumber: String? = nil) throws -> [Row] {
        let ladder = policy.supervisionLadder
        return try store.supervisionRecords()
            .filter { (unit == nil || $0.order.unit == unit) && (caseNumber == nil || $0.order.caseNumber == caseNumber) }
            .map { r in
                Row(id: r.order.id, kind: r.order.kind.rawValue, unit: r.order.unit, caseNumber: r.order.caseNumber, issuedBy: r.order.issuedBy,
                    issued: r.order.issued.description, feedbackDue: r.order.feedbackDue?.description,
                    feedbackReceived: r.events.compactMap { e -> Day? in
                        if case .feedbackReceived(let on) = e, on <= day { return on }
                        return nil
                    }.min()?.description,
                    promised: r.order.promisedCompletion?.description,
                    closed: r.closed(asOf: day)?.description,
                    steps: ladder.plan(for: r, calendar: calendar, asOf: day).map { "\($0.day) \($0.kind.chineseName)（\($0.obligation.chineseName)，\($0.due)）" },
                    breaches: ladder.breaches(of: r, asOf: day).map { "\($0.obligation.chineseName) \($0.due)" })
            }
    }

    /// A unit on the yellow-card list.
    public struct Card: Encodable, Equatable, Sendable {
        public var unit: String
        public var since: String?
        public var breaches: Int
    }

    /// The units holding a yellow card (黄牌警告) as of `asOf`.
    public func yellowCards(asOf day: Day) throws -> [Card] {
        policy.supervisionLadder.yellowCards(records: try store.supervisionRecords(), asOf: day)
            .filter { $0.card != nil }.map { Card(unit: $0.unit, since: $0.card?.lowerBound.description, breaches: $0.recentBreaches.count) }
    }

    /// A 督办 proposed for a missed statutory deadline, with the command that issues it.
    public struct Proposal: Encodable, Equatable, Sendable {
        public var caseNumber: String
        public var unit: String
        public var deadline: String
        public var due: String
        public var outstanding: Bool
        public var article: String
        public var feedbackDue: String?
        public var command: String
    }

    /// Every missed statutory deadline of an open case (of one unit, when given) without an order yet.
    public func proposals(asOf day: Day, unit: String? = nil) throws -> [Proposal] {
        let issued = Set(try store.supervisionRecords().compactMap(\.order.caseNumber))
        var rows: [Proposal] = []
        try store.forEachOpenCase(unit: unit) { stored in
            let facts = stored.timeline.facts
            guard !issued.contains(facts.number) else { return }
            let casePolicy = registry.policy(forUnit: facts.unit)
            let deadlines = casePolicy.deadlines(for: stored.timeline, calendar: calendar, asOf: day)
            for p in policy.proposals(for: deadlines, of: facts, policyID: casePolicy.descriptor.id, issued: day, calendar: calendar) {
                rows.append(Proposal(
                    caseNumber: p.caseNumber, unit: p.unit, deadline: p.deadline.rawValue, due: p.due.description, outstanding: p.outstanding,
                    article: p.article, feedbackDue: p.feedbackDue?.description,
                    command: "xinfangctl supervise issue DB-\(p.caseNumber)-\(p.deadline.rawValue) --case \(p.caseNumber) --kind 督办 --by 信访部门"
                        + (p.feedbackDue == nil ? " --due YYYY-MM-DD" : "")))
            }
        }
        return rows
    }
}
