import Foundation
public import XinfangCore
public import XinfangPorts
public import XinfangReports

/// The bulletin (信访通报): read from a store's rows, computed, rendered and written.
public enum Bulletins {
    /// The bulletin of `first`…`last` (of one unit, when given).
    public static func compute(store: any BulletinStore, from first: Day, through last: Day, unit: String?) throws -> Bulletin {
        Bulletin.compute(cases: try store.bulletinCases(through: last, unit: unit).map(bulletinCase), from: first, through: last, unit: unit)
    }

    /// The report's summary of a stored case. On-time flags come from the deadlines the daemon
    /// computed: a case it has not computed yet counts as on time until it has.
    public static func bulletinCase(_ row: BulletinCaseRow) -> BulletinCase {
        BulletinCase(
            number: row.number, unit: row.unit, received: row.received, category: row.category, repeated: row.repeated,
            accepted: row.accepted, acceptedInTime: row.noticeStatus != .missed, answered: row.answered,
            answeredOnTime: row.handlingStatus != .missed, handlingDue: row.handlingDue, evaluation: row.evaluation,
            evaluationOverdue: false, reviewRequested: row.reviewRequested)
    }

    /// The scheduled bimonthly bulletin written on `day` (the two months before its month), as
    /// Markdown, CSV and HTML files `<first>_<last>.{md,csv,html}` in `directory`.
    public static func writeScheduled(store: any BulletinStore, writtenOn day: Day, to directory: String) throws {
        let period = BulletinPeriod(writtenOn: day)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let bulletin = try compute(store: store, from: period.first, through: period.last, unit: nil)
        for (ext, text) in [("md", bulletin.markdown()), ("csv", bulletin.csv()), ("html", bulletin.html())] {
            try text.write(toFile: "\(directory)/\(period.first)_\(period.last).\(ext)", atomically: true, encoding: .utf8)
        }
    }
}
