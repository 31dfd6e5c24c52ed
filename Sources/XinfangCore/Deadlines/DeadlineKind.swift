/// The statutory deadlines Xinfang tracks, numbered as in docs/domain.md#statutory-deadlines.
///
/// The extension of the handling period (D7, 第34条) is not a clock of its own: it lengthens
/// `handling`, and shows in that deadline's derivation.
public enum DeadlineKind: String, CaseIterable, Codable, Sendable, Comparable {
    /// D1: the 信访部门 registers the petition and forwards (转送) or assigns (交办) it.
    case registration = "D1"
    /// D2: an organ that received the petition directly tells the petitioner how it will be handled.
    case intakeNotice = "D2"
    /// D3: an organ that received a forwarded or assigned case tells the petitioner.
    case forwardNotice = "D3"
    /// D4: an organ that received a case outside its remit may object, with reasons.
    case remitObjection = "D4"
    /// D5: an assigned (交办) case's result is reported by the date the assigning body set.
    case assignedReport = "D5"
    /// D6 (+D7): the matter is handled and the written opinion (信访处理意见书) issued.
    case handling = "D6"
    /// D8: the petitioner may request 复查.
    case reviewWindow = "D8"
    /// D9: the 复查 body answers.
    case reviewAnswer = "D9"
    /// D10: the petitioner may request 复核.
    case recheckWindow = "D10"
    /// D11: the 复核 body answers; hearing days do not count.
    case recheckAnswer = "D11"

    /// Whose the deadline is.
    public enum Party: String, Sendable, Codable {
        /// An office's duty: reminded, and a miss is overdue.
        case office
        /// An office's option (D4): it lapses rather than being missed.
        case officeOption
        /// A petitioner's window (D8, D10): never reminded to offices; a request after it is late.
        case petitioner
    }

    public var party: Party {
        switch self {
        case .remitObjection: .officeOption
        case .reviewWindow, .recheckWindow: .petitioner
        default: .office
        }
    }

    /// The Chinese name of the deadline.
    public var chineseName: String {
        switch self {
        case .registration: "登记并转送/交办"
        case .intakeNotice: "书面告知是否受理"
        case .forwardNotice: "收到转送/交办后书面告知"
        case .remitObjection: "不属职权范围提出异议"
        case .assignedReport: "交办事项报送办结报告"
        case .handling: "办理并出具处理意见书"
        case .reviewWindow: "信访人请求复查期限"
        case .reviewAnswer: "复查答复"
        case .recheckWindow: "信访人请求复核期限"
        case .recheckAnswer: "复核答复"
        }
    }

    /// D1 < D2 < … < D11.
    public static func < (lhs: DeadlineKind, rhs: DeadlineKind) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int { DeadlineKind.allCases.firstIndex(of: self)! }
}
