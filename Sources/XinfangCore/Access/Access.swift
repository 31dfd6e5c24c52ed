/// Who may do what: the roles of Xinfang's accounts and the rules of their scope. Pure: the web
/// server, the JSON API and `xinfangctl` ask these rules; the store only keeps the accounts.
///
/// - `admin` — the petition bureau (信访局): every case, every page, every write.
/// - `clerk` — a unit's clerk (承办单位经办人): that unit's cases only; reads, records events,
///   requests extensions; sees the petitioner's personal data of those cases on an explicit click.
/// - `leader` — a leader (包案领导): own cases, own reception days, own reminders; reads and 签收.
/// - `viewer` — reads the cases, never personal data; writes nothing.
/// - `api` — a machine client of the JSON API, by token only, scoped to units.
public enum Role: String, CaseIterable, Sendable, Codable {
    case admin, clerk, leader, viewer, api

    /// The Chinese name shown on pages and in `xinfangctl user list`.
    public var chineseName: String {
        switch self {
        case .admin: "管理员（信访局）"
        case .clerk: "承办单位经办人"
        case .leader: "包案领导"
        case .viewer: "查阅人员"
        case .api: "接口调用"
        }
    }
}

/// The person (or machine client) a request acts for, with the scope of their role.
public struct Principal: Sendable, Equatable, Codable {
    /// The account name (login), e.g. `zhang.clerk`; it names the person in the audit log.
    public var username: String
    public var role: Role
    /// The unit of a clerk; the units of an api client (empty: every unit, only for admin).
    public var units: [String]
    /// The leader (as named in cases' 包案领导 and the directory) a leader account is.
    public var leader: String?

    public init(username: String, role: Role, units: [String] = [], leader: String? = nil) {
        self.username = username
        self.role = role
        self.units = units
        self.leader = leader
    }

    /// How the audit log names this principal's writes: `web:<username>` (or `api:<username>`).
    public var actor: String { (role == .api ? "api:" : "web:") + username }

    /// Whether this principal may see the case at all (a case outside the scope is answered as if it
    /// did not exist: 404, not 403, so that its existence does not leak).
    public func canSee(caseUnit: String, caseLeader: String?) -> Bool {
        switch role {
        case .admin, .viewer: true
        case .clerk, .api: units.contains(caseUnit)
        case .leader: leader != nil && caseLeader == leader
        }
    }

    /// Whether this principal may record events on a case it can see (accepted, extension …).
    public func canRecordEvents(caseUnit: String) -> Bool {
        switch role {
        case .admin: true
        case .clerk, .api: units.contains(caseUnit)
        case .leader, .viewer: false
        }
    }

    /// Whether this principal may add a case for the unit.
    public func canAddCase(unit: String) -> Bool { canRecordEvents(caseUnit: unit) }

    /// Whether this principal may open the petitioner's personal data (name, ID number, phone,
    /// address) of a case it can see: admin and the unit's clerk only, on an explicit request that is
    /// audited.
    public func canViewPersonalData(caseUnit: String) -> Bool {
        switch role {
        case .admin: true
        case .clerk: units.contains(caseUnit)
        case .leader, .viewer, .api: false
        }
    }

    /// Whether this principal may acknowledge (签收) a reminder sent to `recipient`.
    public func canAcknowledge(recipient: String) -> Bool {
        switch role {
        case .admin: true
        case .leader: leader != nil && recipient == leader
        case .clerk, .api: units.contains(recipient)
        case .viewer: false
        }
    }

    /// Administration: users, units, leaders, reception rules, periods, policies, the audit log,
    /// supervision orders and bulletins.
    public var isAdmin: Bool { role == .admin }
}
