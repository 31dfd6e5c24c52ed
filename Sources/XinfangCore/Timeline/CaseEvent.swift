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
    /// The stable machine name used in files and on the command line.
    public var name: String {
        switch self {
        case .received: "received"
        case .forwarded: "forwarded"
        case .assigned: "assigned"
        case .objected: "objected"
        case .accepted: "accepted"
        case .notAccepted: "not_accepted"
        case .extensionGranted: "extension"
        case .opinionIssued: "opinion_issued"
        case .opinionReceived: "opinion_received"
        case .resultReported: "result_reported"
        case .reviewRequested: "review_requested"
        case .reviewAnswered: "review_answered"
        case .recheckRequested: "recheck_requested"
        case .hearingStarted: "hearing_started"
        case .hearingEnded: "hearing_ended"
        case .recheckAnswered: "recheck_answered"
        case .closed: "closed"
        case .evaluated: "evaluated"
        }
    }

    /// The Chinese term.
    public var chineseName: String { Self.chineseTerms[name]!.last! }

    /// Every machine name, for help texts and error messages.
    public static let allNames = [
        "received", "forwarded", "assigned", "objected", "accepted", "not_accepted", "extension",
        "opinion_issued", "opinion_received", "result_reported", "review_requested", "review_answered",
        "recheck_requested", "hearing_started", "hearing_ended", "recheck_answered", "closed", "evaluated",
    ]

    /// The Chinese names of each event type, by machine name: the short word a clerk types first,
    /// the full term (`chineseName`) last. Both are accepted wherever an event type is read.
    public static let chineseTerms: [String: [String]] = [
        "received": ["收到", "收到信访事项"],
        "forwarded": ["转送"],
        "assigned": ["交办"],
        "objected": ["异议", "提出异议（不属职权范围）"],
        "accepted": ["受理", "受理并告知"],
        "not_accepted": ["不予受理", "不予受理并告知"],
        "extension": ["延期", "延长办理期限"],
        "opinion_issued": ["出具意见", "出具处理意见书"],
        "opinion_received": ["收到意见", "信访人收到处理意见书"],
        "result_reported": ["办结报告", "报送办结报告"],
        "review_requested": ["请求复查"],
        "review_answered": ["复查意见", "出具复查意见"],
        "recheck_requested": ["请求复核"],
        "hearing_started": ["听证开始"],
        "hearing_ended": ["听证结束"],
        "recheck_answered": ["复核意见", "出具复核意见"],
        "closed": ["办结"],
        "evaluated": ["评价", "满意度评价"],
    ]

    /// The machine name of an event type given by its machine name or one of its Chinese names.
    public static func machineName(_ typed: String) -> String? {
        if allNames.contains(typed) { return typed }
        return chineseTerms.first { $0.value.contains(typed) }?.key
    }

    /// `accepted（受理）`, for help texts.
    public static var namesWithChinese: [String] { allNames.map { "\($0)（\(chineseTerms[$0]![0])）" } }
}
