import Foundation
import GRDB
public import XinfangCore
public import XinfangPorts

extension SQLiteStore {
    // MARK: Units and leaders

    public func addUnit(name: String, address: String?, actor: String) throws {
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM units WHERE name = ?)", arguments: [name]) == true {
                throw StoreError("unit \(name) already exists")
            }
            try db.execute(sql: "INSERT INTO units (name, address, created_at) VALUES (?, ?, ?)", arguments: [name, address, Self.now()])
            try touchTimer(db, kind: .dailyReport, key: name)
            try AuditChain.append(db, actor: actor, action: "unit.add", subject: name, detail: "")
        }
    }

    public func units() throws -> [Party] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, address FROM units ORDER BY name").map { Party(name: $0["name"], address: $0["address"]) }
        }
    }

    public func addLeader(name: String, title: String?, unit: String?, address: String?, actor: String) throws {
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM leaders WHERE name = ?)", arguments: [name]) == true {
                throw StoreError("leader \(name) already exists")
            }
            if let unit, try !exists(db, unit: unit) { throw StoreError("unknown unit \(unit); add it first with `xinfangctl unit add`") }
            try db.execute(sql: "INSERT INTO leaders (name, title, unit, address, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [name, title, unit, address, Self.now()])
            try touchTimer(db, kind: .digest, key: name)
            try AuditChain.append(db, actor: actor, action: "leader.add", subject: name, detail: title ?? "")
        }
    }

    public func leaders() throws -> [Party] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM leaders ORDER BY name").map {
                Party(name: $0["name"], title: $0["title"], unit: $0["unit"], address: $0["address"])
            }
        }
    }

    func exists(_ db: Database, unit: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM units WHERE name = ?)", arguments: [unit]) ?? false
    }

    func exists(_ db: Database, leader: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM leaders WHERE name = ?)", arguments: [leader]) ?? false
    }

    // MARK: Cases and events

    /// Registers a case with its implied `received` event (seq 0). Refuses an unknown unit or leader
    /// and a number already taken.
    public func addCase(_ facts: CaseFacts, petitioner: PetitionerContact?, actor: String) throws {
        try pool.write { db in
            try insertCase(db, facts, petitioner: petitioner)
            try AuditChain.append(db, actor: actor, action: "case.add", subject: facts.number, detail: facts.unit)
        }
    }

    /// Registers a case and its later events in one transaction: each event is checked by `check`
    /// (the unit's policy) against the timeline so far; a refused one leaves nothing stored.
    /// Returns each event's acceptance.
    @discardableResult
    public func addCase(
        _ facts: CaseFacts, petitioner: PetitionerContact?, events: [(event: CaseEvent, note: String?)], actor: String,
        check: (CaseTimeline, CaseEvent) throws -> EventAcceptance
    ) throws -> [EventAcceptance] {
        try pool.write { db in
            try insertCase(db, facts, petitioner: petitioner)
            try AuditChain.append(db, actor: actor, action: "case.add", subject: facts.number, detail: facts.unit)
            var timeline = CaseTimeline(facts: facts)
            var acceptances: [EventAcceptance] = []
            for (event, note) in events {
                let acceptance = try check(timeline, event)
                let seq = timeline.events.count
                try insertEvent(db, caseNumber: facts.number, seq: seq, event: event, note: note)
                timeline = timeline.appending(checked: event)
                var detail = "\(seq) \(event.kind.name) \(event.on)"
                if let late = acceptance.lateByDays { detail += " late \(late)d" }
                try AuditChain.append(db, actor: actor, action: "event.add", subject: facts.number, detail: detail)
                acceptances.append(acceptance)
            }
            return acceptances
        }
    }

    func insertCase(_ db: Database, _ f: CaseFacts, petitioner: PetitionerContact?) throws {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE number = ?)", arguments: [f.number]) == true {
            throw StoreError("case \(f.number) already exists")
        }
        guard try exists(db, unit: f.unit) else { throw StoreError("unknown unit \(f.unit); add it first with `xinfangctl unit add`") }
        if let leader = f.leader, try !exists(db, leader: leader) {
            throw StoreError("unknown leader \(leader); add it first with `xinfangctl leader add`")
        }
        if let first = f.repeatOf, let refusal = try repeatLinkRefusal(db, number: f.number, received: f.received, repeatOf: first) {
            throw StoreError(refusal)
        }
        try insertCheckedCase(db, f, petitioner: petitioner, dirty: true, edited: true)
    }

    /// Inserts a case whose number, unit and leader the caller has checked. `edited`: entered by
    /// hand, so that the daemon lets it settle before overdue-type milestones fire.
    func insertCheckedCase(_ db: Database, _ f: CaseFacts, petitioner: PetitionerContact?, dirty: Bool, edited: Bool = false) throws {
        try insertCheckedCases(db, [(f, petitioner)], dirty: dirty, edited: edited)
    }

    /// Inserts cases whose numbers, units and leaders the caller has checked, each with its
    /// 登记 event, its owning leader and its petitioner, ``casesPerInsert`` to a statement: a
    /// statement per row, four per case, was most of a 100,000-row import's time (59 µs a case,
    /// where SQLite itself needs 17).
    func insertCheckedCases(_ db: Database, _ cases: [(facts: CaseFacts, petitioner: PetitionerContact?)], dirty: Bool, edited: Bool = false) throws {
        let now = Self.now()
        var first = cases.startIndex
        while first < cases.endIndex {
            let chunk = cases[first..<min(first + Self.casesPerInsert, cases.endIndex)]
            first = chunk.endIndex
            var facts: [(any DatabaseValueConvertible)?] = []
            var events: [(any DatabaseValueConvertible)?] = []
            var owners: [(any DatabaseValueConvertible)?] = []
            var petitioners: [(any DatabaseValueConvertible)?] = []
            facts.reserveCapacity(chunk.count * 17)
            events.reserveCapacity(chunk.count * 3)
            for (f, petitioner) in chunk {
                facts += [
                    f.number, f.received.number, f.channel.rawValue, f.category.rawValue, f.unit, f.persons, f.repeated, f.skipLevel,
                    f.leader, f.intake.rawValue, f.contactKnown, f.place, f.title, dirty, edited, now, f.repeatOf,
                ] as [(any DatabaseValueConvertible)?]
                events += [f.number, f.received.number, now] as [(any DatabaseValueConvertible)?]
                if let leader = f.leader { owners += [f.number, leader, now] as [(any DatabaseValueConvertible)?] }
                if let p = petitioner { petitioners += [f.number, p.name, p.idNumber, p.phone, p.address] as [(any DatabaseValueConvertible)?] }
            }
            try Self.insertRows(db, """
                INSERT INTO cases (number, received, channel, category, unit, persons, repeated, skip_level, leader, intake,
                                   contact_known, place, title, dirty, edited, created_at, repeat_of)
                """, row: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)
            try Self.insertRows(db, "INSERT INTO events (case_number, seq, type, day, recorded_at)",
                                row: "(?, 0, '\(EventType.received.key)', ?, ?)", events)
            try Self.insertRows(db, "INSERT INTO ownership (case_number, leader, since)", row: "(?, ?, ?)", owners)
            try Self.insertRows(db, "INSERT INTO petitioners (case_number, name, id_number, phone, address)", row: "(?, ?, ?, ?, ?)", petitioners)
        }
    }

    /// Cases per INSERT: 64 × 17 parameters, well inside SQLite's limit of 32,766.
    static let casesPerInsert = 64

    /// `head VALUES row, row, …` with as many rows as `values` fills (`row` has one `?` per value
    /// of a row); nothing when `values` is empty.
    static func insertRows(_ db: Database, _ head: String, row: String, _ values: [(any DatabaseValueConvertible)?]) throws {
        let perRow = row.count(where: { $0 == "?" })
        guard !values.isEmpty, perRow > 0 else { return }
        try db.cachedStatement(sql: multiRowSQL(head, row: row, count: values.count / perRow)).execute(arguments: StatementArguments(values))
    }

    /// `head VALUES row, row, … tail`: one statement for `count` rows (a statement per row was most
    /// of an import's and a catch-up's cost).
    static func multiRowSQL(_ head: String, row: String, count: Int, tail: String = "") -> String {
        head + " VALUES " + Array(repeating: row, count: count).joined(separator: ", ") + (tail.isEmpty ? "" : " " + tail)
    }

    /// The case with its timeline and stored deadlines, or nil.
    public func loadCase(number: String) throws -> StoredCase? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE number = ?", arguments: [number]) else { return nil }
            return try loadCase(db, row: row)
        }
    }

    func loadCase(_ db: Database, row: Row) throws -> StoredCase {
        let facts = CaseFacts(row: row)
        var timeline = CaseTimeline(facts: facts)
        let events = try db.cachedStatement(sql: "SELECT type, day, data FROM events WHERE case_number = ? AND seq > 0 ORDER BY seq")
        for e in try Row.fetchAll(events, arguments: [facts.number]) {
            if let kind = EventCoding.decode(type: e["type"], data: e["data"]) {
                timeline = timeline.appending(checked: CaseEvent(kind, on: Day(number: e["day"])))
            }
        }
        let deadlines = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM deadlines WHERE case_number = ?"), arguments: [facts.number])
            .map(StoredDeadline.init(row:)).sorted { $0.kind < $1.kind }
        return StoredCase(timeline: timeline, version: row["version"], deadlines: deadlines)
    }

    /// Appends one event after `check` (the unit's policy) accepts it against the stored timeline;
    /// marks the case for recomputation. Returns the event's sequence number and the acceptance.
    public func appendEvent(
        caseNumber: String, event: CaseEvent, note: String?, actor: String,
        check: (CaseTimeline, CaseEvent) throws -> EventAcceptance
    ) throws -> (seq: Int, acceptance: EventAcceptance) {
        try pool.write { db in try appendEvent(db, caseNumber: caseNumber, event: event, note: note, actor: actor, check: check) }
    }

    /// `appendEvent` inside the caller's transaction.
    func appendEvent(
        _ db: Database, caseNumber: String, event: CaseEvent, note: String?, actor: String,
        check: (CaseTimeline, CaseEvent) throws -> EventAcceptance
    ) throws -> (seq: Int, acceptance: EventAcceptance) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE number = ?", arguments: [caseNumber]) else {
            throw StoreError("unknown case \(caseNumber)")
        }
        let stored = try loadCase(db, row: row)
        let acceptance = try check(stored.timeline, event)
        let seq = stored.timeline.events.count
        try insertEvent(db, caseNumber: caseNumber, seq: seq, event: event, note: note)
        var detail = "\(seq) \(event.kind.name) \(event.on)"
        if let late = acceptance.lateByDays { detail += " late \(late)d" }
        try AuditChain.append(db, actor: actor, action: "event.add", subject: caseNumber, detail: detail)
        return (seq, acceptance)
    }

    func insertEvent(_ db: Database, caseNumber: String, seq: Int, event: CaseEvent, note: String?) throws {
        try insertEventRow(db, caseNumber: caseNumber, seq: seq, event: event, note: note)
        try markChanged(db, caseNumber: caseNumber, closedOn: { if case .closed = event.kind { event.on } else { nil } }())
    }

    /// Appends the event row only; the caller marks the case changed.
    func insertEventRow(_ db: Database, caseNumber: String, seq: Int, event: CaseEvent, note: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO events (case_number, seq, type, day, data, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [caseNumber, seq, event.kind.name, event.on.number, EventCoding.encode(event.kind), note, Self.now()])
    }

    /// Bumps the case's version and asks the daemon to recompute it; `edited`: a change by hand,
    /// after which the case settles before overdue-type milestones fire (an import is atomic: false).
    func markChanged(_ db: Database, caseNumber: String, closedOn: Day?, edited: Bool = true) throws {
        try db.cachedStatement(sql: """
            UPDATE cases SET version = version + 1, dirty = 1, edited = MAX(edited, ?), closed = COALESCE(?, closed) WHERE number = ?
            """).execute(arguments: [edited, closedOn?.number, caseNumber])
    }

    /// Makes `leader` the owning leader (包案领导) of a case, keeping the history.
    public func assign(caseNumber: String, leader: String, actor: String) throws {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE number = ?)", arguments: [caseNumber]) == true else {
                throw StoreError("unknown case \(caseNumber)")
            }
            guard try exists(db, leader: leader) else { throw StoreError("unknown leader \(leader); add it first with `xinfangctl leader add`") }
            let now = Self.now()
            try db.execute(sql: "UPDATE ownership SET until = ? WHERE case_number = ? AND until IS NULL", arguments: [now, caseNumber])
            try db.execute(sql: "INSERT INTO ownership (case_number, leader, since) VALUES (?, ?, ?)", arguments: [caseNumber, leader, now])
            try db.execute(sql: "UPDATE cases SET leader = ?, version = version + 1, dirty = 1, edited = 1 WHERE number = ?", arguments: [leader, caseNumber])
            try AuditChain.append(db, actor: actor, action: "case.assign", subject: caseNumber, detail: leader)
        }
    }

    /// The ownership history of a case: (leader, since, until).
    public func ownership(caseNumber: String) throws -> [(leader: String, since: Int64, until: Int64?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ownership WHERE case_number = ? ORDER BY rowid", arguments: [caseNumber])
                .map { ($0["leader"], $0["since"], $0["until"]) }
        }
    }

    /// Numbers of the stored events of a case, with their kinds (for idempotent imports and `case show`).
    public func events(caseNumber: String) throws -> [(seq: Int, event: CaseEvent, note: String?, recordedAt: Int64)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM events WHERE case_number = ? ORDER BY seq", arguments: [caseNumber]).compactMap { row in
                EventCoding.decode(type: row["type"], data: row["data"]).map {
                    (row["seq"], CaseEvent($0, on: Day(number: row["day"])), row["note"], row["recorded_at"])
                }
            }
        }
    }
}

extension SQLiteStore {
    /// Every open case of a unit, with its timeline and stored deadlines (for dry-runs).
    public func openCases(unit: String) throws -> [StoredCase] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE unit = ? AND closed IS NULL ORDER BY number", arguments: [unit])
                .map { try loadCase(db, row: $0) }
        }
    }

    /// Every open case a leader owns, with its timeline and stored deadlines.
    public func openCases(leader: String) throws -> [StoredCase] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE leader = ? AND closed IS NULL ORDER BY number", arguments: [leader])
                .map { try loadCase(db, row: $0) }
        }
    }
}

extension SQLiteStore {
    /// Every open case (optionally of one unit), with its timeline and stored deadlines, read with a
    /// cursor inside one read transaction: `body` must not call the store.
    public func forEachOpenCase(unit: String? = nil, _ body: (StoredCase) throws -> Void) throws {
        try pool.read { db in
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT * FROM cases WHERE closed IS NULL" + (unit == nil ? "" : " AND unit = ?") + " ORDER BY number",
                arguments: unit.map { [$0] } ?? [])
            while let row = try cursor.next() { try body(try loadCase(db, row: row)) }
        }
    }

    /// The overdue records of one case that stand (withdrawn ones are gone): `D1|2026-10-13`.
    public func overdueRecords(caseNumber: String) throws -> Set<String> {
        try pool.read { db in
            Set(try Row.fetchAll(db, sql: "SELECT kind, due FROM overdue WHERE case_number = ?", arguments: [caseNumber])
                .map { "\($0["kind"] as String)|\(Day(number: $0["due"]))" })
        }
    }

    /// Missed deadlines recorded per case (the overdue table), for risk scores.
    public func overdueCounts() throws -> [String: Int] {
        try pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT case_number, COUNT(*) AS n FROM overdue GROUP BY case_number") {
                counts[row["case_number"]] = row["n"]
            }
            return counts
        }
    }
}
