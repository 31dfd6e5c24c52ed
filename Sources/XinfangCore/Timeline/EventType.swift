/// The event types of a case timeline: the one place their keys and names are spelled. Timeline
/// files, import files, the command line, the store's `events.type` column and its SQL all go
/// through this enum, so adding an event type is one case here plus its rule in `EventRules` and
/// the `CaseEvent.Kind` it builds.
public enum EventType: String, CaseIterable, Sendable {
    case received
    case forwarded
    case assigned
    case objected
    case accepted
    case notAccepted = "not_accepted"
    case extensionGranted = "extension"
    case opinionIssued = "opinion_issued"
    case opinionReceived = "opinion_received"
    case resultReported = "result_reported"
    case reviewRequested = "review_requested"
    case reviewAnswered = "review_answered"
    case recheckRequested = "recheck_requested"
    case hearingStarted = "hearing_started"
    case hearingEnded = "hearing_ended"
    case recheckAnswered = "recheck_answered"
    case closed
    case evaluated

    /// The stable machine name used in files, on the command line and in the store.
    public var key: String { rawValue }

    /// The Chinese names: the short word a clerk types first, the full term (`chineseName`) last.
    /// Both are accepted wherever an event type is read.
    public var chineseNames: [String] {
        switch self {
        case .received: ["收到", "收到信访事项"]
        case .forwarded: ["转送"]
        case .assigned: ["交办"]
        case .objected: ["异议", "提出异议（不属职权范围）"]
        case .accepted: ["受理", "受理并告知"]
        case .notAccepted: ["不予受理", "不予受理并告知"]
        case .extensionGranted: ["延期", "延长办理期限"]
        case .opinionIssued: ["出具意见", "出具处理意见书"]
        case .opinionReceived: ["收到意见", "信访人收到处理意见书"]
        case .resultReported: ["办结报告", "报送办结报告"]
        case .reviewRequested: ["请求复查"]
        case .reviewAnswered: ["复查意见", "出具复查意见"]
        case .recheckRequested: ["请求复核"]
        case .hearingStarted: ["听证开始"]
        case .hearingEnded: ["听证结束"]
        case .recheckAnswered: ["复核意见", "出具复核意见"]
        case .closed: ["办结"]
        case .evaluated: ["评价", "满意度评价"]
        }
    }

    /// The full Chinese term.
    public var chineseName: String { chineseNames.last! }

    /// The English name, for operators' logs and documentation.
    public var englishName: String {
        switch self {
        case .received: "petition received"
        case .forwarded: "forwarded to the competent organ"
        case .assigned: "assigned for handling"
        case .objected: "objection: outside the organ's remit"
        case .accepted: "accepted and petitioner notified"
        case .notAccepted: "not accepted and petitioner notified"
        case .extensionGranted: "handling period extended"
        case .opinionIssued: "written opinion issued"
        case .opinionReceived: "written opinion received by the petitioner"
        case .resultReported: "result reported to the assigning body"
        case .reviewRequested: "review requested"
        case .reviewAnswered: "review opinion issued"
        case .recheckRequested: "recheck requested"
        case .hearingStarted: "hearing started"
        case .hearingEnded: "hearing ended"
        case .recheckAnswered: "recheck opinion issued"
        case .closed: "closed"
        case .evaluated: "satisfaction evaluated"
        }
    }

    /// The values an event of this type carries beyond `type`, `on` and `note`, in the order they
    /// are read.
    public var valueKeys: [EventValueKey] {
        switch self {
        case .forwarded: [.to]
        case .assigned: [.to, .reportDue]
        case .extensionGranted: [.days, .approver, .reason]
        case .evaluated: [.rating]
        default: []
        }
    }

    /// The type given by its key.
    public init?(key: String) { self.init(rawValue: key) }

    /// The type given by its key or one of its Chinese names (受理 = accepted).
    public init?(typed: String) {
        guard let type = Self(rawValue: typed) ?? Self.allCases.first(where: { $0.chineseNames.contains(typed) }) else { return nil }
        self = type
    }

    /// `('review_requested', 'recheck_requested')`: the keys as an SQL list for `IN`.
    public static func sqlList(_ types: [EventType]) -> String {
        "(" + types.map { "'\($0.key)'" }.joined(separator: ", ") + ")"
    }
}

/// A value an event carries beyond its type and day, by its key in files and in the store's JSON.
public enum EventValueKey: String, CaseIterable, Sendable {
    case to
    case reportDue = "report_due"
    case days
    case approver
    case reason
    case rating
}

/// Where an event's own values are read from (a timeline file's table, an import row, the store's
/// JSON), each with its own rules for what counts as missing and its own error.
public protocol EventValueSource {
    associatedtype Failure: Error
    /// An optional text (`to`).
    func optionalText(_ key: EventValueKey) throws(Failure) -> String?
    /// A text that must be given (`approver`, `reason`).
    func requiredText(_ key: EventValueKey) throws(Failure) -> String
    /// An optional day (`report_due`).
    func optionalDay(_ key: EventValueKey) throws(Failure) -> Day?
    /// A number that must be given (`days`).
    func requiredInt(_ key: EventValueKey) throws(Failure) -> Int
    /// A rating that must be given (`rating`).
    func rating(_ key: EventValueKey) throws(Failure) -> Rating
}

extension CaseEvent.Kind {
    /// The event of `type` with its own values read from `values`, in the order of `type.valueKeys`.
    public init<Values: EventValueSource>(_ type: EventType, values: Values) throws(Values.Failure) {
        switch type {
        case .received: self = .received
        case .forwarded: self = .forwarded(to: try values.optionalText(.to))
        case .assigned: self = .assigned(to: try values.optionalText(.to), reportDue: try values.optionalDay(.reportDue))
        case .objected: self = .objected
        case .accepted: self = .accepted
        case .notAccepted: self = .notAccepted
        case .extensionGranted:
            self = .extensionGranted(
                days: try values.requiredInt(.days), approver: try values.requiredText(.approver), reason: try values.requiredText(.reason))
        case .opinionIssued: self = .opinionIssued
        case .opinionReceived: self = .opinionReceived
        case .resultReported: self = .resultReported
        case .reviewRequested: self = .reviewRequested
        case .reviewAnswered: self = .reviewAnswered
        case .recheckRequested: self = .recheckRequested
        case .hearingStarted: self = .hearingStarted
        case .hearingEnded: self = .hearingEnded
        case .recheckAnswered: self = .recheckAnswered
        case .closed: self = .closed
        case .evaluated: self = .evaluated(try values.rating(.rating))
        }
    }

    /// The event's type.
    public var type: EventType {
        switch self {
        case .received: .received
        case .forwarded: .forwarded
        case .assigned: .assigned
        case .objected: .objected
        case .accepted: .accepted
        case .notAccepted: .notAccepted
        case .extensionGranted: .extensionGranted
        case .opinionIssued: .opinionIssued
        case .opinionReceived: .opinionReceived
        case .resultReported: .resultReported
        case .reviewRequested: .reviewRequested
        case .reviewAnswered: .reviewAnswered
        case .recheckRequested: .recheckRequested
        case .hearingStarted: .hearingStarted
        case .hearingEnded: .hearingEnded
        case .recheckAnswered: .recheckAnswered
        case .closed: .closed
        case .evaluated: .evaluated
        }
    }
}
