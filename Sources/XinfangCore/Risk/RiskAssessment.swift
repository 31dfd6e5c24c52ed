/// One open case as the risk ranking sees it.
public struct RiskInput: Sendable {
    public var facts: CaseFacts
    /// The case's deadlines as computed (any as-of day; the ranking re-reads due days against its own).
    public var deadlines: [Deadline]
    /// How many of the case's deadlines were missed before (from its history: overdue events recorded).
    public var earlierMisses: Int
    /// The repeat petitions (重件) linked to the case's matter: to the case itself when it is the first
    /// case (初件), or to its first case when it is a repeat; 0 when none are linked.
    public var linkedRepeats: Int

    public init(facts: CaseFacts, deadlines: [Deadline], earlierMisses: Int = 0, linkedRepeats: Int = 0) {
        self.facts = facts
        self.deadlines = deadlines
        self.earlierMisses = earlierMisses
        self.linkedRepeats = linkedRepeats
    }
}

/// One factor's contribution to a score: the points, what they were given for, and the reason in
/// Chinese, e.g. `集体访（6人）+30` (worded from `detail` when asked, so ranking stays cheap).
public struct RiskItem: Hashable, Sendable {
    /// What the points were given for.
    public enum Detail: Hashable, Sendable {
        /// The head count of a collective petition.
        case persons(Int)
        /// A flag of the case (repeated, skip-level).
        case flag
        /// The repeat petitions linked to the case's matter.
        case repeats(Int)
        /// The most overdue (or first due) of `count` deadlines; `daysOverdue` 0 when not yet due.
        case deadline(DeadlineKind, due: Day, daysOverdue: Int, count: Int)
        /// Earlier missed deadlines, and the points per miss.
        case misses(Int, pointsEach: Int)
    }

    public var factor: RiskFactor
    public var points: Int
    public var detail: Detail

    public init(factor: RiskFactor, points: Int, detail: Detail) {
        self.factor = factor
        self.points = points
        self.detail = detail
    }

    /// The reason in Chinese, ending in the points: `集体访（6人）+30`, `重复访+20`,
    /// `重复访（本事项重复信访2次）+40`, `越级访+20`,
    /// `已逾期（D6 办理并出具处理意见书，2025-09-20到期，逾期5天）+25`,
    /// `敏感期内到期（D3 收到转送/交办后书面告知，2025-10-09到期；共2项）+15`, `此前逾期2次（每次10分）+20`.
    public var reason: String {
        var text = factor.chineseName
        switch detail {
        case .persons(let n): text += "（\(n)人）"
        case .flag: break
        case .repeats(let n): text += "（本事项重复信访\(n)次）"
        case .deadline(let kind, let due, let days, let count):
            text += "（\(kind.rawValue) \(kind.chineseName)，\(due)到期"
            if days > 0 { text += "，逾期\(days)天" }
            if count > 1 { text += "；共\(count)项" }
            text += "）"
        case .misses(let n, let each): text += "\(n)次（每次\(each)分）"
        }
        return text + (points >= 0 ? "+" : "") + String(points)
    }
}

/// A case's risk score and every item that makes it up (the score is the sum of the points).
public struct RiskAssessment: Hashable, Sendable {
    public var caseNumber: String
    public var unit: String
    public var leader: String?
    public var score: Int
    /// In the order of `RiskFactor.allCases`; factors that do not apply are left out.
    public var items: [RiskItem]

    public init(caseNumber: String, unit: String, leader: String?, score: Int, items: [RiskItem]) {
        self.caseNumber = caseNumber
        self.unit = unit
        self.leader = leader
        self.score = score
        self.items = items
    }

    /// The reasons joined, e.g. `集体访（6人）+30；重复访+20` (empty for no risk).
    public var explanation: String { items.map(\.reason).joined(separator: "；") }
}
