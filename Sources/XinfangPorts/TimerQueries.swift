public import XinfangCore

/// A timer that is due: a reception rule's reminders, a leader's weekly digest, an acknowledgement
/// escalation. `state` is the timer's own memory (e.g. the last instant already handled).
public struct TimerItem: Sendable {
    /// As stored: a `TimerKind` raw value (typed: `timerKind`).
    public var kind: String
    public var key: String
    public var nextFireAt: Int64
    public var state: String?

    public init(kind: String, key: String, nextFireAt: Int64, state: String?) {
        self.kind = kind
        self.key = key
        self.nextFireAt = nextFireAt
        self.state = state
    }

    /// Its kind; nil for a kind this version does not know.
    public var timerKind: TimerKind? { TimerKind(rawValue: kind) }
}

/// What firing a timer does: reminders to create, and when it fires next (nil: not until touched).
public struct TimerOutcome: Sendable {
    public var reminders: [NewReminder]
    public var nextFireAt: Int64?
    public var state: String?

    public init(reminders: [NewReminder], nextFireAt: Int64?, state: String?) {
        self.reminders = reminders
        self.nextFireAt = nextFireAt
        self.state = state
    }
}

/// Reads a timer may need, inside the transaction that fires it.
public protocol TimerQueries {
    func receptionRules() throws -> [ReceptionRule]
    func receptionExceptions() throws -> [ReceptionException]
    func deputies() throws -> [DeputyAssignment]
    /// The open cases of a place, of a leader, or all: counts, and at most `limit` cases per listing.
    func briefing(place: String?, leader: String?, today: Day, limit: Int) throws -> Briefing
    func leaderAddress(_ name: String) throws -> String?
    /// A reminder and whether it was acknowledged.
    func reminder(id: Int64) throws -> (reminder: Reminder, acked: Bool)?
    /// A supervision order with its events.
    func supervisionRecord(id: String) throws -> SupervisionRecord?
    /// A unit's daily reports from a day on.
    func dailyReports(unit: String, from: Day) throws -> [DailyReport]
    /// The leaders registered for a unit.
    func leaders(ofUnit unit: String) throws -> [(name: String, address: String?)]
    /// Whether a leader of that name is registered.
    func leaderExists(_ name: String) throws -> Bool
    /// Whether a unit of that name is registered.
    func unitExists(_ name: String) throws -> Bool
    func unitAddress(_ name: String) throws -> String?
}
