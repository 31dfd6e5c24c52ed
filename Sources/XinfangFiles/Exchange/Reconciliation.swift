public import XinfangCore

/// The source's due date (限办时间) of each case set against the one Xinfang computes for the same
/// deadline, with an explanation of how the source's date was most likely counted.
public struct Reconciliation: Sendable, Encodable {
    /// How the source's date came about, when it differs from Xinfang's.
    public enum Kind: String, Sendable, Encodable, CaseIterable {
        /// The same period counted from 登记日期 instead of 信访日期, ending on a working day.
        case fromRegistration = "from_registration"
        /// The same period counted from 登记日期, and its end left on a rest day or holiday.
        case fromRegistrationNotRolled = "from_registration_not_rolled"
        /// The period counted from 信访日期 as Xinfang does, but its end not moved off a rest day or holiday.
        case notRolled = "not_rolled"
        /// Working days counted with weekends only, without the holiday notice (调休 ignored).
        case weekendsOnly = "weekends_only"
        /// Xinfang has no open deadline for the case (closed, not applicable …) while the source has a date.
        case noDeadline = "no_deadline"
        /// None of the above.
        case unexplained

        public var chinese: String {
            switch self {
            case .fromRegistration: "自登记日期起算"
            case .fromRegistrationNotRolled: "自登记日期起算且未顺延节假日"
            case .notRolled: "期限末日遇节假日未顺延"
            case .weekendsOnly: "工作日未按节假日安排调休计算"
            case .noDeadline: "本系统无在办期限"
            case .unexplained: "原因不明"
            }
        }
    }

    /// One case whose dates differ.
    public struct Disagreement: Sendable, Encodable {
        public var number: String
        public var row: Int
        public var kind: Kind
        /// The deadline compared (D1 …), when Xinfang has one.
        public var deadline: String?
        public var sourceDue: Day
        public var xinfangDue: Day?
        /// How Xinfang's date is derived, in words.
        public var xinfang: String
        /// How the source's date was most likely derived, in words.
        public var source: String
    }

    public var file: String
    /// Rows compared (those with a 限办时间).
    public var compared = 0
    /// Rows without a 限办时间.
    public var withoutSourceDue = 0
    public var agreeing = 0
    public var disagreements: [Disagreement] = []
    /// Disagreements by kind.
    public var totals: [String: Int] = [:]

    /// Compares every case of `batch`; `deadlines` gives Xinfang's deadlines of a timeline (the
    /// unit's policy), `calendar` the working days they were counted with.
    public init(_ batch: ExchangeBatch, calendar: WorkingCalendar, deadlines: (CaseTimeline) -> [Deadline]) {
        file = batch.table.file
        for c in batch.cases {
            guard let sourceDue = c.sourceDue else {
                withoutSourceDue += 1
                continue
            }
            compared += 1
            var timeline = CaseTimeline(facts: c.record.facts)
            for e in c.events { timeline = timeline.appending(checked: e.event) }
            let open = deadlines(timeline)
                .filter { $0.kind.party == .office && ($0.status == .open || $0.status == .missed) && $0.due != nil }
                .min { $0.due! < $1.due! }
            guard let deadline = open, let due = deadline.due else {
                add(Disagreement(
                    number: c.record.facts.number, row: c.row, kind: .noDeadline, deadline: nil, sourceDue: sourceDue, xinfangDue: nil,
                    xinfang: "no open deadline (\(c.state ?? "no state"))", source: "限办时间 \(sourceDue)"))
                continue
            }
            if due == sourceDue {
                agreeing += 1
                continue
            }
            let explained = Self.explain(
                sourceDue: sourceDue, deadline: deadline, received: c.record.facts.received, registered: c.registered, calendar: calendar)
            add(Disagreement(
                number: c.record.facts.number, row: c.row, kind: explained.kind, deadline: deadline.kind.rawValue, sourceDue: sourceDue,
                xinfangDue: due, xinfang: Self.describe(deadline, calendar: calendar), source: explained.text))
        }
    }

    private mutating func add(_ d: Disagreement) {
        disagreements.append(d)
        totals[d.kind.rawValue, default: 0] += 1
    }

    /// Xinfang's derivation: start, period, nominal end, holidays rolled over, due.
    static func describe(_ d: Deadline, calendar: WorkingCalendar) -> String {
        var words = ["\(d.kind.rawValue) \(d.kind.chineseName) (\(d.derivation.article))"]
        if let start = d.start, let period = d.derivation.period {
            words.append("\(period.words) from \(start)" + (d.derivation.startEvent.map { " (\($0))" } ?? ""))
        }
        if let nominal = d.derivation.nominalEnd, nominal != d.due {
            words.append("ends \(nominal), \(restWords(nominal, calendar)), moved to the next working day")
        }
        for h in d.derivation.holidays { words.append("\(h.name) \(h.from)–\(h.to)") }
        if let due = d.due { words.append("due \(due)") }
        return words.joined(separator: "; ")
    }

    /// The likeliest way the source counted its date.
    static func explain(sourceDue: Day, deadline: Deadline, received: Day, registered: Day?, calendar: WorkingCalendar)
        -> (kind: Kind, text: String)
    {
        let start = deadline.start ?? received
        func rest(_ day: Day) -> String { "\(day) is \(restWords(day, calendar))" }
        switch deadline.derivation.period {
        case .calendarDays(let n)?:
            let n = n + (deadline.derivation.extension_?.days ?? 0) + deadline.derivation.pauseDays
            if let registered, registered != start {
                let nominal = registered.adding(days: n)
                if sourceDue == nominal && !calendar.isWorkingDay(nominal) {
                    return (.fromRegistrationNotRolled,
                            "\(n) calendar days from 登记日期 \(registered) (not from \(start)) = \(nominal), left on the rest day: \(rest(nominal))")
                }
                if sourceDue == calendar.addingCalendarDays(0, to: nominal, rollForward: true).day {
                    return (.fromRegistration, "\(n) calendar days from 登记日期 \(registered) (not from \(start)) = \(nominal)"
                        + (nominal == sourceDue ? "" : ", moved to \(sourceDue)"))
                }
            }
            let nominal = start.adding(days: n)
            if sourceDue == nominal {
                return (.notRolled, "\(n) calendar days from \(start) = \(nominal), not moved off the rest day: \(rest(nominal))")
            }
        case .workingDays(let n)?:
            let weekends = WorkingCalendar(weekendsOnly: "weekends")
            let plain = weekends.addingWorkingDays(n, to: start).day
            if sourceDue == plain {
                return (.weekendsOnly, "\(n) working days from \(start) counting Saturdays and Sundays only = \(plain)")
            }
        default: break
        }
        let delta = sourceDue - (deadline.due ?? sourceDue)
        return (.unexplained, "限办时间 \(sourceDue): \(abs(delta)) day(s) \(delta > 0 ? "later" : "earlier") than Xinfang's, by no rule tried")
    }
}

/// `a holiday (春节)`, `a Saturday or Sunday`, `a working day`.
func restWords(_ day: Day, _ calendar: WorkingCalendar) -> String {
    switch calendar.label(of: day) {
    case .holiday(let name)?: return "a holiday (\(name))"
    case .makeupWorkday(let name)?: return "a make-up working day (\(name)调休)"
    case nil: return calendar.isWorkingDay(day) ? "a working day" : "a Saturday or Sunday"
    }
}

extension Period {
    /// `15 calendar days`, `5 working days`.
    var words: String {
        switch self {
        case .calendarDays(let n): "\(n) calendar days"
        case .workingDays(let n): "\(n) working days"
        case .setByAssigningBody: "a date set by the assigning body"
        }
    }
}
