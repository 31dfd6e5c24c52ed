public import XinfangCore

/// Decides how leader receptions (领导接访) fall around holidays and when the leader is told.
///
/// The default (extension below): a reception whose nominal day is a holiday or rest day is held
/// on the next working day (顺延); the leader is reminded 5 working days before the day it is held,
/// and on the morning of that day. A policy overrides what differs (per place, per rule).
public protocol ReceptionPolicy: Sendable {
    /// What the policy is (id, version, summary).
    var descriptor: PolicyDescriptor { get }
    /// What happens to `rule`'s receptions whose nominal day is not a working day.
    func shift(for rule: ReceptionRule) -> HolidayShift
    /// How many working days before a reception the leader is told (0: only on the day).
    var leadWorkingDays: Int { get }
    /// The reminders of one occurrence, in time order: the lead reminder and the morning of the
    /// day; none for an occurrence that is not held.
    func milestones(for occurrence: ReceptionOccurrence, calendar: WorkingCalendar) -> [Milestone]
}

extension ReceptionPolicy {
    /// 顺延 for every rule.
    public func shift(for rule: ReceptionRule) -> HolidayShift { .postpone }

    /// 5 working days.
    public var leadWorkingDays: Int { 5 }

    /// `leadWorkingDays` working days before the day it is held (when that is more than 0), then
    /// the morning of the day.
    public func milestones(for occurrence: ReceptionOccurrence, calendar: WorkingCalendar) -> [Milestone] {
        guard occurrence.isHeld else { return [] }
        var out: [Milestone] = []
        if leadWorkingDays > 0 {
            out.append(Milestone(.before(workingDays: leadWorkingDays), day: calendar.addingWorkingDays(-leadWorkingDays, to: occurrence.day).day))
        }
        out.append(Milestone(.dueDay, day: occurrence.day))
        return out
    }

    /// The schedule under this policy: `ReceptionSchedule.occurrences` with `shift(for:)`.
    public func occurrences(rules: [ReceptionRule], exceptions: [ReceptionException] = [], from: Day, through: Day,
                            calendar: WorkingCalendar) -> [ReceptionOccurrence] {
        ReceptionSchedule.occurrences(rules: rules, exceptions: exceptions, from: from, through: through, calendar: calendar,
                                      shift: { shift(for: $0) })
    }
}

/// The built-in reception policy: one holiday shift for all, overridden per place.
public struct StandardReceptionPolicy: ReceptionPolicy {
    /// `reception-standard`; the summary names the settings that differ from the defaults.
    public var descriptor = PolicyDescriptor(id: "reception-standard", version: "1.0.0", summary: "holiday receptions 顺延, leader told 5 working days ahead")
    /// The shift for places not in `perPlace`.
    public var defaultShift: HolidayShift
    /// Working days of notice before each reception.
    public var leadWorkingDays: Int
    /// Shifts for particular places (a rule's `place`).
    public var perPlace: [String: HolidayShift]

    /// 顺延 and 5 working days unless told otherwise; `perPlace` overrides the shift by place.
    public init(shift: HolidayShift = .postpone, leadWorkingDays: Int = 5, perPlace: [String: HolidayShift] = [:]) {
        self.defaultShift = shift
        self.leadWorkingDays = leadWorkingDays
        self.perPlace = perPlace
        if shift != .postpone || leadWorkingDays != 5 || !perPlace.isEmpty {
            descriptor.summary = "holiday receptions \(shift.rawValue)"
                + (perPlace.isEmpty ? "" : " (\(perPlace.count) places otherwise)")
                + ", leader told \(leadWorkingDays) working days ahead"
        }
    }

    /// The place's shift, else the default one.
    public func shift(for rule: ReceptionRule) -> HolidayShift { perPlace[rule.place] ?? defaultShift }
}
