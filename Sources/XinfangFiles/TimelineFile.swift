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
        // An event type by its machine name or a Chinese name (受理 = accepted).
        let type = CaseEvent.Kind.machineName(typed) ?? typed
        let on = try e.day("on")
        var allowed: Set<String> = ["type", "on", "note"]
        let kind: CaseEvent.Kind
        switch type {
        case "received": kind = .received
        case "forwarded":
            allowed.insert("to")
            kind = .forwarded(to: try e.optionalString("to"))
        case "assigned":
            allowed.formUnion(["to", "report_due"])
            kind = .assigned(to: try e.optionalString("to"), reportDue: try e.optionalDay("report_due"))
        case "objected": kind = .objected
        case "accepted": kind = .accepted
        case "not_accepted": kind = .notAccepted
        case "extension":
            allowed.formUnion(["days", "approver", "reason"])
            kind = .extensionGranted(days: try e.int("days"), approver: try e.nonEmptyString("approver"),
                                     reason: try e.nonEmptyString("reason"))
        case "opinion_issued": kind = .opinionIssued
        case "opinion_received": kind = .opinionReceived
        case "result_reported": kind = .resultReported
        case "review_requested": kind = .reviewRequested
        case "review_answered": kind = .reviewAnswered
        case "recheck_requested": kind = .recheckRequested
        case "hearing_started": kind = .hearingStarted
        case "hearing_ended": kind = .hearingEnded
        case "recheck_answered": kind = .recheckAnswered
        case "closed": kind = .closed
        case "evaluated":
            allowed.insert("rating")
            kind = .evaluated(try e.choice("rating", Rating.self))
        default:
            throw e.error("type", "unknown event type \"\(type)\"; expected one of: \(CaseEvent.Kind.namesWithChinese.joined(separator: ", "))")
        }
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
