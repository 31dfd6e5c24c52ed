/// One year of a working-day calendar as the yearly holiday notice (国务院办公厅关于部分节假日安排的通知)
/// sets it: days off with the holiday's name, and make-up working days (调休上班/补班).
///
/// Weekdays are working days and Saturdays and Sundays rest days unless a year says otherwise.
public struct CalendarYear: Sendable, Equatable {
    /// A run of days off, first and last day included.
    public struct Holiday: Sendable, Equatable {
        public var name: String
        public var from: Day
        public var to: Day
        /// The notice, when another year's notice set these days.
        public var notice: String?
        /// Where the entry stands in its file, for error messages.
        public var line: Int?

        public init(name: String, from: Day, to: Day, notice: String? = nil, line: Int? = nil) {
            self.name = name
            self.from = from
            self.to = to
            self.notice = notice
            self.line = line
        }
    }

    /// A Saturday or Sunday that is a working day (调休上班).
    public struct MakeupDay: Sendable, Equatable {
        public var date: Day
        /// The holiday it makes up for.
        public var holiday: String
        public var notice: String?
        public var line: Int?

        public init(date: Day, holiday: String, notice: String? = nil, line: Int? = nil) {
            self.date = date
            self.holiday = holiday
            self.notice = notice
            self.line = line
        }
    }

    public var year: Int
    /// The notice this year comes from.
    public var notice: String
    /// The notice's document number, e.g. 国办发明电〔2024〕12号.
    public var noticeRef: String?
    public var holidays: [Holiday]
    public var makeupDays: [MakeupDay]
    /// The file it was read from, for error messages.
    public var source: String

    public init(year: Int, notice: String, noticeRef: String? = nil, holidays: [Holiday], makeupDays: [MakeupDay], source: String = "<memory>") {
        self.year = year
        self.notice = notice
        self.noticeRef = noticeRef
        self.holidays = holidays
        self.makeupDays = makeupDays
        self.source = source
    }

    /// Checks the rules every year must keep: dates inside the year, ranges in order, a make-up day is
    /// a Saturday or Sunday, no day both off and a make-up day, no day in two holidays.
    /// Returns every violation, each naming file, line and field.
    public func validate() -> [InputError] {
        var errors: [InputError] = []
        func fail(_ line: Int?, _ field: String, _ reason: String) {
            errors.append(InputError(file: source, line: line, field: field, reason: reason))
        }
        var offDays: [Int: String] = [:]
        for (i, holiday) in holidays.enumerated() {
            let field = "holidays[\(i)]"
            if holiday.name.isEmpty { fail(holiday.line, field + ".name", "a holiday needs a name") }
            if holiday.from.year != year { fail(holiday.line, field + ".from", "\(holiday.from) is not in \(year)") }
            if holiday.to.year != year { fail(holiday.line, field + ".to", "\(holiday.to) is not in \(year)") }
            if holiday.to < holiday.from {
                fail(holiday.line, field + ".to", "\(holiday.to) is before from = \(holiday.from)")
                continue
            }
            for n in holiday.from.number...holiday.to.number {
                if let other = offDays[n] {
                    fail(holiday.line, field, "\(Day(number: n)) is already a day off for \(other)")
                }
                offDays[n] = holiday.name
            }
        }
        var seen: Set<Int> = []
        for (i, makeup) in makeupDays.enumerated() {
            let field = "workdays[\(i)].date"
            if makeup.date.year != year { fail(makeup.line, field, "\(makeup.date) is not in \(year)") }
            if !makeup.date.isWeekend {
                fail(makeup.line, field, "\(makeup.date) is a \(makeup.date.chineseWeekday); a make-up working day must be a Saturday or Sunday")
            }
            if let name = offDays[makeup.date.number] {
                fail(makeup.line, field, "\(makeup.date) is both a day off (\(name)) and a make-up working day")
            }
            if !seen.insert(makeup.date.number).inserted {
                fail(makeup.line, field, "\(makeup.date) is listed twice")
            }
        }
        return errors
    }
}
