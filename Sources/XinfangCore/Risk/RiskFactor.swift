/// What makes an open case risky during an escalation-risk window: cases with these factors are
/// listed first for resolution (docs/domain.md#escalation-risk-periods).
public enum RiskFactor: String, CaseIterable, Hashable, Sendable, Codable {
    /// 集体访: five or more petitioners (条例2022 第20条).
    case collective
    /// 重复访: a repeated petition on the same matter.
    case repeated
    /// 越级访: a skip-level petition.
    case skipLevel = "skip_level"
    /// An office's deadline is past due and not done.
    case overdue
    /// An office's deadline falls due inside the window.
    case dueInWindow = "due_in_window"
    /// Deadlines of the case missed before (per miss).
    case earlierMisses = "earlier_misses"

    /// The factor's name in Chinese.
    public var chineseName: String {
        switch self {
        case .collective: "集体访"
        case .repeated: "重复访"
        case .skipLevel: "越级访"
        case .overdue: "已逾期"
        case .dueInWindow: "敏感期内到期"
        case .earlierMisses: "此前逾期"
        }
    }
}

/// The points each factor adds, and the head count that makes a petition collective: data, so a
/// bureau can weigh differently. `earlierMisses` is counted per earlier missed deadline.
public struct RiskWeights: Hashable, Sendable, Codable {
    /// Points per factor (per miss for `earlierMisses`); a factor missing here counts 0.
    public var points: [RiskFactor: Int]
    /// Persons from which a petition is collective: 5 (第20条).
    public var collectiveMinPersons: Int

    /// The defaults: collective 30, overdue 25, repeated 20, skip-level 20, due inside the window
    /// 15, each earlier miss 10.
    public static let standard = RiskWeights(
        points: [.collective: 30, .overdue: 25, .repeated: 20, .skipLevel: 20, .dueInWindow: 15, .earlierMisses: 10],
        collectiveMinPersons: 5)

    public init(points: [RiskFactor: Int], collectiveMinPersons: Int = 5) {
        self.points = points
        self.collectiveMinPersons = collectiveMinPersons
    }

    /// The points of one factor (0 when not set).
    public subscript(factor: RiskFactor) -> Int {
        get { points[factor] ?? 0 }
        set { points[factor] = newValue }
    }
}
