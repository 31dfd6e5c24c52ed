/// A one-off change to a reception rule's schedule, recorded by the bureau: a cancellation, a move,
/// or two leaders swapping.
///
/// An exception names an occurrence by its rule and its **nominal** day: the date as the rule
/// states it (the 20th, the Wednesday), not the day a holiday shift moved it to. A nominal day does
/// not depend on the working-day calendar, so an exception keeps naming the same occurrence when a
/// holiday notice is loaded or corrected, and when the holiday policy changes. Exceptions apply
/// after the holiday shift: a move replaces the shifted day, a swap exchanges the shifted days.
public enum ReceptionException: Hashable, Sendable {
    /// The occurrence of `ruleID` nominally on `day` is not held (it stays in schedules, marked cancelled).
    case cancel(ruleID: String, day: Day)
    /// The occurrence of `ruleID` nominally on `day` is held on `to` instead, at the same place by the
    /// same leader. `to` is taken as given (no holiday shift), and must be a working day.
    case move(ruleID: String, day: Day, to: Day)
    /// Two leaders exchange two occurrences (调换): the leader of `ruleID` receives at the other
    /// rule's place on the other occurrence's day, and the other rule's leader receives at this
    /// rule's place on this occurrence's day. Places and days stay where they were; only who
    /// receives changes. The two rules must belong to different leaders.
    case swap(ruleID: String, day: Day, otherRuleID: String, otherDay: Day)

    /// The occurrences the exception names: one, or two for a swap.
    public var occurrences: [ReceptionOccurrence.Key] {
        switch self {
        case .cancel(let rule, let day), .move(let rule, let day, _):
            [ReceptionOccurrence.Key(ruleID: rule, nominalDay: day)]
        case .swap(let rule, let day, let other, let otherDay):
            [ReceptionOccurrence.Key(ruleID: rule, nominalDay: day), ReceptionOccurrence.Key(ruleID: other, nominalDay: otherDay)]
        }
    }
}

extension ReceptionException: CustomStringConvertible {
    /// `cancel R 2026-03-10`, `move R 2026-03-10 → 2026-03-12`, `swap R 2026-03-10 ⇄ S 2026-03-20`.
    public var description: String {
        switch self {
        case .cancel(let rule, let day): "cancel \(rule) \(day)"
        case .move(let rule, let day, let to): "move \(rule) \(day) → \(to)"
        case .swap(let rule, let day, let other, let otherDay): "swap \(rule) \(day) ⇄ \(other) \(otherDay)"
        }
    }
}
