public import XinfangCore
public import XinfangPolicy

/// A case timeline file (TOML or JSON): the case's facts and its events, as documented in the README.
public struct TimelineFile: Sendable {
    /// One event with where it stands in the file.
    public struct Entry: Sendable {
        public var event: CaseEvent
        public var field: String
        public var line: Int?
    }

    public var file: String
    public var facts: CaseFacts
    public var entries: [Entry]

    /// Reads `path` (`.json` by extension, TOML otherwise). Errors name file, line and field.
    public static func read(path: String) throws(InputError) -> TimelineFile {
        let doc = try DataDocument.read(path: path)
        let root = doc.reader
        try root.rejectUnknownKeys(["case", "events"])
        let c = try root.table("case")
        try c.rejectUnknownKeys([
            "number", "received", "channel", "category", "unit", "persons", "repeated", "skip_level", "leader", "intake",
            "contact_known", "place", "title",
        ])
        let facts = CaseFacts(
            number: try c.nonEmptyString("number"), received: try c.day("received"),
            channel: try c.choice("channel", PetitionChannel.self, default: .letter),
            category: try c.choice("category", PetitionCategory.self), unit: try c.nonEmptyString("unit"),
            persons: c.has("persons") ? try c.int("persons", in: 1...100_000) : 1,
            repeated: try c.bool("repeated", default: false), skipLevel: try c.bool("skip_level", default: false),
            leader: try c.optionalString("leader"), intake: try c.choice("intake", Intake.self, default: .bureau),
            contactKnown: try c.bool("contact_known", default: true), place: try c.optionalString("place"),
            title: try c.optionalString("title"))
        var entries: [Entry] = []
        for e in try root.tables("events") {
            entries.append(Entry(event: try event(e), field: e.path, line: e.line()))
        }
        return TimelineFile(file: path, facts: facts, entries: entries)
    }

    private static func event(_ e: FieldReader) throws(InputError) -> CaseEvent {
        let typed = try e.string("type")
        let on = try e.day("on")
        // An event type by its machine name or a Chinese name (受理 = accepted).
        guard let type = EventType(typed: typed) else {
            throw e.error("type", "unknown event type \"\(typed)\"; expected one of: \(CaseEvent.Kind.namesWithChinese.joined(separator: ", "))")
        }
        let allowed = Set(["type", "on", "note"] + type.valueKeys.map(\.rawValue))
        let kind = try CaseEvent.Kind(type, values: EventValues(reader: e))
        try e.rejectUnknownKeys(allowed)
        return CaseEvent(kind, on: on)
    }

    /// Builds the timeline under `policy`, refusing the first event that breaks a rule with the
    /// event's file, line and field, and the rule. Returns the timeline and each event's acceptance.
    public func timeline(policy: any DeadlinePolicy, calendar: WorkingCalendar) throws(InputError)
        -> (CaseTimeline, [EventAcceptance])
    {
        var timeline = CaseTimeline(facts: facts)
        var acceptances: [EventAcceptance] = []
        for entry in entries {
            // The received event is implied by `case.received`; a repeat of it on that day is tolerated.
            if case .received = entry.event.kind, entry.event.on == facts.received, acceptances.isEmpty, timeline.events.count == 1 {
                continue
            }
            do throws(RefusedEvent) {
                acceptances.append(try policy.append(entry.event, to: &timeline, calendar: calendar))
            } catch {
                throw InputError(file: file, line: entry.line, field: entry.field, reason: error.description)
            }
        }
        return (timeline, acceptances)
    }
}

extension TimelineFile {
    /// An event's own values in a timeline file's table, by the keys of `EventValueKey`.
    struct EventValues: EventValueSource {
        var reader: FieldReader
        func optionalText(_ key: EventValueKey) throws(InputError) -> String? { try reader.optionalString(key.rawValue) }
        func requiredText(_ key: EventValueKey) throws(InputError) -> String { try reader.nonEmptyString(key.rawValue) }
        func optionalDay(_ key: EventValueKey) throws(InputError) -> Day? { try reader.optionalDay(key.rawValue) }
        func requiredInt(_ key: EventValueKey) throws(InputError) -> Int { try reader.int(key.rawValue) }
        func rating(_ key: EventValueKey) throws(InputError) -> Rating { try reader.choice(key.rawValue, Rating.self) }
    }

    /// An event from command-line values (`xinfangctl event add CASE TYPE --on … --days …`), read by
    /// the same rules as a timeline file's `[[events]]` entry; errors name the option.
    public static func event(type: String, on: Day, options: [String: String]) throws(InputError) -> CaseEvent {
        var table: [String: DataValue] = ["type": .string(type), "on": .date(on)]
        for (key, value) in options {
            table[key] = key == "days" ? (Int(value).map(DataValue.int) ?? .string(value)) : .string(value)
        }
        let document = DataDocument(file: "command line", root: table, sourceMap: nil)
        return try event(document.reader)
    }
}
