public import XinfangCore

/// What importing an export changes in a store that may already hold some of its cases: new rows
/// add cases, rows of stored cases add the dated events the store lacks, and nothing recorded is
/// rewritten (a fact that differs is listed, not changed).
public struct ExchangePlan: Sendable {
    /// A stored case whose row says something else than what is recorded.
    public struct Difference: Sendable, Encodable {
        public var number: String
        public var row: Int
        /// The fields that differ (Xinfang's names), or why the row's events cannot follow the stored ones.
        public var what: String
    }

    /// A case whose state implies events the export gives no day for.
    public struct Undated: Sendable, Encodable {
        public var number: String
        public var state: String
        public var events: [String]
    }

    /// Cases to add, with their events (seq from 1).
    public var newCases: [ExchangeCase] = []
    /// Events to append to stored cases, seq after the stored ones.
    public var appended: [EventRecord] = []
    /// Stored cases the export has nothing new for.
    public var unchanged = 0
    /// Stored events the export repeats.
    public var eventsAlreadyStored = 0
    /// Facts that differ from the store: kept as recorded.
    public var kept: [Difference] = []
    /// Events that cannot follow the stored timeline (an earlier day than the last stored event).
    public var conflicts: [Difference] = []
    /// States without days.
    public var undated: [Undated] = []

    /// The records for `SQLiteStore.importBatch`.
    public func importBatch(file: String) -> ImportBatch {
        ImportBatch(file: file, cases: newCases.map(\.record), events: newCases.flatMap(\.events) + appended)
    }

    public var changesNothing: Bool { newCases.isEmpty && appended.isEmpty }

    /// The plan for `batch` against the stored timelines of its cases.
    public init(_ batch: ExchangeBatch, stored: [String: CaseTimeline]) {
        for c in batch.cases {
            if let state = c.state, !c.undated.isEmpty { undated.append(Undated(number: c.record.facts.number, state: state, events: c.undated)) }
            guard let timeline = stored[c.record.facts.number] else {
                newCases.append(c)
                continue
            }
            let number = c.record.facts.number
            let differing = Self.differences(timeline.facts, c.record.facts)
            if !differing.isEmpty { kept.append(Difference(number: number, row: c.row, what: differing.joined(separator: ", "))) }
            var recorded = Array(timeline.events.dropFirst())
            var added = 0
            for e in c.events {
                if recorded.contains(e.event) {
                    eventsAlreadyStored += 1
                    continue
                }
                if let last = recorded.last, e.event.on < last.on {
                    conflicts.append(Difference(
                        number: number, row: c.row,
                        what: "\(e.event.kind.name) on \(e.event.on) is before the last stored event (\(last.kind.name) on \(last.on)): not added"))
                    break
                }
                recorded.append(e.event)
                appended.append(EventRecord(caseNumber: number, seq: recorded.count, event: e.event, note: e.note, line: e.line))
                added += 1
            }
            if added == 0 && differing.isEmpty { unchanged += 1 }
        }
    }

    /// The facts an export carries that differ from the stored ones.
    static func differences(_ stored: CaseFacts, _ export: CaseFacts) -> [String] {
        var out: [String] = []
        if stored.received != export.received { out.append("received") }
        if stored.category != export.category { out.append("category") }
        if stored.channel != export.channel { out.append("channel") }
        if stored.unit != export.unit { out.append("unit") }
        if stored.persons != export.persons { out.append("persons") }
        if stored.repeated != export.repeated { out.append("repeated") }
        if export.place != nil && stored.place != export.place { out.append("place") }
        if export.title != nil && stored.title != export.title { out.append("title") }
        return out
    }
}
