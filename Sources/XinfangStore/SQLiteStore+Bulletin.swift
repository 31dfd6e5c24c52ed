import GRDB
public import XinfangCore
public import XinfangPorts

extension SQLiteStore: BulletinStore {
    /// The bulletin's per-case rows in one pass over the store (cases received up to `through`,
    /// optionally of one unit), read with a cursor, with the deadline statuses the daemon computed.
    public func bulletinCases(through: Day, unit: String? = nil) throws -> [BulletinCaseRow] {
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
            var out: [BulletinCaseRow] = []
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                let rating = (row["evaluation"] as String?).flatMap { data in Rating.allCases.first { data.contains("\"\($0.rawValue)\"") } }
                var r = BulletinCaseRow(
                    number: row["number"], unit: row["unit"], received: Day(number: row["received"]),
                    category: PetitionCategory(rawValue: row["category"]) ?? .claim, repeated: row["repeated"])
                r.accepted = (row["accepted"] as Int?).map(Day.init(number:))
                r.noticeStatus = (row["notice_status"] as String?).flatMap(DeadlineStatus.init(rawValue:))
                r.answered = (row["answered"] as Int?).map(Day.init(number:))
                r.handlingDue = (row["d6_due"] as Int?).map(Day.init(number:))
                r.handlingStatus = (row["d6_status"] as String?).flatMap(DeadlineStatus.init(rawValue:))
                r.evaluation = rating
                r.reviewRequested = row["review"]
                r.repeatOf = row["repeat_of"]
                r.firstRepeatReceived = (row["first_repeat"] as Int?).map(Day.init(number:))
                r.opinionReceived = (row["opinion_received"] as Int?).map(Day.init(number:))
                r.notAccepted = (row["not_accepted"] as Int?).map(Day.init(number:))
                r.evaluatedOn = (row["evaluated_day"] as Int?).map(Day.init(number:))
                out.append(r)
            }
            return out
        }
    }
}
