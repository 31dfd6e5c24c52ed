import Foundation
import GRDB
public import XinfangCore
public import XinfangPorts

extension SQLiteStore: CaseStore {
    /// Applies a whole import file in one transaction, or nothing: any bad row rejects the file with
    /// every problem found as `file:line:field: reason`. Re-importing the same file changes nothing
    /// (a case already stored with the same facts, an event already stored at its seq, are skipped;
    /// different ones are errors).
    public func importBatch(
        file: String, cases: [ImportCase], events: [ImportEvent], states: [ImportedCaseState] = [], actor: String,
        check: (CaseTimeline, CaseEvent) throws(RefusedEvent) -> EventAcceptance,
        progress: ((Int) -> Void)? = nil
    ) throws -> ImportOutcome {
        func apply(_ db: Database) throws -> ImportOutcome {
            // A large file's pages stay in memory until the commit (with SQLite's default 2 MB
            // cache, a 100,000-case import, 46 MB of pages, spills dirty pages to the WAL early).
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            var outcome = ImportOutcome()
            var errors: [InputError] = []
            func fail(_ line: Int, _ field: String, _ reason: String) {
                if errors.count < 100 { errors.append(InputError(file: file, line: line, field: field, reason: reason)) }
            }
            // The file's cases already stored, read in one query (a lookup per row was a tenth of
            // a 100,000-case import's store phase).
            var stored: [String: Row] = [:]
            let numbers = Set(cases.map(\.facts.number)).union(events.map(\.caseNumber))
            if !numbers.isEmpty {
                let list = String(decoding: try JSONEncoder().encode(Array(numbers)), as: UTF8.self)
                for row in try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE number IN (SELECT value FROM json_each(?))", arguments: [list]) {
                    stored[row["number"]] = row
                }
            }
            var unitKnown: [String: Bool] = [:]
            var leaderKnown: [String: Bool] = [:]
            // Cases new in this file: their timeline so far is known without reading it back.
            var fresh: [String: CaseTimeline] = [:]
            var adding: [(facts: CaseFacts, petitioner: PetitionerContact?)] = []
            for c in cases {
                if let known = stored[c.facts.number].map(CaseFacts.init(row:)) ?? fresh[c.facts.number]?.facts {
                    // A link made later (`case link`) is not undone by a file that names none.
                    var known = known
                    if c.facts.repeatOf == nil { known.repeatOf = nil }
                    if known == c.facts { outcome.casesUnchanged += 1 } else {
                        fail(c.line, "number", "case \(c.facts.number) is already stored with other facts")
                    }
                    continue
                }
                let unit = c.facts.unit
                if try unitKnown[unit] ?? { let known = try exists(db, unit: unit); unitKnown[unit] = known; return known }() == false {
                    fail(c.line, "unit", "unknown unit \(unit); add it first with `xinfangctl unit add`")
                    continue
                }
                if let leader = c.facts.leader,
                   try leaderKnown[leader] ?? { let known = try exists(db, leader: leader); leaderKnown[leader] = known; return known }() == false {
                    fail(c.line, "leader", "unknown leader \(leader); add it first with `xinfangctl leader add`")
                    continue
                }
                adding.append((c.facts, c.petitioner))
                fresh[c.facts.number] = CaseTimeline(facts: c.facts)
                outcome.casesAdded += 1
            }
            try insertCheckedCases(db, adding, dirty: true)
            // Repeat links, once every case of the file is in: a first case may come later in the file.
            for c in cases where fresh[c.facts.number] != nil {
                guard let first = c.facts.repeatOf else { continue }
                if let refusal = try repeatLinkRefusal(db, number: c.facts.number, received: c.facts.received, repeatOf: first) {
                    fail(c.line, "repeat_of", refusal)
                }
            }
            // Events, case by case in seq order, each checked against the timeline so far.
            var byCase: [String: [ImportEvent]] = [:]
            var order: [String] = []
            for e in events {
                if byCase[e.caseNumber] == nil { order.append(e.caseNumber) }
                byCase[e.caseNumber, default: []].append(e)
            }
            var done = 0
            for number in order {
                let list = byCase[number]!.sorted { $0.seq < $1.seq }
                var timeline: CaseTimeline
                if let known = fresh[number] {
                    timeline = known
                } else if let row = stored[number] {
                    timeline = try loadCase(db, row: row).timeline
                } else {
                    fail(list[0].line, "case", "unknown case \(number): not in the store nor in this file")
                    continue
                }
                let storedCount = timeline.events.count - 1
                var added = 0
                for e in list {
                    if e.seq <= storedCount {
                        if timeline.events[e.seq] == e.event { outcome.eventsUnchanged += 1 } else {
                            fail(e.line, "seq", "event \(e.seq) of \(number) is already stored as \(timeline.events[e.seq].kind.name) on \(timeline.events[e.seq].on)")
                        }
                        continue
                    }
                    let expected = timeline.events.count
                    guard e.seq == expected else {
                        fail(e.line, "seq", "\(number) has \(expected - 1) event(s); the next is seq \(expected), not \(e.seq)")
                        break
                    }
                    let acceptance: EventAcceptance
                    do throws(RefusedEvent) { acceptance = try check(timeline, e.event) } catch {
                        fail(e.line, "type", error.description)
                        break
                    }
                    if acceptance.lateByDays != nil { outcome.lateRequests += 1 }
                    timeline = timeline.appending(checked: e.event)
                    try insertEventRow(db, caseNumber: number, seq: e.seq, event: e.event, note: e.note)
                    added += 1
                }
                if added > 0 {
                    outcome.eventsAdded += added
                    let closed = timeline.summary.closed
                    if fresh[number] == nil || closed != nil { try markChanged(db, caseNumber: number, closedOn: closed, edited: false) }
                }
                done += list.count
                progress?(done)
            }
            guard errors.isEmpty else { throw InputErrors(errors) }
            if outcome.casesAdded + outcome.eventsAdded > 0 {
                try AuditChain.append(db, actor: actor, action: "import", subject: file,
                                      detail: "cases +\(outcome.casesAdded) events +\(outcome.eventsAdded)")
            }
            // After the cases exist, in the same transaction: a kill at any moment keeps both or neither.
            outcome.statesChanged = try writeImportedStates(db, states, source: file, actor: actor)
            return outcome
        }
        return try pool.writeWithoutTransaction { db in
            // Statement journals in memory, not in a temporary file: once one statement's journal
            // outgrew 64 KiB, every later statement of the transaction wrote its journal to
            // /var/tmp (2.3 million pwrite calls for 100,000 cases). Set outside the transaction
            // (SQLite refuses it inside one), and put back after.
            let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? 0
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer { try? db.execute(sql: "PRAGMA temp_store = \(tempStore)") }
            var outcome: ImportOutcome?
            try db.inTransaction {
                outcome = try apply(db)
                return .commit
            }
            return outcome!
        }
    }
}
