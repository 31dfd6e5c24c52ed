// The wire format of rule books: how policy plugins hand their periods to the daemon, and how
// `xinfangctl policy show` prints them. Documented in docs/plugins.md.
//
// {"policy_id": "zj-2019",
//  "rules": {"D6": [{"calendar_days": 30, "article": "…", "roll_forward": true,
//                    "excludes_hearing_days": false, "categories": ["申诉求决"]}]},
//  "handling_extension": {"max_days": 60, "article": "…"},
//  "no_limit_article": "…"}

extension DeadlineRule: Codable {
    enum CodingKeys: String, CodingKey {
        case calendarDays = "calendar_days", workingDays = "working_days", setByAssigningBody = "set_by_assigning_body"
        case article, rollForward = "roll_forward", excludesHearingDays = "excludes_hearing_days", categories
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let calendar = try c.decodeIfPresent(Int.self, forKey: .calendarDays)
        let working = try c.decodeIfPresent(Int.self, forKey: .workingDays)
        let assigned = try c.decodeIfPresent(Bool.self, forKey: .setByAssigningBody) ?? false
        let period: Period
        switch (calendar, working, assigned) {
        case (let n?, nil, false): period = .calendarDays(n)
        case (nil, let n?, false): period = .workingDays(n)
        case (nil, nil, true): period = .setByAssigningBody
        default:
            throw DecodingError.dataCorruptedError(forKey: .calendarDays, in: c,
                debugDescription: "a rule has exactly one of calendar_days, working_days, set_by_assigning_body")
        }
        self.init(
            period, article: try c.decode(String.self, forKey: .article),
            rollForward: try c.decodeIfPresent(Bool.self, forKey: .rollForward) ?? true,
            excludesHearingDays: try c.decodeIfPresent(Bool.self, forKey: .excludesHearingDays) ?? false,
            categories: try c.decodeIfPresent([PetitionCategory].self, forKey: .categories).map(Set.init))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch period {
        case .calendarDays(let n): try c.encode(n, forKey: .calendarDays)
        case .workingDays(let n): try c.encode(n, forKey: .workingDays)
        case .setByAssigningBody: try c.encode(true, forKey: .setByAssigningBody)
        }
        try c.encode(article, forKey: .article)
        try c.encode(rollForward, forKey: .rollForward)
        try c.encode(excludesHearingDays, forKey: .excludesHearingDays)
        try c.encodeIfPresent(categories.map { $0.sorted { $0.rawValue < $1.rawValue } }, forKey: .categories)
    }
}

extension ExtensionRule: Codable {
    enum CodingKeys: String, CodingKey { case maxDays = "max_days", article }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(maxDays: try c.decode(Int.self, forKey: .maxDays), article: try c.decode(String.self, forKey: .article))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxDays, forKey: .maxDays)
        try c.encode(article, forKey: .article)
    }
}

extension RuleBook: Codable {
    enum CodingKeys: String, CodingKey { case policyID = "policy_id", rules, handlingExtension = "handling_extension", noLimitArticle = "no_limit_article" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var rules: [DeadlineKind: [DeadlineRule]] = [:]
        for (key, list) in try c.decode([String: [DeadlineRule]].self, forKey: .rules) {
            guard let kind = DeadlineKind(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .rules, in: c, debugDescription: "unknown deadline kind \(key); expected D1…D11")
            }
            rules[kind] = list
        }
        self.init(
            policyID: try c.decode(String.self, forKey: .policyID), rules: rules,
            handlingExtension: try c.decodeIfPresent(ExtensionRule.self, forKey: .handlingExtension),
            noLimitArticle: try c.decode(String.self, forKey: .noLimitArticle))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(policyID, forKey: .policyID)
        try c.encode(Dictionary(uniqueKeysWithValues: rules.map { ($0.key.rawValue, $0.value) }), forKey: .rules)
        try c.encodeIfPresent(handlingExtension, forKey: .handlingExtension)
        try c.encode(noLimitArticle, forKey: .noLimitArticle)
    }

    /// What is wrong with the rule book, if anything: a period that is not positive (a due date
    /// before its start), a negative or oversized extension, an empty article. Used to refuse a
    /// plugin's rules before they govern any case.
    public func problems() -> [String] {
        var out: [String] = []
        for (kind, list) in rules.sorted(by: { $0.key < $1.key }) {
            for (i, rule) in list.enumerated() {
                switch rule.period {
                case .calendarDays(let n) where n < 1 || n > 3650, .workingDays(let n) where n < 1 || n > 2600:
                    out.append("\(kind.rawValue)[\(i)]: a period of \(n) days would put the due date before or at its start, or absurdly far")
                default: break
                }
                if rule.article.isEmpty { out.append("\(kind.rawValue)[\(i)]: no article") }
            }
        }
        if let ext = handlingExtension, ext.maxDays < 0 || ext.maxDays > 365 {
            out.append("handling_extension: max_days \(ext.maxDays) is not 0…365")
        }
        if policyID.isEmpty { out.append("policy_id is empty") }
        return out
    }
}
