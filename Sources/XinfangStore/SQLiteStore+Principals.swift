import GRDB
public import XinfangCore
public import XinfangPorts

// What the application layer's principal use cases need: a case's scope, petitioners' personal data
// opened with an audit row, supervision orders, and events appended once per idempotency key.

extension SQLiteStore: CaseScopes, PersonalDataStore, SupervisionStore, IdempotentEventStore, OpenCaseReads, MyPageReads {
    public func caseScope(number: String) throws -> CaseScope? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT unit, leader FROM cases WHERE number = ?", arguments: [number])
                .map { CaseScope(unit: $0["unit"], leader: $0["leader"]) }
        }
    }

    public func unackedReminders(recipients: [String], limit: Int) throws -> [ReminderState] {
        guard !recipients.isEmpty else { return [] }
        return try pool.read { db in
            try reminderStates(db, where: "r.acked_at IS NULL AND r.recipient IN (\(recipients.map { _ in "?" }.joined(separator: ", ")))",
                               arguments: StatementArguments(recipients), limit: limit)
        }
    }

    public func openPetitioner(caseNumber: String, actor: String) throws -> PetitionerContact? {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE number = ?)", arguments: [caseNumber]) == true else {
                throw StoreError("unknown case \(caseNumber)")
            }
            let contact = try Row.fetchOne(db, sql: "SELECT name, id_number, phone, address FROM petitioners WHERE case_number = ?",
                                           arguments: [caseNumber])
                .map { PetitionerContact(name: $0["name"], idNumber: $0["id_number"], phone: $0["phone"], address: $0["address"]) }
            try AuditChain.append(db, actor: actor, action: "case.personal.view", subject: caseNumber, detail: contact == nil ? "none kept" : "")
            return contact
        }
    }

    public func appendEvent(
        caseNumber: String, event: CaseEvent, note: String?, actor: String, key: IdempotencyKey, now: Int64,
        check: (CaseTimeline, CaseEvent) throws -> EventAcceptance,
        respond: (AppendOutcome) throws -> StoredResponse
    ) throws -> IdempotentWrite {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE created_at < ?", arguments: [now - 86_400])
            if let row = try Row.fetchOne(db, sql: "SELECT body_sha256, status, response FROM idempotency_keys WHERE actor = ? AND key = ?",
                                          arguments: [key.actor, key.key]) {
                guard row["body_sha256"] as String == key.bodySHA256 else { return .keyReused }
                return .replayed(StoredResponse(status: row["status"], body: row["response"]))
            }
            let outcome: AppendOutcome
            do {
                let (seq, acceptance) = try appendEvent(db, caseNumber: caseNumber, event: event, note: note, actor: actor, check: check)
                outcome = .recorded(seq: seq, acceptance: acceptance)
            } catch let refusal as RefusedEvent {
                outcome = .refused(refusal)
            }
            let response = try respond(outcome)
            try db.execute(sql: """
                INSERT INTO idempotency_keys (actor, key, body_sha256, case_number, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key.actor, key.key, key.bodySHA256, caseNumber, response.status, response.body, now])
            return .written(response)
        }
    }
}
