import Testing
import XinfangCore
import XinfangReports

/// A date literal; records an issue (instead of crashing) if the literal is not a date.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
    guard let day = Day(text) else {
        Issue.record("not a date: \(text)", sourceLocation: sourceLocation)
        return Day(number: 0)
    }
    return day
}

/// Twenty cases of three units over January and February 2026, counted by hand in the tests.
/// Day columns: received, accepted (in time?), answered (on time?), D6 due.
enum Fixture {
    static let hr = "县人社局"
    static let land = "县自然资源局"
    /// A name with every character the renderings must escape: comma, quotes, <, >, &.
    static let town = "城关镇, \"河西\"街道 <联合> & 社区"

    static let from = day("2026-01-01")
    static let through = day("2026-02-28")

    static func c(
        _ number: String, _ unit: String, received: String, category: PetitionCategory = .claim, repeated: Bool = false,
        accepted: String? = nil, inTime: Bool = true, answered: String? = nil, onTime: Bool = true, due: String? = nil,
        rating: Rating? = nil, evaluationOverdue: Bool = false, review: Bool = false
    ) -> BulletinCase {
        BulletinCase(
            number: number, unit: unit, received: day(received), category: category, repeated: repeated,
            accepted: accepted.map { day($0) }, acceptedInTime: inTime, answered: answered.map { day($0) },
            answeredOnTime: onTime, handlingDue: due.map { day($0) }, evaluation: rating,
            evaluationOverdue: evaluationOverdue, reviewRequested: review)
    }

    static let cases: [BulletinCase] = [
        // 县人社局
        c("A1", hr, received: "2025-12-20", accepted: "2025-12-28", due: "2026-02-26"),
        c("A2", hr, received: "2026-01-05", accepted: "2026-01-10", answered: "2026-02-20", due: "2026-03-11", rating: .satisfied),
        c("A3", hr, received: "2026-01-08", repeated: true, accepted: "2026-01-30", inTime: false, due: "2026-03-31"),
        c("A4", hr, received: "2026-01-12", accepted: "2026-01-15", answered: "2026-01-25", due: "2026-03-16",
          rating: .dissatisfied, review: true),
        c("A5", hr, received: "2026-02-02", accepted: "2026-02-05", answered: "2026-02-27", due: "2026-04-06"),
        c("A6", hr, received: "2026-02-10"),
        c("A7", hr, received: "2025-11-01", accepted: "2025-11-05", answered: "2026-01-20", onTime: false, due: "2026-01-04",
          evaluationOverdue: true),
        c("A8", hr, received: "2026-02-25", accepted: "2026-03-02", due: "2026-05-01"),
        // 县自然资源局
        c("B1", land, received: "2026-01-03", accepted: "2026-01-06", answered: "2026-01-30", due: "2026-03-07",
          rating: .basicallySatisfied),
        c("B2", land, received: "2026-01-04", repeated: true, accepted: "2026-01-07", answered: "2026-02-10", due: "2026-03-08",
          rating: .satisfied),
        c("B3", land, received: "2025-10-10", accepted: "2025-10-20", due: "2025-12-19"),
        c("B4", land, received: "2026-02-14", accepted: "2026-02-16", answered: "2026-03-05", due: "2026-04-17"),
        c("B5", land, received: "2026-01-20", accepted: "2026-02-06", inTime: false, answered: "2026-02-26", due: "2026-04-07",
          rating: .dissatisfied),
        c("B6", land, received: "2026-02-20", category: .suggestion, accepted: "2026-02-21", answered: "2026-02-22"),
        // 城关镇, "河西"街道 <联合> & 社区
        c("C1", town, received: "2026-01-02", accepted: "2026-01-05", answered: "2026-01-28", due: "2026-03-06",
          rating: .satisfied, review: true),
        c("C2", town, received: "2026-01-15", repeated: true, accepted: "2026-01-16", answered: "2026-02-03", due: "2026-03-17",
          evaluationOverdue: true),
        c("C3", town, received: "2026-01-20"),
        c("C4", town, received: "2025-12-01", accepted: "2025-12-05", answered: "2026-02-12", onTime: false, due: "2026-02-03",
          rating: .satisfied),
        c("C5", town, received: "2026-02-01", repeated: true, accepted: "2026-02-03", due: "2026-03-05"),
        c("C6", town, received: "2026-02-28"),
    ]

    static var bulletin: Bulletin {
        Bulletin.compute(cases: cases, from: from, through: through, unit: nil)
    }
}

/// Checks the five status counts of `figures`.
func expectCounts(
    _ figures: BulletinFigures, received: Int, accepted: Int, answered: Int, pending: Int, overdue: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(figures.received == received, "收到", sourceLocation: sourceLocation)
    #expect(figures.accepted == accepted, "受理", sourceLocation: sourceLocation)
    #expect(figures.answered == answered, "办结", sourceLocation: sourceLocation)
    #expect(figures.pending == pending, "在办", sourceLocation: sourceLocation)
    #expect(figures.overdue == overdue, "超期", sourceLocation: sourceLocation)
}

/// Checks every measure of `figures`, each written "numerator/denominator percent" (percent "—"
/// when the denominator is 0), in `MeasureKind` order.
func expectMeasures(_ figures: BulletinFigures, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(expected.count == MeasureKind.allCases.count, sourceLocation: sourceLocation)
    for (kind, text) in zip(MeasureKind.allCases, expected) {
        let m = figures[kind]
        let actual = "\(m.numerator)/\(m.denominator) \(m.percentText ?? "—")"
        #expect(actual == text, "\(kind.name)", sourceLocation: sourceLocation)
    }
}
