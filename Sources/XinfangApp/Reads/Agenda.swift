public import XinfangCore
public import XinfangFiles

/// `agenda`: what will fire in a window of days, changing nothing — deadlines' milestones, reception
/// days, duties and digests, with their recipients, as the daemon will fire them.
public struct Agenda: Encodable, Sendable {
    /// Flat, like `DueList.Item` whose fields it shares in part (a deliberate choice): it is the
    /// JSON `agenda --json` prints, field by field.
    public struct Item: Encodable, Sendable {
        /// The case (or the place, duty or digest the timer is about), the kind and its Chinese name.
        public var caseNumber: String
        public var kind: String
        public var name: String
        /// The milestone (`before-10wd`, `due`, `overdue`, a reception's or a duty's) and its day.
        public var milestone: String
        public var milestoneDay: String
        /// When it fires, local time.
        public var fireAt: String
        /// The due day (the event's day for a timer) and its weekday.
        public var due: String
        public var dueWeekday: String
        public var provisional: Bool
        /// The unit it concerns, the owning leader, and who is reminded (`unit:…`, `leader:…`).
        public var unit: String
        public var leader: String?
        public var recipients: [String]
        /// Its time passed without firing: it fires as soon as the daemon runs.
        public var late: Bool
        /// Scheduled here: the daemon has not computed the case yet.
        public var notYetScheduled: Bool
        /// When it fires, Unix seconds (the sort key).
        public var fireAtUnix: Int64
    }

    public var from: String
    public var until: String
    public var days: Int
    public var items: [Item]

    /// The window [`first` 00:00, `first + days` 00:00) local time, as of `now`.
    public init(reader: ScheduleReader, config: DaemonConfig, first: Day, days: Int, now: Int64) throws {
        let scheduling = reader.scheduling, time = scheduling.time
        let start = time.instant(first, secondOfDay: 0)
        let end = time.instant(first.adding(days: days), secondOfDay: 0)
        var items: [Item] = []
        for row in try reader.scheduledDeadlines(firingBefore: end, computedAt: min(now, start)) {
            let d = row.deadline
            guard let next = d.nextMilestone, let due = d.due, let milestones = reader.milestones(d) else { continue }
            for i in milestones.indices where i >= next {
                let m = milestones[i]
                let at = i == next ? (d.nextFireAt ?? time.reminderInstant(m.day)) : time.reminderInstant(m.day)
                let late = at < now
                guard (start..<end).contains(at) || (late && (start..<end).contains(now)) else { continue }
                items.append(Item(
                    caseNumber: row.caseNumber, kind: d.kind.rawValue, name: d.kind.chineseName, milestone: m.name, milestoneDay: m.day.description,
                    fireAt: time.format(at), due: due.description, dueWeekday: due.chineseWeekday, provisional: d.provisional, unit: row.unit,
                    leader: row.leader, recipients: ["unit:\(row.unit)"] + (row.leader.map { ["leader:\($0)"] } ?? []), late: late,
                    notYetScheduled: row.caseDirty, fireAtUnix: at))
            }
        }
        items += try Self.timerItems(reader, config: config, first: first, start: start, end: end)
        items.sort { ($0.fireAtUnix, $0.caseNumber, $0.kind) < ($1.fireAtUnix, $1.caseNumber, $1.kind) }
        self.items = items
        from = first.description
        until = first.adding(days: days).description
        self.days = days
    }

    /// Reception reminders (接访), recurring duties (例行事项) and leaders' weekly digests (包案周报)
    /// whose time falls in the window, as the daemon's timers will fire them.
    static func timerItems(_ reader: ScheduleReader, config: DaemonConfig, first: Day, start: Int64, end: Int64) throws -> [Item] {
        let store = reader.store, time = reader.scheduling.time, calendar = reader.scheduling.calendar
        let policy = Runtime.receptionPolicy(config)
        let last = time.day(of: end - 1)
        func item(_ subject: String, kind: String, name: String, milestone: String, day: Day, due: Day, unit: String, recipients: [String]) -> Item? {
            let at = time.reminderInstant(day)
            guard (start..<end).contains(at) else { return nil }
            return Item(caseNumber: subject, kind: kind, name: name, milestone: milestone, milestoneDay: day.description, fireAt: time.format(at),
                        due: due.description, dueWeekday: due.chineseWeekday, provisional: false, unit: unit, leader: nil,
                        recipients: recipients, late: false, notYetScheduled: false, fireAtUnix: at)
        }
        var items: [Item] = []
        // Reminders come up to a few working days before the reception day: look beyond the window.
        let occurrences = policy.occurrences(rules: try store.receptionRules(), exceptions: try store.receptionExceptions(), from: first,
                                             through: last.adding(days: 30), calendar: calendar)
        for o in occurrences where o.isHeld {
            for m in policy.milestones(for: o, calendar: calendar) {
                if let i = item(o.place, kind: "reception", name: "接访", milestone: m.name, day: m.day, due: o.day, unit: o.place,
                                recipients: ["leader:\(o.leader)"]) { items.append(i) }
            }
        }
        let known = Set(try store.units().map(\.name)), leaderNames = Set(try store.leaders().map(\.name))
        // A digest goes only to a leader who owns open cases.
        let leaders = try store.leaders().filter { !(try store.briefingCases(leader: $0.name)).isEmpty }
        var day = first
        while day <= last {
            for duty in config.duties where duty.falls(on: day) {
                let to = duty.to.filter { known.contains($0) || leaderNames.contains($0) }
                if !to.isEmpty, let i = item(duty.name, kind: "duty", name: "例行事项", milestone: duty.kind.rawValue, day: day, due: day, unit: to.first ?? "",
                                recipients: to.map { leaderNames.contains($0) ? "leader:\($0)" : "unit:\($0)" }) { items.append(i) }
            }
            if day.isoWeekday == config.digestWeekday {
                for l in leaders {
                    if let i = item("周报 \(day)", kind: "digest", name: "包案周报", milestone: "weekly", day: day, due: day, unit: l.name,
                                    recipients: ["leader:\(l.name)"]) { items.append(i) }
                }
            }
            day = day.adding(days: 1)
        }
        return items
    }
}
