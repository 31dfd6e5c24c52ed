public import XinfangCore

// What the dashboard (工作台) and the API's due list read: open cases by their nearest owed deadline
// (`cases.next_due`, kept by the daemon when it computes a case), counted and listed through indexes.
// No petitioner data: the rows carry the case's number, 事项摘要, unit, leader and category only.

/// Which open cases a dashboard query reads: the principal's scope intersected with the filters.
public struct DashboardSelection: Sendable, Equatable {
    /// The scope of the principal: every case, the cases of some units, or a leader's own cases.
    public enum Scope: Sendable, Equatable {
        case all
        case units([String])
        case leader(String)
        /// Nothing at all (a clerk without a unit, a leader account without a leader).
        case none
    }

    public var scope: Scope
    public var unit: String?
    public var leader: String?
    public var category: PetitionCategory?

    public init(scope: Scope, unit: String? = nil, leader: String? = nil, category: PetitionCategory? = nil) {
        self.scope = scope
        self.unit = unit
        self.leader = leader
        self.category = category
    }
}

/// The warning windows a query lights cases by: the default one, and the units whose policy sets
/// another (usually none).
public struct LightWindows: Sendable, Equatable {
    public var standard: LightWindow
    public var byUnit: [String: LightWindow]

    public init(standard: LightWindow, byUnit: [String: LightWindow] = [:]) {
        self.standard = standard
        self.byUnit = byUnit
    }

    public var today: Day { standard.today }

    public func window(forUnit unit: String) -> LightWindow { byUnit[unit] ?? standard }
}

/// Which of the selected cases a page lists, besides the selection.
public struct DashboardListFilter: Sendable, Equatable {
    public var light: Light?
    /// Only cases whose nearest owed deadline is due on or before this day (overdue included).
    public var dueThrough: Day?

    public init(light: Light? = nil, dueThrough: Day? = nil) {
        self.light = light
        self.dueThrough = dueThrough
    }
}

/// Where a page of the urgency order starts: after this case (its nearest due day and number).
public struct DashboardCursor: Sendable, Equatable, Hashable {
    /// nil: the case owes nothing (those come last, by number).
    public var nextDue: Day?
    public var caseNumber: String

    public init(nextDue: Day?, caseNumber: String) {
        self.nextDue = nextDue
        self.caseNumber = caseNumber
    }
}

/// The dashboard's counts of the selected open cases.
public struct DashboardCounts: Sendable, Equatable, Codable {
    public var open: Int
    /// Nearest owed deadline due from today through the warning window (黄).
    public var dueSoon: Int
    /// Nearest owed deadline before today (红).
    public var overdue: Int

    public init(open: Int, dueSoon: Int, overdue: Int) {
        self.open = open
        self.dueSoon = dueSoon
        self.overdue = overdue
    }
}

/// One open case in urgency order, with its nearest owed deadline.
public struct DashboardCase: Sendable, Equatable {
    public var number: String
    /// 事项摘要.
    public var title: String?
    public var unit: String
    public var leader: String?
    public var category: PetitionCategory
    /// The nearest deadline still owed by an office; nil when none is.
    public var nextKind: DeadlineKind?
    public var nextDue: Day?
    public var provisional: Bool
    /// The daemon has not yet computed the case's current version: its deadline may be stale.
    public var dirty: Bool

    public init(number: String, title: String?, unit: String, leader: String?, category: PetitionCategory, nextKind: DeadlineKind?,
                nextDue: Day?, provisional: Bool, dirty: Bool) {
        self.number = number
        self.title = title
        self.unit = unit
        self.leader = leader
        self.category = category
        self.nextKind = nextKind
        self.nextDue = nextDue
        self.provisional = provisional
        self.dirty = dirty
    }

    public var cursor: DashboardCursor { DashboardCursor(nextDue: nextDue, caseNumber: number) }
}

/// The dashboard's queries. Each is one read transaction; none reads petitioners' data.
public protocol DashboardReads: Sendable {
    /// Open, 黄 and 红 counts of the selected open cases.
    func dashboardCounts(_ selection: DashboardSelection, windows: LightWindows) throws -> DashboardCounts
    /// Up to `limit` selected open cases passing `filter`, in urgency order (earliest nearest owed
    /// deadline first — the most overdue first —, then by number; cases owing nothing last, by
    /// number), starting after `after`.
    func dashboardCases(_ selection: DashboardSelection, filter: DashboardListFilter, windows: LightWindows, after: DashboardCursor?,
                        limit: Int) throws -> [DashboardCase]
}
