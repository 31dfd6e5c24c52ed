public import XinfangCore

/// Decides the dates of supervision orders (督办单): the default feedback period under each deadline
/// policy, the escalation ladder, and which article a proposed 督办 cites.
///
/// The default (extension below): under `cn-2005` an organ answers a 督办 and its improvement
/// suggestions in writing within 30 days (条例2005 第36条); `cn-2022` sets no period (第40条), so
/// the issuer must set the feedback date; the ladder is `LadderRule.standard`. A policy overrides
/// what differs (a province's 30 days for suggestions, a different ladder).
public protocol SupervisionPolicy: Sendable {
    /// What the policy is (id, version, summary).
    var descriptor: PolicyDescriptor { get }
    /// The calendar days within which an order of `kind` is answered in writing under the deadline
    /// policy `policyID`; nil when that policy sets none (the issuer sets the date).
    func defaultFeedbackDays(policyID: String, kind: SupervisionKind) -> Int?
    /// The escalation ladder.
    var ladder: LadderRule { get }
    /// The article a proposed 督办 cites under `policyID`.
    func supervisionArticle(policyID: String) -> String
}

extension SupervisionPolicy {
    /// cn-2005: 30 days for a 督办 and for 改进建议 (第36条: 收到改进建议的行政机关应当在30日内书面反馈情况);
    /// none for a 催办 and under any other policy (cn-2022 第40条 sets no period).
    public func defaultFeedbackDays(policyID: String, kind: SupervisionKind) -> Int? {
        switch (policyID, kind) {
        case ("cn-2005", .supervise), ("cn-2005", .suggestion): 30
        default: nil
        }
    }

    /// `LadderRule.standard`: reminder 3 working days before, 催办 the next working day, 通报 after
    /// 5 working days, yellow card for 3 breaches within 90 days.
    public var ladder: LadderRule { .standard }

    /// 条例2005 第36条 under cn-2005, 条例2022 第40条 otherwise.
    public func supervisionArticle(policyID: String) -> String {
        policyID == "cn-2005" ? "条例2005 第36条" : "条例2022 第40条"
    }

    /// The default feedback due day of an order issued on `issued`: `defaultFeedbackDays` calendar
    /// days later (the issue day not counted), rolled forward to the next working day when it is a
    /// rest day (docs/domain.md#counting-days); nil when the policy sets no period.
    public func defaultFeedbackDue(policyID: String, kind: SupervisionKind, issued: Day, calendar: WorkingCalendar) -> CalendarAnswer? {
        guard let days = defaultFeedbackDays(policyID: policyID, kind: kind) else { return nil }
        return calendar.addingCalendarDays(days, to: issued, rollForward: true)
    }

    /// The 督办 proposals for a case's missed deadlines (`ProposedOrder.proposals`), citing this
    /// policy's article, each with the default feedback due day if it were issued on `issued`.
    public func proposals(for deadlines: [Deadline], of facts: CaseFacts, policyID: String, issued: Day,
                          calendar: WorkingCalendar) -> [ProposedOrder] {
        let feedbackDue = defaultFeedbackDue(policyID: policyID, kind: .supervise, issued: issued, calendar: calendar)?.day
        return ProposedOrder.proposals(for: deadlines, of: facts, article: supervisionArticle(policyID: policyID)).map {
            var proposal = $0
            proposal.feedbackDue = feedbackDue
            return proposal
        }
    }

    /// The ladder of this policy.
    public var supervisionLadder: SupervisionLadder { SupervisionLadder(rule: ladder) }
}

/// The built-in supervision policy: the defaults, with the ladder as data.
public struct StandardSupervisionPolicy: SupervisionPolicy {
    public var descriptor = PolicyDescriptor(
        id: "supervision-standard", version: "1.0.0",
        summary: "feedback 30 days under cn-2005, set by the issuer under cn-2022; reminder 3 wd before, 催办 next wd, 通报 after 5 wd")
    public var ladder: LadderRule

    public init(ladder: LadderRule = .standard) {
        self.ladder = ladder
    }
}
