import GRDB
public import XinfangCore
public import XinfangReports

extension SQLiteStore {
    /// The bulletin's per-case summary in one pass over the store (cases received up to `through`,
    /// optionally of one unit), read with a cursor. On-time flags come from the deadlines the daemon
    /// computed: a case it has not computed yet counts as on time until it has.
    public func bulletinCases(through: Day, unit: String? = nil) throws -> [BulletinCase] {
        try pool.read { db in
            var sql = """
                SELECT c.number, c.unit, c.received, c.category, c.repeated,
                       (SELECT MIN(e.day) FROM events e WHERE e.case_number = c.number AND e.type = 'accepted') AS accepted,
                       (SELECT MIN(e.day) FROM events e WHERE e.case_number = c.number AND e.type = 'opinion_issued') AS answered,
                       (SELECT e.data FROM events e WHERE e.case_number = c.number AND e.type = 'evaluated' LIMIT 1) AS evaluation,
                       EXISTS (SELECT 1 FROM events e WHERE e.case_number = c.number AND e.type IN ('review_requested', 'recheck_requested')) AS review,
                       d6.due AS d6_due, d6.status AS d6_status,
                       (SELECT d.status FROM deadlines d WHERE d.case_number = c.number AND d.kind IN ('D2', 'D3') ORDER BY d.kind DESC LIMIT 1) AS notice_status
                FROM cases c LEFT JOIN deadlines d6 ON d6.case_number = c.number AND d6.kind = 'D6'
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
            }
            return out
        }
    }
}
