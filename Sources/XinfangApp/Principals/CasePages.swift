public import XinfangCore
public import XinfangEngine
public import XinfangPorts

/// The content of a case's page (案件详情) for a principal: `CaseView` (facts, timeline, every
/// deadline with its explanation — article, start event, counting rule, holidays skipped, hearing
/// days, extension, provisional — the schedule and the reminders with their 签收 state), the case's
/// supervision orders, and what the principal may do on it. Outside the principal's scope the case
/// is not found, exactly as a missing one. Petitioners' data is never in it (`PersonalDataAccess`).
public struct CasePage: Encodable {
    public var view: CaseView
    public var supervision: [Supervision.Row]
    /// The principal may record events on it.
    public var mayRecordEvents: Bool
    /// The principal may open its petitioner's personal data (on an explicit, audited request).
    public var mayViewPersonalData: Bool
}

/// Reads case pages in a principal's scope.
public struct CasePages {
    public let reader: ScheduleReader
    public let scopes: any CaseScopes
    public let supervision: Supervision
    public let time: LocalTime

    public init(reader: ScheduleReader, scopes: any CaseScopes, supervision: Supervision, time: LocalTime) {
        self.reader = reader
        self.scopes = scopes
        self.supervision = supervision
        self.time = time
    }

    /// The case's page as of `asOf`; throws `AccessRefusal.notFound` when it is missing or outside the scope.
    public func page(caseNumber: String, principal: Principal, asOf: Day) throws -> CasePage {
        let scope = try scopes.visibleScope(of: caseNumber, to: principal)
        guard let record = try reader.store.caseRecord(number: caseNumber) else { throw AccessRefusal.unknownCase(caseNumber) }
        return CasePage(
            view: try CaseView(record: record, reader: reader, time: time, asOf: asOf),
            supervision: try supervision.rows(asOf: asOf, caseNumber: caseNumber),
            mayRecordEvents: principal.canRecordEvents(caseUnit: scope.unit),
            mayViewPersonalData: principal.canViewPersonalData(caseUnit: scope.unit))
    }
}
