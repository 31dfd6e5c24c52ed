/// How long a period is.
public enum Period: Equatable, Sendable {
    /// N calendar days (日): the start day is not counted; N days from day D end at the end of D + N.
    case calendarDays(Int)
    /// N working days (工作日): weekends and holidays skipped, make-up working days counted.
    case workingDays(Int)
    /// The assigning body sets the date (交办, 第22条).
    case setByAssigningBody
}

/// One statutory period: its length, the article that sets it, and the counting conventions.
public struct DeadlineRule: Equatable, Sendable {
    public var period: Period
    /// The citation, e.g. "条例2022 第34条".
    public var article: String
    /// Whether a period ending on a rest day or holiday ends on the next working day instead.
    public var rollForward: Bool
    /// Whether hearing (听证) days are left out of the count (第36条).
    public var excludesHearingDays: Bool
    /// The categories it applies to; nil means all.
    public var categories: Set<PetitionCategory>?

    public init(
        _ period: Period, article: String, rollForward: Bool = true, excludesHearingDays: Bool = false,
        categories: Set<PetitionCategory>? = nil
    ) {
        self.period = period
        self.article = article
        self.rollForward = rollForward
        self.excludesHearingDays = excludesHearingDays
        self.categories = categories
    }

    /// Whether the rule covers a category.
    public func applies(to category: PetitionCategory) -> Bool { categories?.contains(category) ?? true }
}

/// The one extension of the handling period (第34条): at most `maxDays` more, granted before the
/// original due date passes.
public struct ExtensionRule: Equatable, Sendable {
    public var maxDays: Int
    public var article: String

    public init(maxDays: Int, article: String) {
        self.maxDays = maxDays
        self.article = article
    }
}

/// A policy's complete table of statutory periods: pure data that the deadline engine applies.
public struct RuleBook: Sendable {
    /// The policy the rules come from, e.g. cn-2022.
    public var policyID: String
    /// Rules per deadline kind, first match by category wins.
    public var rules: [DeadlineKind: [DeadlineRule]]
    /// The extension of the handling period; nil when none is allowed.
    public var handlingExtension: ExtensionRule?
    /// The article that says why a category has no time limit (e.g. 条例2022 第31条), cited when a
    /// deadline is not applicable.
    public var noLimitArticle: String

    public init(policyID: String, rules: [DeadlineKind: [DeadlineRule]], handlingExtension: ExtensionRule?, noLimitArticle: String) {
        self.policyID = policyID
        self.rules = rules
        self.handlingExtension = handlingExtension
        self.noLimitArticle = noLimitArticle
    }

    /// The rule for a kind of deadline in a category, or nil when the policy sets no limit.
    public func rule(_ kind: DeadlineKind, for category: PetitionCategory) -> DeadlineRule? {
        rules[kind]?.first { $0.applies(to: category) }
    }
}
