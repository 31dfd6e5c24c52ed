/// One reception as a schedule lists it: who receives, where, on which day, and why that day.
///
/// `nominalDay` is the date the rule states; `day` is the date it is held (or would have been, for a
/// cancelled one): the nominal day moved by the holiday policy, then by an exception.
public struct ReceptionOccurrence: Hashable, Sendable, Identifiable {
    /// An occurrence's identity: its rule and nominal day. Exceptions name occurrences by it.
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        /// The rule.
        public var ruleID: String
        /// The date as the rule states it.
        public var nominalDay: Day

        /// Names an occurrence.
        public init(ruleID: String, nominalDay: Day) {
            self.ruleID = ruleID
            self.nominalDay = nominalDay
        }

        /// `rule nominal-day`.
        public var description: String { "\(ruleID) \(nominalDay)" }
    }

    /// Whether and how it is held.
    public enum Status: Hashable, Sendable {
        /// Held on `day`: the nominal day, or the working day the holiday policy chose.
        case scheduled
        /// Not held: the nominal day is not a working day and the policy says skip.
        case skipped
        /// Not held: cancelled by an exception. `day` is the day it would have been held.
        case cancelled
        /// Held on `day`, which a move exception set.
        case moved
        /// Held on `day` by `leader` instead of the rule's own leader, named here (a swap exception).
        case swapped(with: String)
    }

    /// What the holiday policy did with a nominal day that is not a working day.
    public struct HolidayNote: Hashable, Sendable {
        /// Why the nominal day rests: the holiday's name (春节) or the weekday (周六, 周日).
        public var restDay: String
        /// The policy applied.
        public var shift: HolidayShift
        /// The working day it chose; nil when skipped.
        public var to: Day?

        /// Makes a note.
        public init(restDay: String, shift: HolidayShift, to: Day?) {
            self.restDay = restDay
            self.shift = shift
            self.to = to
        }
    }

    /// The rule it comes from.
    public var ruleID: String
    /// Who receives: the rule's leader, or the other leader of a swap.
    public var leader: String
    /// Where (the rule's place).
    public var place: String
    /// The date as the rule states it.
    public var nominalDay: Day
    /// The date it is held (for a cancelled or skipped one: the date it would have been).
    public var day: Day
    /// Held, skipped, cancelled, moved or swapped.
    public var status: Status
    /// Set when the nominal day is not a working day.
    public var holiday: HolidayNote?
    /// For a swap: the other occurrence of the exchange (where the rule's own leader goes instead).
    public var swappedFor: Key?
    /// Other occurrences of the same leader at the same place that the holiday policy moved onto
    /// this same day; they are reported once, here, and not listed on their own.
    public var absorbed: [Key]
    /// Whether the day depends on a year the calendar has no data for (it may still move).
    public var provisional: Bool

    /// Makes an occurrence (schedules come from `ReceptionSchedule.occurrences`).
    public init(ruleID: String, leader: String, place: String, nominalDay: Day, day: Day, status: Status = .scheduled,
                holiday: HolidayNote? = nil, swappedFor: Key? = nil, absorbed: [Key] = [], provisional: Bool = false) {
        self.ruleID = ruleID
        self.leader = leader
        self.place = place
        self.nominalDay = nominalDay
        self.day = day
        self.status = status
        self.holiday = holiday
        self.swappedFor = swappedFor
        self.absorbed = absorbed
        self.provisional = provisional
    }

    /// Rule and nominal day.
    public var id: Key { Key(ruleID: ruleID, nominalDay: nominalDay) }

    /// Whether a reception takes place on `day` (scheduled, moved or swapped).
    public var isHeld: Bool {
        switch status {
        case .scheduled, .moved, .swapped: true
        case .skipped, .cancelled: false
        }
    }

    /// Why it is not simply on its nominal day, e.g. `2026-02-20 is 春节: 顺延 to 02-24`; nil when
    /// nothing moved, cancelled, swapped or merged it.
    public var why: String? {
        var parts: [String] = []
        if let holiday {
            let outcome = holiday.to.map { "\(holiday.shift.rawValue) to \(short($0))" } ?? "skip, not held"
            parts.append("\(nominalDay) is \(holiday.restDay): \(outcome)")
        }
        switch status {
        case .scheduled, .skipped: break
        case .cancelled: parts.append("cancelled")
        case .moved: parts.append("moved to \(short(day))")
        case .swapped(let other):
            parts.append("swapped: \(leader) receives here for \(other)" + (swappedFor.map { ", who takes \($0)" } ?? ""))
        }
        if !absorbed.isEmpty {
            let names = absorbed.map { $0.ruleID == ruleID ? "\($0.nominalDay)" : "\($0)" }
            parts.append("also stands for \(names.joined(separator: ", ")), moved onto the same day")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `MM-DD` in the nominal day's year, the full date otherwise.
    private func short(_ d: Day) -> String {
        d.year == nominalDay.year ? String(d.description.dropFirst(5)) : d.description
    }
}
