import Testing
import XinfangCore
import XinfangFiles
import XinfangPolicy

/// The package root: this file is `<root>/Tests/XinfangPolicyTests/Support.swift`.
let packageRoot: String = {
    var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()

/// The real `cn` calendar (etc/calendars/cn/2004…2026.toml), loaded once.
let loadedCalendar: Result<WorkingCalendar, any Error> = Result {
    try CalendarLocator.load(id: "cn", directory: packageRoot + "/etc/calendars")
}

func cn() throws -> WorkingCalendar { try loadedCalendar.get() }

/// A date literal; records an issue (instead of crashing) if the literal is not a date.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
    guard let day = Day(text) else {
        Issue.record("not a date: \(text)", sourceLocation: sourceLocation)
        return Day(number: 0)
    }
    return day
}

/// A case under one policy with the real calendar: events are appended through the engine's rules.
struct Case {
    let engine: DeadlineEngine
    var timeline: CaseTimeline

    init(
        _ number: String = "XF-2025-000001", received: String, category: PetitionCategory = .claim,
        intake: Intake = .bureau, contactKnown: Bool = true, policy: StatutoryPolicy = .cn2022
    ) throws {
        engine = DeadlineEngine(rules: policy.rules, calendar: try cn())
        timeline = CaseTimeline(facts: CaseFacts(
            number: number, received: day(received), category: category, unit: "某县人力资源和社会保障局",
            intake: intake, contactKnown: contactKnown))
    }

    /// Appends an event the rules must accept.
    @discardableResult
    mutating func add(_ kind: CaseEvent.Kind, _ on: String) throws -> EventAcceptance {
        try engine.append(CaseEvent(kind, on: day(on)), to: &timeline)
    }

    func deadlines(asOf: String) -> [Deadline] {
        engine.deadlines(for: timeline, asOf: day(asOf))
    }

    /// The deadline of `kind` as of a day; fails the test when there is none.
    func deadline(_ kind: DeadlineKind, asOf: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Deadline {
        try #require(deadlines(asOf: asOf).first { $0.kind == kind }, "no \(kind.rawValue)", sourceLocation: sourceLocation)
    }

    /// The refusal of an event the rules must refuse. Checks that neither `check` nor `append`
    /// accepts it and that a refused append leaves the timeline exactly as it was.
    func refusal(_ kind: CaseEvent.Kind, _ on: String, sourceLocation: SourceLocation = #_sourceLocation) -> RefusedEvent? {
        let event = CaseEvent(kind, on: day(on))
        var copy = timeline
        do {
            try engine.append(event, to: &copy)
            Issue.record("\(kind.name) on \(on) was accepted", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(copy == timeline, "a refused append changed the timeline", sourceLocation: sourceLocation)
            do {
                _ = try engine.check(event, against: timeline)
                Issue.record("check accepted what append refused", sourceLocation: sourceLocation)
            } catch let again {
                #expect(again == error, sourceLocation: sourceLocation)
            }
            return error
        }
    }
}
