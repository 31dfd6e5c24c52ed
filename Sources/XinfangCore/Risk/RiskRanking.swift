/// The risk ranking of open cases for an escalation-risk window: every case scored from its facts
/// and deadlines, every point explained, highest first.
///
/// A deadline counts only when it is an office's duty (`DeadlineKind.party == .office`) that is
/// not done and not waived (status neither `met` nor `notApplicable`, no `fulfilledOn`):
/// - **overdue** when its due day is before `asOf`;
/// - **due inside the window** when its due day is on or after `asOf` and inside `window`.
/// Each of the two factors counts once per case, whatever the number of deadlines; the reason
/// names the most overdue (or the first due) deadline and how many there are.
///
/// **重复访** counts the real repeats: the factor's points once per repeat petition linked to the
/// case's matter (`RiskInput.linkedRepeats`), or once for a case flagged as a repeat with no links.
public struct RiskRanking: Sendable {
    public var weights: RiskWeights
    /// The window the ranking is for, first and last day included.
    public var window: ClosedRange<Day>
    /// The day "now": deadlines due before it are overdue.
    public var asOf: Day

    public init(window: ClosedRange<Day>, asOf: Day, weights: RiskWeights = .standard) {
        self.weights = weights
        self.window = window
        self.asOf = asOf
    }

    /// The ranking for a configured window.
    public init(period: SensitivePeriod, asOf: Day, weights: RiskWeights = .standard) {
        self.init(window: period.first...max(period.first, period.last), asOf: asOf, weights: weights)
    }

    /// One case's score and its explanation.
    public func assess(_ input: RiskInput) -> RiskAssessment {
        let facts = input.facts
        var items: [RiskItem] = []
        var score = 0
        func add(_ factor: RiskFactor, _ points: Int, _ detail: RiskItem.Detail) {
            guard points != 0 else { return }
            score += points
            items.append(RiskItem(factor: factor, points: points, detail: detail))
        }
        if facts.persons >= weights.collectiveMinPersons { add(.collective, weights[.collective], .persons(facts.persons)) }
        // 重复访: the points per linked repeat of the matter; a flagged repeat without links counts once.
        if input.linkedRepeats > 0 {
            add(.repeated, weights[.repeated] * input.linkedRepeats, .repeats(input.linkedRepeats))
        } else if facts.isRepeat {
            add(.repeated, weights[.repeated], .flag)
        }
        if facts.skipLevel { add(.skipLevel, weights[.skipLevel], .flag) }

        var overdue: (kind: DeadlineKind, due: Day)?
        var overdueCount = 0
        var inWindow: (kind: DeadlineKind, due: Day)?
        var inWindowCount = 0
        for deadline in input.deadlines {
            guard deadline.kind.party == .office, deadline.fulfilledOn == nil,
                  deadline.status != .met, deadline.status != .notApplicable, let due = deadline.due else { continue }
            if due < asOf {
                overdueCount += 1
                if overdue.map({ due < $0.due }) ?? true { overdue = (deadline.kind, due) }
            } else if window.contains(due) {
                inWindowCount += 1
                if inWindow.map({ due < $0.due }) ?? true { inWindow = (deadline.kind, due) }
            }
        }
        if let (kind, due) = overdue {
            add(.overdue, weights[.overdue], .deadline(kind, due: due, daysOverdue: asOf - due, count: overdueCount))
        }
        if let (kind, due) = inWindow {
            add(.dueInWindow, weights[.dueInWindow], .deadline(kind, due: due, daysOverdue: 0, count: inWindowCount))
        }
        if input.earlierMisses > 0 {
            let each = weights[.earlierMisses]
            add(.earlierMisses, each * input.earlierMisses, .misses(input.earlierMisses, pointsEach: each))
        }
        return RiskAssessment(caseNumber: facts.number, unit: facts.unit, leader: facts.leader, score: score, items: items)
    }

    /// Every case assessed, highest score first, then by case number (then input order, for equal
    /// numbers). Cases without risk are listed too, at the end.
    public func rank(_ inputs: [RiskInput]) -> [RiskAssessment] {
        let assessed = inputs.map(assess)
        let scores = assessed.map(\.score)
        let numbers = assessed.map(\.caseNumber)
        var order = Array(assessed.indices)
        order.sort { a, b in
            if scores[a] != scores[b] { return scores[a] > scores[b] }
            if numbers[a] != numbers[b] { return numbers[a] < numbers[b] }
            return a < b
        }
        return order.map { assessed[$0] }
    }
}
