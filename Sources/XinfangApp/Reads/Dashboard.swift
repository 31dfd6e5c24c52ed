import Foundation
public import XinfangCore
public import XinfangPolicy
public import XinfangPorts

/// 工作台: the open cases a principal may see, counted (open, 黄 due within the warning window, 红
/// overdue) and listed most urgent first with their 红黄绿灯 light — overdue first, the most
/// overdue first, then the nearest due; cases owing nothing last — a page at a time. No petitioner
/// data: each row is the case's number, 事项摘要, unit, leader, category and nearest owed deadline.
///
/// The counts are of the principal's scope and the unit, leader and category filters; the light and
/// due-within filters narrow only the list. The light is the nearest owed deadline's, against the
/// warning window of the case's unit's policy (`DeadlinePolicy.warningWorkingDays`, 3 working days
/// for the national policies). A case the daemon has not yet computed shows its last computed
/// deadline, flagged `notYetComputed`.
public struct Dashboard: Encodable, Sendable {
    /// What the user asked to narrow the dashboard to.
    public struct Filters: Sendable, Equatable {
        public var unit: String?
        public var leader: String?
        public var category: PetitionCategory?
        public var light: Light?
        /// Only cases whose nearest owed deadline is due within this many working days of today
        /// (overdue ones included).
        public var dueWithinWorkingDays: Int?

        public init(unit: String? = nil, leader: String? = nil, category: PetitionCategory? = nil, light: Light? = nil,
                    dueWithinWorkingDays: Int? = nil) {
            self.unit = unit
            self.leader = leader
            self.category = category
            self.light = light
            self.dueWithinWorkingDays = dueWithinWorkingDays
        }
    }

    /// The nearest deadline a case's office still owes.
    public struct NextDeadline: Encodable, Sendable, Equatable {
        /// `D6`, and its Chinese name.
        public var kind: String
        public var name: String
        public var due: String
        /// 周二.
        public var weekday: String
        /// Working days after today through the due day; nil when overdue.
        public var workingDaysLeft: Int?
        /// Calendar days past the due day; nil when not overdue.
        public var overdueDays: Int?
        /// The due day may move: the period runs past the calendar's holiday data.
        public var provisional: Bool
        /// 剩余2个工作日 / 今日到期 / 已逾期5天.
        public var state: String
    }

    public struct Item: Encodable, Sendable, Equatable {
        public var caseNumber: String
        /// 事项摘要.
        public var title: String?
        public var unit: String
        public var leader: String?
        public var category: String
        /// `red`, `yellow`, `green`, and 红灯 / 黄灯 / 绿灯.
        public var light: Light
        public var lightName: String
        /// nil when the case owes nothing now.
        public var deadline: NextDeadline?
        /// The daemon has not yet computed the case's current version.
        public var notYetComputed: Bool
    }

    public var asOf: String
    /// The warning window of the default policy, in working days.
    public var warningWorkingDays: Int
    public var counts: DashboardCounts
    public var items: [Item]
    /// Pass as `cursor` for the next page; nil on the last page.
    public var nextCursor: String?

    /// The principal's dashboard on `today`: counts and one page of at most `limit` cases (1…500),
    /// after `cursor` (from the page before). Throws `DashboardError` for a cursor this code did not
    /// make and a limit out of range.
    public init(principal: Principal, filters: Filters, store: some DashboardReads, registry: PolicyRegistry, calendar: WorkingCalendar,
                today: Day, limit: Int = 50, cursor: String? = nil) throws {
        guard (1...500).contains(limit) else { throw DashboardError("每页条数须为1至500（limit: \(limit)）") }
        if let within = filters.dueWithinWorkingDays, within < 0 || within > 366 {
            throw DashboardError("“期限内工作日数”须为0至366（due_within: \(within)）")
        }
        let after = try cursor.map(Self.decodeCursor)
        let windows = Self.windows(registry: registry, calendar: calendar, today: today)
        let selection = DashboardSelection(scope: Self.scope(of: principal), unit: filters.unit, leader: filters.leader, category: filters.category)
        let dueThrough = filters.dueWithinWorkingDays.map { LightWindow(today: today, workingDays: $0, calendar: calendar).yellowThrough }
        counts = try store.dashboardCounts(selection, windows: windows)
        // One more than the page: whether there is a next page.
        var rows = try store.dashboardCases(selection, filter: DashboardListFilter(light: filters.light, dueThrough: dueThrough), windows: windows,
                                            after: after, limit: limit + 1)
        let more = rows.count > limit
        if more { rows.removeLast(rows.count - limit) }
        nextCursor = more ? rows.last.map { Self.encodeCursor($0.cursor) } : nil
        items = rows.map { Self.item($0, window: windows.window(forUnit: $0.unit), calendar: calendar) }
        asOf = today.description
        warningWorkingDays = windows.standard.workingDays
    }

    /// The store's selection scope of a principal (`Principal.canSee`, as a query).
    public static func scope(of principal: Principal) -> DashboardSelection.Scope {
        switch principal.role {
        case .admin, .viewer: .all
        case .clerk, .api: principal.units.isEmpty ? .none : .units(principal.units)
        case .leader: principal.leader.map { .leader($0) } ?? .none
        }
    }

    /// The warning windows of every unit on `today`.
    public static func windows(registry: PolicyRegistry, calendar: WorkingCalendar, today: Day) -> LightWindows {
        let w = registry.lightWindows(today: today, calendar: calendar)
        return LightWindows(standard: w.default, byUnit: w.byUnit)
    }

    static func item(_ row: DashboardCase, window: LightWindow, calendar: WorkingCalendar) -> Item {
        let today = window.today
        let light = window.light(nextDue: row.nextDue)
        var deadline: NextDeadline?
        if let due = row.nextDue {
            let overdue = due < today
            let left = overdue ? nil : calendar.workingDays(after: today, through: due)
            let state = overdue ? "已逾期\(today - due)天" : due == today ? "今日到期" : "剩余\(left!)个工作日"
            deadline = NextDeadline(
                kind: row.nextKind?.rawValue ?? "", name: row.nextKind?.chineseName ?? "", due: due.description, weekday: due.chineseWeekday,
                workingDaysLeft: left, overdueDays: overdue ? today - due : nil, provisional: row.provisional, state: state)
        }
        return Item(caseNumber: row.number, title: row.title, unit: row.unit, leader: row.leader, category: row.category.rawValue,
                    light: light, lightName: light.chineseName, deadline: deadline, notYetComputed: row.dirty)
    }

    // An opaque cursor: base64url of `<day number or ->|<case number>`, checked on the way back.
    static func encodeCursor(_ c: DashboardCursor) -> String {
        let text = "\(c.nextDue.map { String($0.number) } ?? "-")|\(c.caseNumber)"
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeCursor(_ text: String) throws -> DashboardCursor {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        b64 += String(repeating: "=", count: (4 - b64.count % 4) % 4)
        guard let data = Data(base64Encoded: b64), let plain = String(data: data, encoding: .utf8),
              let bar = plain.firstIndex(of: "|") else { throw DashboardError("翻页标记无效（cursor），请从第一页重新打开") }
        let due = plain[..<bar], number = String(plain[plain.index(after: bar)...])
        guard !number.isEmpty else { throw DashboardError("翻页标记无效（cursor），请从第一页重新打开") }
        if due == "-" { return DashboardCursor(nextDue: nil, caseNumber: number) }
        guard let n = Int(due) else { throw DashboardError("翻页标记无效（cursor），请从第一页重新打开") }
        return DashboardCursor(nextDue: Day(number: n), caseNumber: number)
    }
}

/// A dashboard request the dashboard refuses (a bad cursor or limit), in Chinese.
public struct DashboardError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
