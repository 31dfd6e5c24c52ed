public import XinfangCore

/// `due`: the deadlines offices still owe, due within some days of today or overdue, earliest first.
public struct DueList: Encodable, Sendable {
    public struct Item: Encodable, Sendable {
        /// The case, and the deadline (`D6`) with its Chinese name and status.
        public var caseNumber: String
        public var kind: String
        public var name: String
        public var status: String
        /// The due day and its weekday (周二).
        public var due: String
        public var weekday: String
        /// Calendar days from today to the due day; negative when overdue.
        public var daysLeft: Int
        public var overdue: Bool
        /// Working days after today through the due day; nil when overdue.
        public var workingDaysLeft: Int?
        /// The due day may move: the period runs past the calendar's holiday data.
        public var provisional: Bool
        /// Who owes it: the handling unit, the owning leader (包案), and the article it rests on.
        public var unit: String
        public var leader: String?
        public var article: String
        /// Computed here: the daemon has not computed the case yet.
        public var notYetComputed: Bool
    }

    public var asOf: String
    public var overdueOnly: Bool
    public var withinDays: Int?
    public var unit: String?
    public var items: [Item]

    /// Due from today through `today + days` (or only overdue), of one unit when given.
    public init(reader: ScheduleReader, today: Day, days: Int, overdueOnly: Bool, unit: String?, now: Int64) throws {
        let through = overdueOnly ? today.adding(days: -1) : today.adding(days: days)
        let calendar = reader.scheduling.calendar
        items = try reader.owedDeadlines(dueThrough: through, unit: unit, now: now).map { row -> Item in
            let d = row.deadline, due = d.due!
            return Item(
                caseNumber: row.caseNumber, kind: d.kind.rawValue, name: d.kind.chineseName, status: d.status.rawValue, due: due.description,
                weekday: due.chineseWeekday, daysLeft: due - today, overdue: due < today,
                workingDaysLeft: due < today ? nil : calendar.workingDays(after: today, through: due), provisional: d.provisional,
                unit: row.unit, leader: row.leader, article: d.article, notYetComputed: row.caseDirty)
        }.sorted { ($0.due, $0.caseNumber, DeadlineKind(rawValue: $0.kind)!) < ($1.due, $1.caseNumber, DeadlineKind(rawValue: $1.kind)!) }
        asOf = today.description
        self.overdueOnly = overdueOnly
        withinDays = overdueOnly ? nil : days
        self.unit = unit
    }
}
