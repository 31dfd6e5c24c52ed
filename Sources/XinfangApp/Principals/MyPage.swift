public import XinfangCore
public import XinfangEngine
public import XinfangPolicy
public import XinfangPorts

/// 我的: what a leader (or a unit's clerk) has to act on — the own open cases most urgent first
/// (the dashboard in the principal's scope), the reminders addressed to them still to acknowledge
/// (签收), the next reception days with the briefing of each place, and the leader's deputies and
/// absences. Petitioners' data is never in it.
public struct MyPage: Encodable {
    /// A reception day (接访) of the leader, with the open cases of its place.
    public struct ReceptionDay: Encodable, Sendable {
        public var day: String
        public var weekday: String
        public var place: String
        /// Why it is not on its nominal day (moved, swapped, a holiday), if so.
        public var why: String?
        public var provisional: Bool
        public var placeOpenCount: Int
        /// The place's open cases, earliest next deadline first (at most `MyPages.listed`).
        public var placeCases: [BriefingCase]
    }

    /// A deputy (代理人): standing (no days) or for an absence.
    public struct Deputy: Encodable, Sendable {
        public var deputy: String
        public var from: String?
        public var until: String?
        public var absence: Bool
    }

    /// The principal's open cases (`Dashboard` with the principal's scope, no filter).
    public var cases: Dashboard
    /// Not acknowledged reminders to the principal (the leader, or the clerk's units), newest first.
    public var pendingReminders: [CaseView.ReminderRow]
    public var receptionDays: [ReceptionDay]
    public var deputies: [Deputy]
}

/// Reads the 我的 page.
public struct MyPages {
    /// How many pending reminders and briefing cases a page lists at most.
    public static let listed = 30

    public let store: any DashboardReads & DirectoryReads & MyPageReads
    public let registry: PolicyRegistry
    public let calendar: WorkingCalendar
    public let reception: StandardReceptionPolicy
    public let time: LocalTime

    public init(store: any DashboardReads & DirectoryReads & MyPageReads, registry: PolicyRegistry, calendar: WorkingCalendar,
                reception: StandardReceptionPolicy, time: LocalTime) {
        self.store = store
        self.registry = registry
        self.calendar = calendar
        self.reception = reception
        self.time = time
    }

    /// Whose reminders are the principal's: the leader's name (as leader or as a deputy), a clerk's
    /// or an api client's units; none for admin and viewer (theirs are nobody's by name).
    public static func recipients(of principal: Principal) -> [String] {
        switch principal.role {
        case .leader: principal.leader.map { [$0] } ?? []
        case .clerk, .api: principal.units
        case .admin, .viewer: []
        }
    }

    /// The page on `today`, with the reception days from `today` through `today + days`.
    public func page(principal: Principal, today: Day, days: Int = 14) throws -> MyPage {
        let cases = try Dashboard(principal: principal, filters: .init(), store: store, registry: registry, calendar: calendar, today: today)
        let pending = try store.unackedReminders(recipients: Self.recipients(of: principal), limit: Self.listed)
            .filter { principal.canAcknowledge(recipient: $0.reminder.recipient.name) }
            .map { CaseView.ReminderRow($0, time: time) }
        var receptionDays: [MyPage.ReceptionDay] = []
        var deputies: [MyPage.Deputy] = []
        if principal.role == .leader, let leader = principal.leader {
            let occurrences = reception.occurrences(rules: try store.receptionRules(), exceptions: try store.receptionExceptions(), from: today,
                                                    through: today.adding(days: days), calendar: calendar)
            for o in occurrences where o.leader == leader && o.isHeld {
                let briefing = try store.briefing(place: o.place, leader: nil, today: today, limit: Self.listed)
                receptionDays.append(MyPage.ReceptionDay(
                    day: o.day.description, weekday: o.day.chineseWeekday, place: o.place, why: o.why, provisional: o.provisional,
                    placeOpenCount: briefing.openCount, placeCases: briefing.cases))
            }
            deputies = try store.deputies().filter { $0.leader == leader }
                .map { MyPage.Deputy(deputy: $0.deputy, from: $0.from?.description, until: $0.until?.description, absence: $0.isAbsence) }
        }
        return MyPage(cases: cases, pendingReminders: pending, receptionDays: receptionDays, deputies: deputies)
    }
}
