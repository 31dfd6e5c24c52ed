public import XinfangCore

/// A policy that is its rule book: the national regulations, and any overlay that only changes periods.
public struct StatutoryPolicy: DeadlinePolicy {
    public var descriptor: PolicyDescriptor
    public var rules: RuleBook

    public init(descriptor: PolicyDescriptor, rules: RuleBook) {
        self.descriptor = descriptor
        self.rules = rules
    }

    /// The same policy with the roll-forward convention switched for every period (docs/domain.md#counting-days).
    public func rollingForward(_ on: Bool) -> StatutoryPolicy {
        var copy = self
        for (kind, list) in copy.rules.rules {
            copy.rules.rules[kind] = list.map { var rule = $0; rule.rollForward = on; return rule }
        }
        return copy
    }
}

extension StatutoryPolicy {
    // Each regulation's table is written out in full, row by article, so that it can be read against
    // its own text; cn-2005 shares the shape of cn-2022, not its articles or categories.
    /// `cn-2022`: 《信访工作条例》 (中共中央、国务院, in force 2022-05-01), the default.
    public static let cn2022: StatutoryPolicy = {
        let c = "条例2022"
        let claims: Set<PetitionCategory> = [.claim]
        return StatutoryPolicy(
            descriptor: PolicyDescriptor(id: "cn-2022", version: "1.0.0", summary: "《信访工作条例》(2022) national rules"),
            rules: RuleBook(
                policyID: "cn-2022",
                rules: [
                    .registration: [DeadlineRule(.calendarDays(15), article: "\(c) 第22条")],
                    .intakeNotice: [DeadlineRule(.calendarDays(15), article: "\(c) 第23条")],
                    .forwardNotice: [DeadlineRule(.calendarDays(15), article: "\(c) 第23条")],
                    .remitObjection: [DeadlineRule(.workingDays(5), article: "\(c) 第23条")],
                    .assignedReport: [DeadlineRule(.setByAssigningBody, article: "\(c) 第22条")],
                    .handling: [DeadlineRule(.calendarDays(60), article: "\(c) 第34条", categories: claims)],
                    .reviewWindow: [DeadlineRule(.calendarDays(30), article: "\(c) 第35条", categories: claims)],
                    .reviewAnswer: [DeadlineRule(.calendarDays(30), article: "\(c) 第35条", categories: claims)],
                    .recheckWindow: [DeadlineRule(.calendarDays(30), article: "\(c) 第36条", categories: claims)],
                    .recheckAnswer: [DeadlineRule(.calendarDays(30), article: "\(c) 第36条", excludesHearingDays: true, categories: claims)],
                ],
                handlingExtension: ExtensionRule(maxDays: 30, article: "\(c) 第34条"),
                noLimitArticle: "\(c) 第31条"))
    }()

    /// `cn-2005`: the former 《信访条例》 (国务院令第431号, in force 2005-05-01), for cases it still governs.
    /// It has no category split: every accepted matter but 涉法涉诉 has the 60-day handling period.
    public static let cn2005: StatutoryPolicy = {
        let c = "条例2005"
        let handled: Set<PetitionCategory> = [.suggestion, .accusation, .claim]
        return StatutoryPolicy(
            descriptor: PolicyDescriptor(id: "cn-2005", version: "1.0.0", summary: "《信访条例》(国务院令第431号, 2005) rules"),
            rules: RuleBook(
                policyID: "cn-2005",
                rules: [
                    .registration: [DeadlineRule(.calendarDays(15), article: "\(c) 第21条")],
                    .intakeNotice: [DeadlineRule(.calendarDays(15), article: "\(c) 第22条")],
                    .forwardNotice: [DeadlineRule(.calendarDays(15), article: "\(c) 第21条")],
                    .assignedReport: [DeadlineRule(.setByAssigningBody, article: "\(c) 第21条")],
                    .handling: [DeadlineRule(.calendarDays(60), article: "\(c) 第33条", categories: handled)],
                    .reviewWindow: [DeadlineRule(.calendarDays(30), article: "\(c) 第34条", categories: handled)],
                    .reviewAnswer: [DeadlineRule(.calendarDays(30), article: "\(c) 第34条", categories: handled)],
                    .recheckWindow: [DeadlineRule(.calendarDays(30), article: "\(c) 第35条", categories: handled)],
                    .recheckAnswer: [DeadlineRule(.calendarDays(30), article: "\(c) 第35条", excludesHearingDays: true, categories: handled)],
                ],
                handlingExtension: ExtensionRule(maxDays: 30, article: "\(c) 第33条"),
                // 第14条: claims that belong to litigation, review or arbitration go to those bodies.
                noLimitArticle: "\(c) 第14条"))
    }()
}
