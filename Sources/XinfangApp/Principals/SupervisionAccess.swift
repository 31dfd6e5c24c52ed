public import XinfangCore

/// Supervision orders for a principal (the 督办 pages): the bureau (admin) issues, records feedback
/// and closes; the others read the orders in their scope.
extension Supervision {
    /// Refuses (403) a write by anyone but admin.
    public func authorizeWrite(_ principal: Principal) throws {
        guard principal.isAdmin else { throw AccessRefusal.forbidden("\(principal.role.chineseName)无权发出或办理督办单（仅信访局管理员）") }
    }

    /// Whether the principal may see an order: every order for admin and viewer; a unit's orders for
    /// its clerk (or api client); the orders on own cases for a leader.
    public func canSee(_ order: SupervisionOrder, principal: Principal) throws -> Bool {
        switch principal.role {
        case .admin, .viewer: return true
        case .clerk, .api: return principal.units.contains(order.unit)
        case .leader:
            guard let number = order.caseNumber, let scope = try store.caseScope(number: number) else { return false }
            return principal.canSee(caseUnit: scope.unit, caseLeader: scope.leader)
        }
    }

    /// The orders the principal may see, as `rows(asOf:unit:caseNumber:)`.
    public func rows(asOf day: Day, principal: Principal, unit: String? = nil) throws -> [Row] {
        let visible = Set(try store.supervisionRecords().filter { try canSee($0.order, principal: principal) }.map(\.order.id))
        return try rows(asOf: day, unit: unit).filter { visible.contains($0.id) }
    }

    /// `issue` by a principal: admin only; the audit row names the principal.
    @discardableResult
    public func issue(
        id: String, caseNumber: String?, unit: String?, kind: SupervisionKind, issuedBy: String, issued: Day, feedbackDue: Day?,
        promised: Day?, principal: Principal, source: String
    ) throws -> SupervisionOrder {
        try authorizeWrite(principal)
        return try issue(id: id, caseNumber: caseNumber, unit: unit, kind: kind, issuedBy: issuedBy, issued: issued, feedbackDue: feedbackDue,
                         promised: promised, actor: principal.actor, source: source)
    }

    /// `feedback` by a principal: admin only.
    public func feedback(orderID: String, on day: Day, principal: Principal) throws {
        try authorizeWrite(principal)
        try feedback(orderID: orderID, on: day, actor: principal.actor)
    }

    /// `close` by a principal: admin only.
    public func close(orderID: String, on day: Day, principal: Principal) throws {
        try authorizeWrite(principal)
        try close(orderID: orderID, on: day, actor: principal.actor)
    }
}
