/// What a reminder is about: a deadline (stored as the deadline's code, `D6`) or one of the
/// leaders' and units' own reminders. The raw value is what the store's `reminders.kind` column
/// holds, so existing stores read unchanged. Adding a reminder kind is one case here plus the
/// timer rule that creates it.
public enum ReminderKind: Hashable, Sendable {
    /// A milestone of a statutory deadline.
    case deadline(DeadlineKind)
    /// A leader's reception day (接访提醒).
    case reception
    /// A leader's weekly digest of the cases they own (包案周报).
    case digest
    /// A reminder to a leader that was not acknowledged in time, sent on to the deputy (未签收转办).
    case escalation
    /// A step of a supervision order's ladder (督办).
    case supervision
    /// A unit's daily report in an escalation-risk period (日报).
    case dailyReport
    /// A recurring duty: a meeting, a dispatch meeting, a bulletin.
    case duty

    /// The kinds other than deadlines.
    public static let ownKinds: [ReminderKind] = [.reception, .digest, .escalation, .supervision, .dailyReport, .duty]

    /// Every kind, deadlines first.
    public static var allCases: [ReminderKind] { DeadlineKind.allCases.map(ReminderKind.deadline) + ownKinds }
}

extension ReminderKind: RawRepresentable {
    public init?(rawValue: String) {
        switch rawValue {
        case "reception": self = .reception
        case "digest": self = .digest
        case "escalation": self = .escalation
        case "supervision": self = .supervision
        case "daily-report": self = .dailyReport
        case "duty": self = .duty
        default:
            guard let kind = DeadlineKind(rawValue: rawValue) else { return nil }
            self = .deadline(kind)
        }
    }

    public var rawValue: String {
        switch self {
        case .deadline(let kind): kind.rawValue
        case .reception: "reception"
        case .digest: "digest"
        case .escalation: "escalation"
        case .supervision: "supervision"
        case .dailyReport: "daily-report"
        case .duty: "duty"
        }
    }
}

/// The kinds of the scheduler's timers (the store's `timers.kind` column, by raw value): each one
/// rule that fires it and the reminders it creates.
public enum TimerKind: String, CaseIterable, Sendable {
    /// One reception rule's days (key: the rule's id).
    case reception
    /// A leader's weekly digest (key: the leader).
    case digest
    /// The acknowledgement escalation of one reminder (key: the reminder's id).
    case acknowledgement = "ack"
    /// One supervision order's ladder (key: the order's id).
    case supervision
    /// A unit's daily reports in escalation-risk periods (key: the unit).
    case dailyReport = "daily-report"
    /// One recurring duty (key: the duty's name).
    case duty
}

/// Who or what a reminder is about. The store keeps it as the label in `reminders.case_number`
/// (a case number, a place, `日报 <day>`, a duty's name, `周报 <day>`), read back by the reminder's kind.
public enum ReminderSubject: Hashable, Sendable {
    /// A case, by number (deadline reminders).
    case `case`(String)
    /// A supervision order: its case's number, or the order's id when it is about no one case.
    case supervisionOrder(String)
    /// A reception place.
    case place(String)
    /// The daily report of a day (the unit is the reminder's unit).
    case dailyReport(Day)
    /// A recurring duty, by name.
    case duty(String)
    /// A leader's weekly digest of a day (the leader is the reminder's unit).
    case digest(Day)
    /// Whatever the escalated reminder was about, as it labelled it.
    case escalated(String)

    /// The label kept in the store and shown to users.
    public var label: String {
        switch self {
        case .case(let number), .supervisionOrder(let number): number
        case .place(let place): place
        case .dailyReport(let day): "日报 \(day)"
        case .duty(let name): name
        case .digest(let day): "周报 \(day)"
        case .escalated(let label): label
        }
    }

    /// The subject of a reminder of `kind` labelled `label`; a label that does not read as its
    /// kind's (a store written by hand) is taken as a case number.
    public init(kind: ReminderKind?, label: String) {
        func day(after prefix: String) -> Day? { label.hasPrefix(prefix) ? Day(String(label.dropFirst(prefix.count))) : nil }
        switch kind {
        case .reception: self = .place(label)
        case .supervision: self = .supervisionOrder(label)
        case .duty: self = .duty(label)
        case .escalation: self = .escalated(label)
        case .dailyReport: self = day(after: "日报 ").map(Self.dailyReport) ?? .case(label)
        case .digest: self = day(after: "周报 ").map(Self.digest) ?? .case(label)
        case .deadline, nil: self = .case(label)
        }
    }
}
