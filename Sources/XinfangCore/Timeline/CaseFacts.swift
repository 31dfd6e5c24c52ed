/// The category of a petition (条例2022 第29–31条); it decides which statutory deadlines apply.
public enum PetitionCategory: String, CaseIterable, Codable, Sendable {
    /// 建议意见类: no statutory day limit (a local policy may set one).
    case suggestion = "建议意见"
    /// 检举控告类: no statutory day limit (a local policy may set one).
    case accusation = "检举控告"
    /// 申诉求决类: handled within 60 days, with 复查 and 复核 (第34–36条).
    case claim = "申诉求决"
    /// 涉法涉诉: routed to the 政法 bodies; leaves the 信访 clock after registration.
    case litigation = "涉法涉诉"
}

/// How a petition came in.
public enum PetitionChannel: String, CaseIterable, Codable, Sendable {
    case letter = "来信"
    case visit = "走访"
    case online = "网上"
    case phone = "电话"
    case other = "其他"
}

/// Who received the petition first: a 信访部门 (which registers and forwards, D1) or another organ
/// that received it directly (which tells the petitioner how it will be handled, D2).
public enum Intake: String, CaseIterable, Codable, Sendable {
    case bureau
    case organ
}

/// The facts of a case that deadlines and risk depend on. No petitioner's personal data: those
/// stay in the store and never reach deadlines, logs or reminders.
public struct CaseFacts: Equatable, Sendable, Codable {
    /// The case number, e.g. XF-2026-000123; the only identifier that appears in logs.
    public var number: String
    /// The day the petition was received.
    public var received: Day
    public var channel: PetitionChannel
    public var category: PetitionCategory
    /// The unit that handles the case.
    public var unit: String
    /// Number of petitioners; 5 or more is a collective petition (第20条), a risk factor.
    public var persons: Int
    /// A repeated petition on the same matter.
    public var repeated: Bool
    /// A skip-level petition (越级).
    public var skipLevel: Bool
    /// The owning leader (包案领导), if assigned.
    public var leader: String?
    public var intake: Intake
    /// Whether the petitioner's name and address are clear; D2's written notice is not owed otherwise.
    public var contactKnown: Bool
    /// The town, street or village (乡镇/街道/村) the matter arises in: leaders receiving there are
    /// briefed on it.
    public var place: String?
    /// A short title of the matter (事项摘要), without personal data: shown in leaders' briefings.
    public var title: String?
    /// The first case of the same matter (初件) when this case is a repeat petition (重件): always a
    /// case that is not itself a repeat, so a matter is one first case and its repeats.
    public var repeatOf: String?

    public init(
        number: String, received: Day, channel: PetitionChannel = .letter, category: PetitionCategory,
        unit: String, persons: Int = 1, repeated: Bool = false, skipLevel: Bool = false, leader: String? = nil,
        intake: Intake = .bureau, contactKnown: Bool = true, place: String? = nil, title: String? = nil,
        repeatOf: String? = nil
    ) {
        self.number = number
        self.received = received
        self.channel = channel
        self.category = category
        self.unit = unit
        self.persons = persons
        self.repeated = repeated
        self.skipLevel = skipLevel
        self.leader = leader
        self.intake = intake
        self.contactKnown = contactKnown
        self.place = place
        self.title = title
        self.repeatOf = repeatOf
    }

    /// Five or more petitioners (第20条).
    public var isCollective: Bool { persons >= 5 }

    /// A repeat petition: flagged as one, or linked to its first case.
    public var isRepeat: Bool { repeated || repeatOf != nil }
}
