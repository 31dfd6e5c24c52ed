import Foundation
import GRDB
public import XinfangCore
import XinfangPorts

extension SQLiteStore {
    /// Records a supervision order (督办单) the caller validated; refuses an unknown unit or case and a taken id.
    public func addSupervisionOrder(_ order: SupervisionOrder, actor: String) throws {
        try pool.write { db in
            guard try exists(db, unit: order.unit) else { throw StoreError("unknown unit \(order.unit)") }
            if let number = order.caseNumber,
               try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE number = ?)", arguments: [number]) != true {
                throw StoreError("unknown case \(number)")
            }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM supervision_orders WHERE id = ?)", arguments: [order.id]) == true {
                throw StoreError("supervision order \(order.id) already exists")
            }
            try db.execute(sql: """
                INSERT INTO supervision_orders (id, case_number, unit, kind, issued_by, issued, feedback_due, promised, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [order.id, order.caseNumber, order.unit, order.kind.rawValue, order.issuedBy, order.issued.number,
                                 order.feedbackDue?.number, order.promisedCompletion?.number, Self.now()])
            try touchTimer(db, kind: .supervision, key: order.id)
            try AuditChain.append(db, actor: actor, action: "supervision.issue", subject: order.id,
                                  detail: "\(order.kind.rawValue) \(order.unit) \(order.caseNumber ?? "") by \(order.issuedBy)")
        }
    }

    /// Records feedback or closure of an order.
    public func addSupervisionEvent(orderID: String, _ event: SupervisionEvent, actor: String) throws {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM supervision_orders WHERE id = ?)", arguments: [orderID]) == true else {
                throw StoreError("unknown supervision order \(orderID)")
            }
            let kind: String = if case .closed = event { "closed" } else { "feedback" }
            try db.execute(sql: "INSERT INTO supervision_events (order_id, kind, day, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [orderID, kind, event.day.number, Self.now()])
            try touchTimer(db, kind: .supervision, key: orderID)
            try AuditChain.append(db, actor: actor, action: "supervision.\(kind)", subject: orderID, detail: event.day.description)
        }
    }

    /// Every order with its events.
    public func supervisionRecords() throws -> [SupervisionRecord] {
        try pool.read { db in try Self.supervisionRecords(db) }
    }

    static func supervisionRecords(_ db: Database, id: String? = nil) throws -> [SupervisionRecord] {
        var events: [String: [SupervisionEvent]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM supervision_events" + (id == nil ? "" : " WHERE order_id = ?") + " ORDER BY rowid",
                                    arguments: id.map { [$0] } ?? []) {
            let day = Day(number: row["day"])
            events[row["order_id"], default: []].append(row["kind"] == "closed" ? .closed(on: day) : .feedbackReceived(on: day))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM supervision_orders" + (id == nil ? "" : " WHERE id = ?") + " ORDER BY issued, id",
                                arguments: id.map { [$0] } ?? []).map { row in
            let order = SupervisionOrder(
                id: row["id"], caseNumber: row["case_number"], unit: row["unit"],
                kind: SupervisionKind(rawValue: row["kind"]) ?? .supervise, issuedBy: row["issued_by"], issued: Day(number: row["issued"]),
                feedbackDue: (row["feedback_due"] as Int?).map(Day.init(number:)), promisedCompletion: (row["promised"] as Int?).map(Day.init(number:)))
            return SupervisionRecord(order: order, events: events[order.id] ?? [])
        }
    }
}

extension DatabaseTimerQueries {
    func supervisionRecord(id: String) throws -> SupervisionRecord? { try SQLiteStore.supervisionRecords(db, id: id).first }
    func unitAddress(_ name: String) throws -> String? { try String.fetchOne(db, sql: "SELECT address FROM units WHERE name = ?", arguments: [name]) }
}
