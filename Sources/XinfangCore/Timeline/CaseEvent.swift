/// The petitioner's evaluation of the answer (满意度评价).
public enum Rating: String, CaseIterable, Codable, Sendable {
    case satisfied = "满意"
    case basicallySatisfied = "基本满意"
    case dissatisfied = "不满意"
}

/// One thing that happened to a case, on a day. Events are appended in date order and never changed.
public struct CaseEvent: Equatable, Sendable {
    /// What happened; the associated values are what the rules need.
    public enum Kind: Equatable, Sendable {
        /// 收到: the petition arrives (the first event of every timeline).
        case received
        /// 转送: forwarded to the organ that has authority.
        case forwarded(to: String?)
        /// 交办: assigned, with the date by which the result must be reported, when the assigning body set one.
        case assigned(to: String?, reportDue: Day?)
        /// 异议: the receiving organ objects that the matter is outside its remit (第23条).
        case objected
        /// 受理: accepted, and the petitioner told in writing.
        case accepted
        /// 不予受理: not accepted, and the petitioner told in writing.
        case notAccepted
        /// 延长办理期限: the one extension of the handling period (第34条).
        case extensionGranted(days: Int, approver: String, reason: String)
        /// 出具信访处理意见书.
        case opinionIssued
        /// The petitioner receives the written opinion; the 复查 window starts.
        case opinionReceived
        /// 办结报告 to the assigning body (交办 cases).
        case resultReported
        /// 请求复查.
        case reviewRequested
        /// 复查意见; the 复核 window starts.
        case reviewAnswered
        /// 请求复核.
        case recheckRequested
        /// 听证 starts; its days do not count towards the 复核 period.
        case hearingStarted
        /// 听证 ends.
        case hearingEnded
        /// 复核意见; the matter is closed to further review on the same facts.
        case recheckAnswered
        /// 办结: the case is closed; no event may follow.
        case closed
        /// 满意度评价.
        case evaluated(Rating)
    }

    public var kind: Kind
    /// The day it happened.
    public var on: Day

    public init(_ kind: Kind, on: Day) {
        self.kind = kind
        self.on = on
    }
}

extension CaseEvent.Kind {
    /// The stable machine name used in files and on the command line (`EventType.key`).
    public var name: String { type.key }

    /// The Chinese term.
    public var chineseName: String { type.chineseName }

    /// Every machine name, for help texts and error messages.
    public static let allNames = EventType.allCases.map(\.key)

    /// The Chinese names of each event type, by machine name (`EventType.chineseNames`).
    public static let chineseTerms = Dictionary(uniqueKeysWithValues: EventType.allCases.map { ($0.key, $0.chineseNames) })

    /// The machine name of an event type given by its machine name or one of its Chinese names.
    public static func machineName(_ typed: String) -> String? { EventType(typed: typed)?.key }

    /// `accepted（受理）`, for help texts.
    public static var namesWithChinese: [String] { EventType.allCases.map { "\($0.key)（\($0.chineseNames[0])）" } }
}
