public import XinfangCore
public import XinfangEngine
import XinfangPolicy
public import XinfangPorts

/// `case show`: a stored case's facts, ownership history (包案), timeline, deadlines computed live,
/// the schedule the daemon stored, and its reminders. Petitioners' data is never in it.
public struct CaseView: Encodable {
    public struct Facts: Encodable {
        public var number: String
        public var received: String
        public var receivedWeekday: String
        public var channel: String
        public var category: String
        public var unit: String
        public var persons: Int
        public var repeated: Bool
        public var skipLevel: Bool
        public var leader: String?
        public var intake: String
        public var contactKnown: Bool
        /// The first case of the same matter (初件) when this case is a repeat (重件).
        public var repeatOf: String?
        public var closed: String?
        public var version: Int64
        /// Not yet computed by the daemon.
        public var dirty: Bool
        public var createdAt: String
    }

    /// 满意度评价: the state derived from the events and the policy's evaluation window.
    public struct Evaluation: Encodable {
        /// pending (待评价) | evaluated (已评价) | lapsed (超期未评价)
        public var state: String
        public var name: String
        public var rating: String?
        public var evaluatedOn: String?
        public var opened: String
        public var due: String
        public var dueWeekday: String
        /// An evaluation recorded after the window (逾期评价).
        public var lateByDays: Int?
        public var source: String
    }

    public struct Ownership: Encodable {
        public var leader: String
        public var since: String
        public var until: String?
    }

    public struct Event: Encodable {
        public var seq: Int
        public var date: String
        public var type: String
        public var name: String
        public var details: String?
        public var note: String?
        public var recordedAt: String
        public var lateByDays: Int?
    }

    public struct Scheduled: Encodable {
        public var kind: String
        public var name: String
        public var status: String
        public var due: String?
        public var nextMilestone: String?
        public var nextMilestoneIndex: Int?
        public var firesAt: String?
    }

    public struct Delivery: Encodable {
        public var channel: String
        public var state: String
        public var attempts: Int
        public var lastError: String?
        public var deliveredAt: String?
        public var nextAttemptAt: String?
    }

    public struct ReminderRow: Encodable {
        public var id: Int64
        public var caseNumber: String
        public var kind: String
        public var milestone: String
        public var due: String
        public var recipientRole: String
        public var recipient: String
        public var subject: String
        public var fireAt: String
        public var createdAt: String
        public var lateBySeconds: Int64?
        public var ackedAt: String?
        public var deliveries: [Delivery]
        /// An overdue reminder whose overdue record was withdrawn: later events show the deadline met.
        public var withdrawn = false

        public init(_ s: ReminderState, time: LocalTime) {
            let r = s.reminder
            id = r.id
            caseNumber = r.caseNumber
            kind = r.kind
            milestone = r.milestone
            due = r.due.description
            recipientRole = r.recipient.role.rawValue
            recipient = r.recipient.name
            subject = r.subject
            fireAt = time.format(r.fireAt)
            createdAt = time.format(r.createdAt)
            lateBySeconds = r.lateBySeconds
            ackedAt = s.ackedAt.map(time.format)
            deliveries = s.deliveries.map {
                Delivery(channel: $0.channel, state: $0.state, attempts: $0.attempts, lastError: $0.lastError,
                         deliveredAt: $0.deliveredAt.map(time.format), nextAttemptAt: $0.state == "pending" ? $0.nextAttemptAt.map(time.format) : nil)
            }
        }
    }

    public var facts: Facts
    /// The repeats (重件) linked to this case as their first case.
    public var repeats: [String]
    public var evaluation: Evaluation?
    public var ownership: [Ownership]
    public var timeline: [Event]
    public var policy: String
    public var policyVersion: String
    /// Why the unit's selected policy is not the one in force (its plugin failed), if so.
    public var policyFallback: String?
    public var calendar: String
    public var calendarYears: String?
    public var asOf: String
    public var deadlines: [CaseReport.DeadlineRow]
    public var schedule: [Scheduled]
    public var scheduleNote: String?
    public var reminders: [ReminderRow]
    /// The 信访件状态 an export gave without the days of its events, if any.
    public var importedState: ImportedState?
    public struct ImportedState: Encodable {
        public var state: String
        public var undated: [String]
        public var source: String
    }
    /// The deadline lines exactly as `case explain` prints them.
    public private(set) var deadlineText: [String]

    private enum CodingKeys: String, CodingKey {
        case facts = "case", repeats, evaluation, ownership, timeline, policy, policyVersion, policyFallback, calendar, calendarYears, asOf, deadlines, schedule, scheduleNote, reminders, importedState
    }

    /// Deadlines as of `asOf`, with the reader's policies and calendar; times in local `time`.
    public init(record: CaseRecord, reader: ScheduleReader, time: LocalTime, asOf: Day) throws {
        let calendar = reader.scheduling.calendar
        let timeline = record.stored.timeline
        let f = timeline.facts
        let registry = reader.registry
        let policy = registry.policy(forUnit: f.unit)
        policyFallback = registry.fallbacks[f.unit]
        importedState = try reader.store.importedState(number: f.number).map { ImportedState(state: $0.state, undated: $0.undated, source: $0.source) }
        facts = Facts(
            number: f.number, received: f.received.description, receivedWeekday: f.received.chineseWeekday, channel: f.channel.rawValue,
            category: f.category.rawValue, unit: f.unit, persons: f.persons, repeated: f.repeated, skipLevel: f.skipLevel, leader: f.leader,
            intake: f.intake.rawValue, contactKnown: f.contactKnown, repeatOf: f.repeatOf, closed: record.closed?.description, version: record.stored.version,
            dirty: record.dirty, createdAt: time.format(record.createdAt))
        repeats = try reader.store.repeats(of: f.number).map(\.number)
        let window = policy.evaluationWindow
        evaluation = window.status(of: timeline, calendar: calendar, asOf: asOf).map { status in
            var rating: String?, evaluatedOn: String?, opened: Day
            switch status {
            case .pending(let o, _), .lapsed(let o, _): opened = o
            case .evaluated(let r, let on, let o, _): (rating, evaluatedOn, opened) = (r.rawValue, on.description, o)
            }
            return Evaluation(state: status.name, name: status.chineseName, rating: rating, evaluatedOn: evaluatedOn, opened: opened.description,
                              due: status.due.description, dueWeekday: status.due.chineseWeekday, lateByDays: status.lateByDays, source: window.source)
        }
        ownership = record.ownership.map { Ownership(leader: $0.leader, since: time.format($0.since), until: $0.until.map(time.format)) }

        // Replays the events through the policy to find the requests recorded late.
        var partial = CaseTimeline(facts: f)
        var events: [Event] = []
        for e in record.events {
            var late: Int? = nil
            if let event = e.event, e.seq > 0 {
                late = (try? policy.check(event, against: partial, calendar: calendar))?.lateByDays
                partial = partial.appending(checked: event)
            }
            events.append(Event(
                seq: e.seq, date: e.day.description, type: e.type, name: e.event?.kind.chineseName ?? e.type,
                details: e.event.flatMap { CaseReport.detail($0.kind) }.flatMap { $0.isEmpty ? nil : $0 }, note: e.note,
                recordedAt: time.format(e.recordedAt), lateByDays: late))
        }
        self.timeline = events

        let report = CaseReport(timeline: timeline, acceptances: [], deadlines: policy.deadlines(for: timeline, calendar: calendar, asOf: asOf),
                                policy: policy.descriptor, calendar: calendar, asOf: asOf)
        self.policy = report.policy
        policyVersion = report.policyVersion
        self.calendar = report.calendar
        calendarYears = report.calendarYears
        self.asOf = report.asOf
        deadlines = report.deadlines
        let lines = report.text.components(separatedBy: "\n")
        deadlineText = [lines[1]] + (lines.firstIndex(of: "Deadlines 期限").map { Array(lines[$0...]) } ?? [])

        schedule = record.stored.deadlines.map { d in
            var row = Scheduled(kind: d.kind.rawValue, name: d.kind.chineseName, status: d.status.rawValue, due: d.due?.description)
            if let index = d.nextMilestone, let milestones = reader.milestones(d) {
                row.nextMilestone = index < milestones.count ? milestones[index].name : nil
                row.nextMilestoneIndex = index
                row.firesAt = d.nextFireAt.map(time.format)
            }
            return row
        }
        if record.dirty {
            scheduleNote = record.stored.deadlines.isEmpty
                ? "not yet scheduled by the daemon (待计算)"
                : "from an earlier version of the case: the daemon has not yet recomputed it (待计算)"
        }
        let standing = try reader.store.overdueRecords(caseNumber: f.number)
        reminders = record.reminders.map { state in
            var row = ReminderRow(state, time: time)
            let r = state.reminder
            // An overdue reminder whose record later events withdrew (the deadline was met after all).
            row.withdrawn = r.milestone == "overdue" && r.deadlineKind != nil && !standing.contains("\(r.kind)|\(r.due)")
            return row
        }
    }
}

extension CaseView.Scheduled {
    public init(kind: String, name: String, status: String, due: String?) {
        self.init(kind: kind, name: name, status: status, due: due, nextMilestone: nil, nextMilestoneIndex: nil, firesAt: nil)
    }
}
