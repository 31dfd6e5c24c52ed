/// The 红黄绿灯 of a case on the dashboard (工作台), from its nearest deadline still owed by an
/// office: 红 when it is overdue, 黄 when it falls due within the policy's warning window, 绿 when
/// nothing owed falls due within the window (or nothing is owed at all). Pure: the deadlines, the
/// calendar and today decide it.
public enum Light: String, CaseIterable, Sendable, Codable, Comparable {
    case red, yellow, green

    /// 红灯 / 黄灯 / 绿灯, as pages show it.
    public var chineseName: String {
        switch self {
        case .red: "红灯"
        case .yellow: "黄灯"
        case .green: "绿灯"
        }
    }

    /// What the light means, for a page's legend or a tooltip.
    public var meaning: String {
        switch self {
        case .red: "已超期"
        case .yellow: "临近期限"
        case .green: "正常办理"
        }
    }

    /// Red first: the order of urgency.
    public static func < (a: Light, b: Light) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .red: 0
        case .yellow: 1
        case .green: 2
        }
    }
}

/// The warning window of a day: which due days light a case 黄. A due day is in the window when at
/// most `workingDays` working days lie after today up to and including it (today itself counts 0,
/// so a deadline due today is 黄); `yellowThrough` is the last such day, the day before the
/// (`workingDays` + 1)-th working day after today. Rest days at the end of the window (a weekend, a
/// holiday) are inside it: a deadline due on them has no more working days left than on the working
/// day before.
public struct LightWindow: Sendable, Equatable {
    public var today: Day
    public var workingDays: Int
    /// The last due day that lights 黄.
    public var yellowThrough: Day

    public init(today: Day, workingDays: Int, calendar: WorkingCalendar) {
        self.today = today
        self.workingDays = max(0, workingDays)
        yellowThrough = calendar.addingWorkingDays(self.workingDays + 1, to: today).day.adding(days: -1)
    }

    /// The light of a case whose nearest owed deadline is due on `nextDue` (nil: nothing owed).
    public func light(nextDue: Day?) -> Light {
        guard let nextDue else { return .green }
        if nextDue < today { return .red }
        return nextDue <= yellowThrough ? .yellow : .green
    }

    /// The light of a case from its deadlines: the nearest one still owed by an office decides.
    public func light(of deadlines: [Deadline]) -> Light {
        light(nextDue: LightWindow.nearestOwed(deadlines)?.due)
    }

    /// The nearest deadline still owed by an office (open, or missed and not yet done; petitioners'
    /// windows aside), earliest due first, then by kind.
    public static func nearestOwed(_ deadlines: [Deadline]) -> Deadline? {
        deadlines.filter { d in
            d.due != nil && d.kind.party != .petitioner && (d.status == .open || (d.status == .missed && d.fulfilledOn == nil))
        }.min { ($0.due!, $0.kind) < ($1.due!, $1.kind) }
    }
}
