public import XinfangCore
public import XinfangPolicy
public import XinfangPorts

/// Records cases and events for a principal (a web or API user): the access rules first, then
/// `CaseRecorder` with the principal's audit actor (`web:<user>`, `api:<user>`). A case outside
/// the principal's scope is refused as not found; a visible one the role may not write, as
/// forbidden; a broken rule keeps `CaseRecorder`'s refusal (`RefusedEvent`, e.g. a second extension
/// citing 条例2022 第34条).
public struct PrincipalRecorder {
    public let store: any CaseStore & CaseScopes
    public let registry: PolicyRegistry
    public let calendar: WorkingCalendar

    public init(store: any CaseStore & CaseScopes, registry: PolicyRegistry, calendar: WorkingCalendar) {
        self.store = store
        self.registry = registry
        self.calendar = calendar
    }

    /// The recorder writing as `principal`.
    public func recorder(for principal: Principal) -> CaseRecorder {
        CaseRecorder(store: store, registry: registry, calendar: calendar, actor: principal.actor)
    }

    /// Refuses (`AccessRefusal`) unless `principal` may record events on the case: not found outside
    /// the scope, forbidden for a visible case the role may not write.
    public func authorizeEvents(caseNumber: String, principal: Principal) throws {
        let scope = try store.visibleScope(of: caseNumber, to: principal)
        guard principal.canRecordEvents(caseUnit: scope.unit) else {
            throw AccessRefusal.forbidden("\(principal.role.chineseName)无权在信访事项 \(caseNumber) 上记录事件")
        }
    }

    /// Appends an event as `principal`; throws `AccessRefusal`, or `RefusedEvent` for a broken rule.
    public func appendEvent(caseNumber: String, event: CaseEvent, note: String?, principal: Principal) throws -> (seq: Int, acceptance: EventAcceptance) {
        try authorizeEvents(caseNumber: caseNumber, principal: principal)
        return try recorder(for: principal).appendEvent(caseNumber: caseNumber, event: event, note: note)
    }

    /// Registers a case (with its later events) as `principal`: refused (forbidden) unless the
    /// principal may add cases for its unit.
    @discardableResult
    public func addCase(_ facts: CaseFacts, petitioner: PetitionerContact?, events: [(event: CaseEvent, note: String?)] = [],
                        principal: Principal) throws -> [EventAcceptance] {
        guard principal.canAddCase(unit: facts.unit) else {
            throw AccessRefusal.forbidden("\(principal.role.chineseName)无权为\(facts.unit)登记信访事项")
        }
        return try recorder(for: principal).addCase(facts, petitioner: petitioner, events: events)
    }
}
