public import XinfangCore
public import XinfangPorts

/// Petitioners' personal data (name, ID number, phone, address) on an explicit request: only for a
/// principal that may see the case and view its personal data (admin, the unit's clerk). Every
/// other request is refused exactly as a missing case is, and each view is an audit row
/// (`case.personal.view`, the actor and the case number, no personal data).
public struct PersonalDataAccess {
    public let store: any CaseScopes & PersonalDataStore

    public init(store: any CaseScopes & PersonalDataStore) { self.store = store }

    /// The case's petitioner contact (nil: none kept), audited; throws `AccessRefusal.notFound`.
    public func open(caseNumber: String, principal: Principal) throws -> PetitionerContact? {
        guard let scope = try store.caseScope(number: caseNumber),
              principal.canSee(caseUnit: scope.unit, caseLeader: scope.leader), principal.canViewPersonalData(caseUnit: scope.unit) else {
            throw AccessRefusal.unknownCase(caseNumber)
        }
        return try store.openPetitioner(caseNumber: caseNumber, actor: principal.actor)
    }
}
