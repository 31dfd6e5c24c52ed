/// The measures of a bulletin, each with its formula and the period a case counts in
/// (docs/domain.md#measures).
///
/// A measure of a month counts the cases whose *counting day* falls in that month (the period
/// column, 全期, counts the whole period):
///
/// | measure | counting day | numerator | denominator |
/// |---|---|---|---|
/// | 及时受理率 | accepted | accepted in time | accepted |
/// | 按期办结率 | answered | answered on time | answered |
/// | 按期办结率（含超期未办结） | answered; the month's end for the overdue | answered on time | answered + overdue pending at the month's end |
/// | 参评率 | answered | evaluated | evaluated + evaluation overdue |
/// | 满意率 | answered | 满意 + 基本满意 | evaluated |
/// | 重复信访率 | received | repeated | received |
/// | 一次性化解率 | accepted | answered by the period end, not repeated, no 复查/复核 | accepted |
public enum MeasureKind: Int, CaseIterable, Sendable, Comparable {
    /// 及时受理率: accepted in time (D2/D3 not missed) / accepted; by the month of acceptance.
    case timelyAcceptance
    /// 按期办结率 (按期答复率): answered on time (D6 not missed) / answered; by the month of the answer.
    case onTimeAnswer
    /// 按期办结率 with the pending cases that are already overdue in the denominator: cases still
    /// inside their limit cannot be judged yet, so only the overdue ones (in hand past D6's due day
    /// at the end of the month, or of the period for 全期) count against the unit.
    case onTimeAnswerWithOverdue
    /// 参评率: evaluated / (evaluated + evaluation overdue); by the month of the answer.
    case participation
    /// 满意率: (满意 + 基本满意) / evaluated; by the month of the answer.
    case satisfaction
    /// 重复信访率: repeated petitions / petitions received; by the month of receipt.
    case repeatRate
    /// 一次性化解率: cases answered by the period end with no 复查/复核 requested, not themselves a
    /// repeat, and with no repeat petition linked to them received by the period end / accepted; by
    /// the month of acceptance. A repeat is seen only when it is linked (`case link --repeat-of`).
    case firstTimeResolution

    /// The Chinese name, as bulletins print it.
    public var name: String {
        switch self {
        case .timelyAcceptance: "及时受理率"
        case .onTimeAnswer: "按期办结率"
        case .onTimeAnswerWithOverdue: "按期办结率（含超期未办结）"
        case .participation: "参评率"
        case .satisfaction: "满意率"
        case .repeatRate: "重复信访率"
        case .firstTimeResolution: "一次性化解率"
        }
    }

    /// The formula printed under the measure, with the counting day in brackets.
    public var formula: String {
        switch self {
        case .timelyAcceptance:
            "及时受理率 = 按期受理件数 / 受理件数（按受理日所在月份计；无需书面告知的计为按期）"
        case .onTimeAnswer:
            "按期办结率 = 按期办结件数 / 办结件数（按办结日所在月份计；无办理时限的计为按期）"
        case .onTimeAnswerWithOverdue:
            "按期办结率（含超期未办结） = 按期办结件数 / (办结件数 + 超期未办结件数)（办结按办结日所在月份计；超期未办结为月末（全期为期末）在办且已过办理期限的件数）"
        case .participation:
            "参评率 = 已评价件数 / (已评价件数 + 逾期未评价件数)（按办结日所在月份计）"
        case .satisfaction:
            "满意率 = (满意件数 + 基本满意件数) / 已评价件数（按办结日所在月份计）"
        case .repeatRate:
            "重复信访率 = 重复信访件数 / 收到信访件数（按收到日所在月份计）"
        case .firstTimeResolution:
            "一次性化解率 = 一次性化解件数 / 受理件数（按受理日所在月份计；一次性化解：期末前已办结、未请求复查复核、本身不是重复信访且期末前无关联重件）"
        }
    }

    /// Declaration order, the order bulletins print.
    public static func < (lhs: MeasureKind, rhs: MeasureKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One measure for one unit and one month (or the whole period): a numerator, a denominator and
/// their ratio.
///
/// Rounding, the same in every rendering: the ratio is printed as a percentage with one decimal,
/// rounded half up from the exact fraction in integers (`percentTenths`), e.g. 2/3 → 66.7, 1/8 → 12.5,
/// 1/16 → 6.3; no value ("—" in Markdown and HTML, an empty field in CSV) when the denominator is 0.
public struct Measure: Equatable, Sendable {
    /// Which measure.
    public var kind: MeasureKind
    /// The count above the line, e.g. 按期办结件数.
    public var numerator: Int
    /// The count below the line, e.g. 办结件数; 0 means the measure has no value.
    public var denominator: Int

    /// A measure of `numerator` / `denominator`.
    public init(kind: MeasureKind, numerator: Int, denominator: Int) {
        self.kind = kind
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The Chinese name, e.g. 按期办结率.
    public var name: String { kind.name }
    /// The formula printed under it, e.g. "按期办结率 = 按期办结件数 / 办结件数（…）".
    public var formula: String { kind.formula }

    /// numerator / denominator (0…1, unrounded), or nil when the denominator is 0.
    public var value: Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }

    /// The percentage in tenths, rounded half up: ⌊(2000 · n + d) / (2 · d)⌋; nil when d = 0.
    public var percentTenths: Int? {
        guard denominator > 0, numerator >= 0 else { return nil }
        return (2000 * numerator + denominator) / (2 * denominator)
    }

    /// The percentage with one decimal and no sign, e.g. "87.5", "100.0", "0.0"; nil when d = 0.
    public var percentText: String? {
        guard let tenths = percentTenths else { return nil }
        return "\(tenths / 10).\(tenths % 10)"
    }
}
