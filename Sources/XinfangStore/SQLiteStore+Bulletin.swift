import GRDB
public import XinfangCore
public import XinfangReports

extension SQLiteStore {
    /// The bulletin's per-case summary in one pass over the store (cases received up to `through`,
    /// optionally of one unit), read with a cursor. On-time flags come from the deadlines the daemon
    /// computed: a case it has not computed yet counts as on time until it has.
    ///
    /// Repeats (v11): a case linked to a first case counts as repeated, and the first case carries the
    /// day its first linked repeat was received. Evaluation: with `evaluationDue` (the last day of the
    /// evaluation window of a case of `unit` whose window opened on a day), judged at the end of
    /// `through`: evaluated in time → its rating; not evaluated by then, or evaluated after the window
    /// (a late evaluation), with the window closed by then → `evaluationOverdue`. Without it, any
    /// rating counts and nothing is overdue.
    public func bulletinCases(
        through: Day, unit: String? = nil, evaluationDue: (@Sendable (_ unit: String, _ opened: Day) -> Day)? = nil
    ) throws -> [BulletinCase] {
        try pool.read { db in
            // One pass: events aggregated per case in their clustered (case_number, seq) order, the
            // deadline rows by primary key.
            var sql = """
                SELECT c.number, c.unit, c.received, c.category, c.repeated, c.repeat_of, rp.first_repeat,
                       ev.accepted, ev.answered, ev.evaluation, ev.review, ev.opinion_received, ev.not_accepted, ev.evaluated_day,
                       d6.due AS d6_due, d6.status AS d6_status, COALESCE(d3.status, d2.status) AS notice_status
                FROM cases c
                JOIN (SELECT case_number,
                             MIN(CASE WHEN type = '\(EventType.accepted.key)' THEN day END) AS accepted,
                             MIN(CASE WHEN type = '\(EventType.opinionIssued.key)' THEN day END) AS answered,
                             MAX(CASE WHEN type = '\(EventType.evaluated.key)' THEN data END) AS evaluation,
                             MAX(type IN \(EventType.sqlList([.reviewRequested, .recheckRequested]))) AS review,
                             MIN(CASE WHEN type = '\(EventType.opinionReceived.key)' THEN day END) AS opinion_received,
                             MIN(CASE WHEN type = '\(EventType.notAccepted.key)' THEN day END) AS not_accepted,
                             MIN(CASE WHEN type = '\(EventType.evaluated.key)' THEN day END) AS evaluated_day
                      FROM events GROUP BY case_number) ev ON ev.case_number = c.number
                LEFT JOIN deadlines d6 ON d6.case_number = c.number AND d6.kind = 'D6'
                LEFT JOIN deadlines d3 ON d3.case_number = c.number AND d3.kind = 'D3'
                LEFT JOIN deadlines d2 ON d2.case_number = c.number AND d2.kind = 'D2'
                LEFT JOIN (SELECT repeat_of, MIN(received) AS first_repeat FROM cases WHERE repeat_of IS NOT NULL GROUP BY repeat_of) rp
                       ON rp.repeat_of = c.number
                WHERE c.received <= ?
                """
            var arguments: StatementArguments = [through.number]
            if let unit { sql += " AND c.unit = ?"; arguments += [unit] }
            var out: [BulletinCase] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                let rating = (row["evaluation"] as String?).flatMap { data in Rating.allCases.first { data.contains("\"\($0.rawValue)\"") } }
                out.append(BulletinCase(
                    number: row["number"], unit: row["unit"], received: Day(number: row["received"]),
                    category: PetitionCategory(rawValue: row["category"]) ?? .claim, repeated: row["repeated"],
                    accepted: (row["accepted"] as Int?).map(Day.init(number:)), acceptedInTime: (row["notice_status"] as String?) != "missed",
                    answered: (row["answered"] as Int?).map(Day.init(number:)), answeredOnTime: (row["d6_status"] as String?) != "missed",
                    handlingDue: (row["d6_due"] as Int?).map(Day.init(number:)), evaluation: rating, evaluationOverdue: false,
                    reviewRequested: row["review"]))
                out[out.count - 1].amendRepeatsAndEvaluation(row, through: through, evaluationDue: evaluationDue)
            }
            return out
        }
    }
}

extension BulletinCase {
    /// The v11 repeat columns and the evaluation window (see `SQLiteStore.bulletinCases`).
    fileprivate mutating func amendRepeatsAndEvaluation(_ row: Row, through: Day, evaluationDue: (@Sendable (String, Day) -> Day)?) {
        if (row["repeat_of"] as String?) != nil { repeated = true }
        firstRepeatReceived = (row["first_repeat"] as Int?).map(Day.init(number:))
        guard let evaluationDue else { return }
        // Opened as `EvaluationWindow.opened` says, from the events up to `through`: receipt of the
        // opinion, else its issue, else 不予受理.
        func seen(_ column: String) -> Day? { (row[column] as Int?).flatMap { $0 <= through.number ? Day(number: $0) : nil } }
        guard let opened = seen("opinion_received") ?? seen("answered") ?? seen("not_accepted") else { return }
        let due = evaluationDue(unit, opened)
        let evaluatedOn = (row["evaluated_day"] as Int?).map(Day.init(number:)).flatMap { $0 <= through ? $0 : nil }
        if let evaluatedOn, evaluatedOn <= due { return }
        evaluation = nil
        evaluationOverdue = through > due
    }
}
