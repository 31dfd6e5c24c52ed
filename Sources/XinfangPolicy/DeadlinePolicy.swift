public import XinfangCore

/// A deadline policy: the statutory periods for a unit, and how a case's deadlines follow from them.
///
/// Most policies only state their `rules` and inherit everything else from the extension below,
/// which applies them with the shared `DeadlineEngine` (the counting conventions of docs/domain.md#counting-days).
/// A policy overrides `deadlines(for:calendar:asOf:)` or `check(_:against:calendar:)` only when its
/// rules cannot be expressed as a `RuleBook`. Implementations must be pure: same input, same answer.
public protocol DeadlinePolicy: Sendable {
    /// Identity and API version.
    var descriptor: PolicyDescriptor { get }
    /// The statutory periods, with their articles.
    var rules: RuleBook { get }
    /// The case's deadlines as of a day.
    func deadlines(for timeline: CaseTimeline, calendar: WorkingCalendar, asOf: Day) -> [Deadline]
    /// Whether an event may be appended; throws the rule it breaks.
    func check(_ event: CaseEvent, against timeline: CaseTimeline, calendar: WorkingCalendar) throws(RefusedEvent) -> EventAcceptance
    /// The time the petitioner has to evaluate the answer (满意度评价); default `EvaluationWindow.national`.
    var evaluationWindow: EvaluationWindow { get }
    /// How many working days before its due day a deadline lights a case 黄 on the dashboard; default 3.
    var warningWorkingDays: Int { get }
}

extension DeadlinePolicy {
    /// The shared engine over this policy's rules.
    public func engine(_ calendar: WorkingCalendar) -> DeadlineEngine { DeadlineEngine(rules: rules, calendar: calendar) }

    public func deadlines(for timeline: CaseTimeline, calendar: WorkingCalendar, asOf: Day) -> [Deadline] {
        engine(calendar).deadlines(for: timeline, asOf: asOf)
    }

    public func check(_ event: CaseEvent, against timeline: CaseTimeline, calendar: WorkingCalendar) throws(RefusedEvent) -> EventAcceptance {
        try engine(calendar).check(event, against: timeline)
    }

    /// Appends an event when this policy allows it; otherwise throws and leaves the timeline as it was.
    @discardableResult
    public func append(_ event: CaseEvent, to timeline: inout CaseTimeline, calendar: WorkingCalendar) throws(RefusedEvent) -> EventAcceptance {
        let acceptance = try check(event, against: timeline, calendar: calendar)
        timeline = timeline.appending(checked: event)
        return acceptance
    }
}

/// Where working-day calendars come from (the bundled TOML files, or a plugin's own source).
public protocol CalendarSource: Sendable {
    /// The calendar's id, e.g. `cn`.
    var id: String { get }
    /// Reads every year it has. Throws `InputErrors` naming file, line and field.
    func loadYears() throws -> [CalendarYear]
}

extension CalendarSource {
    /// The calendar built from `loadYears()`.
    public func loadCalendar() throws -> WorkingCalendar {
        try WorkingCalendar(id: id, years: loadYears())
    }
}
