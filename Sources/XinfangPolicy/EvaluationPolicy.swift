public import XinfangCore

extension EvaluationWindow {
    /// The national evaluation window, the default of every policy: 30 calendar days from the
    /// petitioner's receipt of the 信访处理意见书, rolled forward off rest days (docs/domain.md#counting-days).
    ///
    /// Source: 国家信访局《信访事项办理群众满意度评价工作办法（试行）》（国信发〔2022〕11号, which
    /// replaced 国信发〔2014〕16号). The article that fixes the number of days could not be read in
    /// a full text here (see docs/evaluation.md): 30 days is the project's default, the same as the
    /// petitioner's 复查 window (条例2022 第35条), and a policy sets its own with `evaluationWindow`.
    public static let national = EvaluationWindow(
        days: 30, rollForward: true,
        source: "国家信访局《信访事项办理群众满意度评价工作办法（试行）》（国信发〔2022〕11号）；天数条款未核实原文，默认30日（可由政策配置）")
}

extension DeadlinePolicy {
    /// `EvaluationWindow.national`.
    public var evaluationWindow: EvaluationWindow { .national }
}

extension PolicyRegistry {
    /// The last day of the evaluation window of a case of `unit` opened on a day, under the unit's
    /// policy: what the bulletin's 参评率 judges lapsed evaluations by.
    public func evaluationDue(calendar: WorkingCalendar) -> @Sendable (_ unit: String, _ opened: Day) -> Day {
        { unit, opened in policy(forUnit: unit).evaluationWindow.due(opened: opened, calendar: calendar) }
    }
}
