public import XinfangCore
public import XinfangICS
public import XinfangPolicy
public import XinfangPorts

/// One leader's iCalendar: reception days (timed, at the place, with alarms at the reminder lead
/// times; cancelled ones kept as CANCELLED so subscribed clients drop them) and the due dates of the
/// cases they own (all-day). UIDs depend only on what an event is about, so an updated file replaces
/// events in a client rather than duplicating them.
public enum LeaderCalendar {
    /// Reception hours shown in calendars (local): 09:00–12:00.
    public static let receptionMinutes = (start: 9 * 60, end: 12 * 60)

    public static func build(
        leader: String, occurrences: [ReceptionOccurrence], cases: [BriefingCase], reception: any ReceptionPolicy,
        reminders: any ReminderPolicy, time: LocalTime, calendar: WorkingCalendar
    ) -> ICSCalendar {
        var ics = ICSCalendar(name: "\(leader) 接访与包案期限", utcOffsetMinutes: time.utcOffsetSeconds / 60)
        for o in occurrences where o.leader == leader {
            let start = time.instant(o.day, secondOfDay: receptionMinutes.start * 60)
            let alarms = reception.milestones(for: o, calendar: calendar).map { Int((start - time.reminderInstant($0.day)) / 60) }.filter { $0 >= 0 }
            var description = "\(leader)在\(o.place)接待来访群众。"
            if let why = o.why { description += "\n" + why }
            ics.events.append(ICSEvent(
                uid: ICSEvent.stableUID(["reception", o.ruleID, o.nominalDay.description]),
                when: .timed(o.day, startMinute: receptionMinutes.start, endMinute: receptionMinutes.end),
                summary: "接访：\(o.place)", description: description, location: o.place, alarmsMinutesBefore: alarms,
                status: o.isHeld ? nil : "CANCELLED", categories: ["接访"]))
        }
        for c in cases {
            guard let due = c.nextDue, let kind = c.nextKind.flatMap(DeadlineKind.init(rawValue:)) else { continue }
            let midnight = time.instant(due, secondOfDay: 0)
            // The alarms are the deadline's own reminder milestones: its start and period, not a 60-day one.
            let start = c.nextStart ?? due.adding(days: -(c.nextPeriodDays ?? 60))
            let alarms = reminders.milestones(kind: kind, start: start, due: due, periodDays: c.nextPeriodDays ?? (due - start), calendar: calendar)
                .filter { if case .overdue = $0.kind { false } else { true } }
                .map { Int((midnight - time.reminderInstant($0.day)) / 60) }
            ics.events.append(ICSEvent(
                uid: ICSEvent.stableUID(["due", c.number, kind.rawValue]), when: .allDay(due),
                summary: "到期：\(c.number) \(kind.chineseName)", description: "\(c.number)（\(c.category)）\(c.title ?? "")\n承办单位：\(c.unit)",
                location: c.place, alarmsMinutesBefore: alarms, categories: ["包案期限"]))
        }
        return ics
    }
}
