import Foundation
public import XinfangCore
public import XinfangPorts
public import XinfangReports

/// The bulletin (信访通报): read from a store's rows, computed, rendered and written.
public enum Bulletins {
    /// The last day of a case's evaluation window, for its unit and the day the window opened.
    public typealias EvaluationDue = @Sendable (_ unit: String, _ opened: Day) -> Day

    /// The bulletin of `first`…`last` (of one unit, when given). With `evaluationDue` (the policies'
    /// evaluation windows) lapsed evaluations count; without it any rating counts and none lapses.
    public static func compute(
        store: any BulletinStore, from first: Day, through last: Day, unit: String?, evaluationDue: EvaluationDue? = nil
    ) throws -> Bulletin {
        let cases = try store.bulletinCases(through: last, unit: unit).map { bulletinCase($0, through: last, evaluationDue: evaluationDue) }
        return Bulletin.compute(cases: cases, from: first, through: last, unit: unit)
    }

    /// The report's summary of a stored case. On-time flags come from the deadlines the daemon
    /// computed: a case it has not computed yet counts as on time until it has.
    ///
    /// Repeats: a case linked to a first case counts as repeated, and the first case carries the day
    /// its first linked repeat was received. Evaluation, judged at the end of `through`: evaluated in
    /// time → its rating; not evaluated by then, or evaluated after the window (late), with the window
    /// closed by then → `evaluationOverdue`.
    public static func bulletinCase(_ row: BulletinCaseRow, through: Day, evaluationDue: EvaluationDue? = nil) -> BulletinCase {
        var c = BulletinCase(
            number: row.number, unit: row.unit, received: row.received, category: row.category,
            repeated: row.repeated || row.repeatOf != nil,
            accepted: row.accepted, acceptedInTime: row.noticeStatus != .missed, answered: row.answered,
            answeredOnTime: row.handlingStatus != .missed, handlingDue: row.handlingDue, evaluation: row.evaluation,
            evaluationOverdue: false, reviewRequested: row.reviewRequested)
        c.firstRepeatReceived = row.firstRepeatReceived
        guard let evaluationDue else { return c }
        // Opened as `EvaluationWindow.opened` says, from the events up to `through`: receipt of the
        // opinion, else its issue, else 不予受理.
        func seen(_ day: Day?) -> Day? { day.flatMap { $0 <= through ? $0 : nil } }
        guard let opened = seen(row.opinionReceived) ?? seen(row.answered) ?? seen(row.notAccepted) else { return c }
        let due = evaluationDue(row.unit, opened)
        if let evaluatedOn = seen(row.evaluatedOn), evaluatedOn <= due { return c }
        c.evaluation = nil
        c.evaluationOverdue = through > due
        return c
    }

    /// The scheduled bimonthly bulletin written on `day` (the two months before its month), as
    /// Markdown, CSV and HTML files `<first>_<last>.{md,csv,html}` in `directory`.
    public static func writeScheduled(
        store: any BulletinStore, writtenOn day: Day, to directory: String, evaluationDue: EvaluationDue? = nil
    ) throws {
        let period = BulletinPeriod(writtenOn: day)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let bulletin = try compute(store: store, from: period.first, through: period.last, unit: nil, evaluationDue: evaluationDue)
        for (ext, text) in [("md", bulletin.markdown()), ("csv", bulletin.csv()), ("html", bulletin.html())] {
            try text.write(toFile: "\(directory)/\(period.first)_\(period.last).\(ext)", atomically: true, encoding: .utf8)
        }
    }
}
