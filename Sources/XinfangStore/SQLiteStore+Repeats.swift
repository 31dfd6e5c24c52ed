import GRDB
public import XinfangCore
import XinfangPorts

/// What `linkRepeat` did.
public enum RepeatLinkOutcome: Equatable, Sendable {
    /// The link was recorded.
    case linked
    /// The case already named that first case: nothing changed.
    case unchanged
}

extension SQLiteStore {
    /// Why case `number` (received on `received`) cannot be recorded as a repeat of `first`, or nil
    /// when it can. A matter is one first case (初件) and its repeats (重件), so the link must name a
    /// stored case that is not itself a repeat, received on or before the repeat, and the repeat must
    /// not be the first case of others; this keeps every link one step long, so no cycle can form.
    func repeatLinkRefusal(_ db: Database, number: String, received: Day, repeatOf first: String) throws -> String? {
        if first == number { return "重件不能指向自身 a case cannot be a repeat of itself (\(number))" }
        guard let target = try Row.fetchOne(db, sql: "SELECT received, repeat_of FROM cases WHERE number = ?", arguments: [first]) else {
            return "初件不存在 unknown first case \(first)"
        }
        if let root: String = target["repeat_of"] {
            return "\(first) 本身是 \(root) 的重件，请指向初件 \(root)；\(first) is itself a repeat of \(root): link to the first case \(root)"
        }
        let firstReceived = Day(number: target["received"])
        if received < firstReceived {
            return "重件收到日期 \(received) 早于初件 \(first) 的 \(firstReceived)；a repeat is received on or after its first case"
        }
        let own = try String.fetchAll(db, sql: "SELECT number FROM cases WHERE repeat_of = ? ORDER BY received, number LIMIT 4", arguments: [number])
        if !own.isEmpty {
            let list = own.prefix(3).joined(separator: ", ") + (own.count > 3 ? ", …" : "")
            return "\(number) 已是初件，有重件 \(list)；\(number) is the first case of repeats (\(list)) and cannot itself be a repeat"
        }
        return nil
    }

    /// Records case `number` as a repeat petition (重件) of `first` (its 初件), in one transaction
    /// with its audit entry. Throws `StoreError` with the reason when refused (see
    /// `repeatLinkRefusal`, and a case already linked to another first case); linking again to the
    /// same first case changes nothing.
    @discardableResult
    public func linkRepeat(number: String, repeatOf first: String, actor: String) throws -> RepeatLinkOutcome {
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT received, repeat_of FROM cases WHERE number = ?", arguments: [number]) else {
                throw StoreError("unknown case \(number)")
            }
            if let current: String = row["repeat_of"] {
                if current == first { return .unchanged }
                throw StoreError("\(number) 已是 \(current) 的重件 is already a repeat of \(current)")
            }
            if let refusal = try repeatLinkRefusal(db, number: number, received: Day(number: row["received"]), repeatOf: first) {
                throw StoreError(refusal)
            }
            try db.execute(sql: "UPDATE cases SET repeat_of = ?, version = version + 1 WHERE number = ?", arguments: [first, number])
            try AuditChain.append(db, actor: actor, action: "case.link", subject: number, detail: "repeat_of \(first)")
            return .linked
        }
    }

    /// The repeats linked to `first`, by day received then number.
    public func repeats(of first: String) throws -> [(number: String, received: Day)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT number, received FROM cases WHERE repeat_of = ? ORDER BY received, number", arguments: [first])
                .map { ($0["number"], Day(number: $0["received"])) }
        }
    }

    /// The number of repeats received on or before `asOf`, by first case: what the risk ranking
    /// counts for every case of the matter.
    public func repeatCounts(asOf: Day) throws -> [String: Int] {
        try pool.read { db in
            var counts: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT repeat_of, COUNT(*) AS n FROM cases WHERE repeat_of IS NOT NULL AND received <= ? GROUP BY repeat_of
                """, arguments: [asOf.number])
            while let row = try rows.next() { counts[row["repeat_of"]] = row["n"] }
            return counts
        }
    }
}
