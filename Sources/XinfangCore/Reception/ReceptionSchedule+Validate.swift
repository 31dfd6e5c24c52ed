extension ReceptionSchedule {
    /// What is wrong with a set of rules and exceptions, one sentence per problem, in input order;
    /// empty when every exception names an occurrence that exists. For the CLI to refuse with.
    ///
    /// Reports malformed rules and duplicate rule ids; and exceptions that name an unknown rule, a
    /// day that is not one of the rule's nominal days (the date as the rule states it, before any
    /// holiday shift — the nearest nominal days are suggested), a day outside the rule's validity,
    /// an occurrence another exception already names, a move to a day that is not a working day,
    /// or a swap between two occurrences of one leader. Does not depend on the holiday policy.
    public static func validate(exceptions: [ReceptionException], rules: [ReceptionRule], calendar: WorkingCalendar) -> [String] {
        var problems: [String] = []
        var byID: [String: ReceptionRule] = [:]
        for rule in rules {
            problems += rule.problems
            if byID[rule.id] != nil {
                problems.append("reception rule \(rule.id) is given twice")
            } else {
                byID[rule.id] = rule
            }
        }
        var named: [ReceptionOccurrence.Key: String] = [:]
        for exception in exceptions {
            let prefix = "exception \(exception): "
            var ok = true
            for key in exception.occurrences {
                if let reason = missing(key, byID[key.ruleID]) {
                    problems.append(prefix + reason)
                    ok = false
                } else if let earlier = named[key] {
                    problems.append(prefix + "\(key) is already named by exception \(earlier)")
                    ok = false
                }
            }
            switch exception {
            case .cancel: break
            case .move(_, let day, let to):
                if let rest = calendar.restDayName(of: to) {
                    problems.append(prefix + "\(to) is \(rest), not a working day")
                    ok = false
                } else if to == day {
                    problems.append(prefix + "the occurrence is already on \(to)")
                    ok = false
                }
            case .swap(let id, let day, let otherID, let otherDay):
                if let a = byID[id], let b = byID[otherID], a.leader == b.leader {
                    problems.append(prefix + "both occurrences belong to \(a.leader); a swap exchanges two leaders")
                    ok = false
                } else if id == otherID && day == otherDay {
                    problems.append(prefix + "an occurrence cannot be swapped with itself")
                    ok = false
                }
            }
            if ok { for key in exception.occurrences { named[key] = exception.description } }
        }
        return problems
    }

    /// Why `key` names no occurrence of `rule`, or nil when it does.
    static func missing(_ key: ReceptionOccurrence.Key, _ rule: ReceptionRule?) -> String? {
        guard let rule else { return "no reception rule \(key.ruleID)" }
        let day = key.nominalDay
        if day < rule.validFrom { return "rule \(rule.id) starts on \(rule.validFrom), after \(day)" }
        if let until = rule.validUntil, day > until { return "rule \(rule.id) ended on \(until), before \(day)" }
        guard !rule.isNominal(day) else { return nil }
        let near = rule.nominalDays(from: day.adding(days: -31), through: day.adding(days: 31))
        let before = near.last { $0 < day }
        let after = near.first { $0 > day }
        let hint = [before, after].compactMap { $0?.description }.joined(separator: " or ")
        return "rule \(rule.id) (\(rule.recurrence), \(rule.leader) at \(rule.place)) has no reception nominally on \(day)"
            + " — exceptions name the date as the rule states it, before any holiday shift"
            + (hint.isEmpty ? "" : "; nearest: \(hint)")
    }
}
