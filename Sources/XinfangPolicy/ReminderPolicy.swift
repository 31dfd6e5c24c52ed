public import XinfangCore

/// A point before or after a deadline at which its office is reminded.
public struct Milestone: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// N working days before the due day.
        case before(workingDays: Int)
        /// The morning of the due day.
        case dueDay
        /// The first day overdue; also records an overdue event for escalation.
        case overdue
    }

    public var kind: Kind
    /// The local day it fires on (at the configured morning hour).
    public var day: Day

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(_ kind: Kind, day: Day) {
        self.kind = kind
        self.day = day
    }

    /// The stable name used in dedupe keys: `before-10wd`, `due`, `overdue`.
    public var name: String {
        switch kind {
        case .before(let n): "before-\(n)wd"
        case .dueDay: "due"
        case .overdue: "overdue"
        }
    }
}

/// The statutory period of a deadline in calendar days, for scaling lead times: N days, N working
/// days × 7/5, or the span the assigning body set. (Inside an escalation-risk period the scheduler
/// doubles it, which doubles the lead times.)
public func periodDays(_ period: Period?, start: Day, due: Day) -> Int {
    switch period {
    case .calendarDays(let n)?: n
    case .workingDays(let n)?: n * 7 / 5
    case .setByAssigningBody?, nil: due - start
    }
}

/// What a reminder's text is made of: case numbers, units and leaders only, never petitioners' data.
public struct ReminderContext: Sendable {
    public var caseNumber: String
    public var unit: String
    public var leader: String?
    public var kind: DeadlineKind
    public var article: String
    public var due: Day
    public var milestone: Milestone
    /// Working days left after the reminder's day up to and including the due day.
    public var workingDaysLeft: Int
    /// Calendar days past due on the reminder's day (0 before).
    public var daysOverdue: Int
    /// Whether the due day is provisional (no calendar data yet for part of the period).
    public var provisional: Bool

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(caseNumber: String, unit: String, leader: String?, kind: DeadlineKind, article: String, due: Day,
                milestone: Milestone, workingDaysLeft: Int, daysOverdue: Int, provisional: Bool) {
        self.caseNumber = caseNumber
        self.unit = unit
        self.leader = leader
        self.kind = kind
        self.article = article
        self.due = due
        self.milestone = milestone
        self.workingDaysLeft = workingDaysLeft
        self.daysOverdue = daysOverdue
        self.provisional = provisional
    }
}

/// Decides when the offices of a deadline are reminded, and what the reminder says.
///
/// The default (extension below) reminds 10 and 3 working days before a 60-day deadline, on the
/// morning of the due day, and on the first day overdue; shorter deadlines get lead times in
/// proportion (at least one working day). An extension moves the milestones with the due day but
/// does not lengthen the lead times. Petitioners' windows (D8, D10) get no reminders; an
/// office's option (D4) only on its last day. A policy overrides what differs.
public protocol ReminderPolicy: Sendable {
    var descriptor: PolicyDescriptor { get }
    /// The lead times, in working days, for a 60-day deadline; others scale in proportion.
    var leadWorkingDays: [Int] { get }
    /// Milestones of one deadline, in time order, none before the day its clock started.
    /// `periodDays` is the statutory period in calendar days without extensions (lead times scale with it).
    func milestones(kind: DeadlineKind, start: Day, due: Day, periodDays: Int, calendar: WorkingCalendar) -> [Milestone]
    /// The reminder's subject and body, in Simplified Chinese.
    func text(_ context: ReminderContext) -> (subject: String, body: String)
}

extension ReminderPolicy {
    public var leadWorkingDays: [Int] { [10, 3] }

    public func milestones(kind: DeadlineKind, start: Day, due: Day, periodDays: Int, calendar: WorkingCalendar) -> [Milestone] {
        switch kind.party {
        case .petitioner: return []
        case .officeOption: return [Milestone(.dueDay, day: due)]
        case .office: break
        }
        let span = max(1, periodDays)
        var leads: [Int] = []
        for lead in leadWorkingDays {
            let scaled = max(1, Int((Double(lead) * Double(span) / 60).rounded()))
            if !leads.contains(scaled) { leads.append(scaled) }
        }
        var out: [Milestone] = []
        for lead in leads.sorted(by: >) {
            let day = calendar.addingWorkingDays(-lead, to: due).day
            if day > start && day < due && !out.contains(where: { $0.day == day }) { out.append(Milestone(.before(workingDays: lead), day: day)) }
        }
        out.append(Milestone(.dueDay, day: due))
        out.append(Milestone(.overdue, day: due.adding(days: 1)))
        return out
    }

    public func text(_ c: ReminderContext) -> (subject: String, body: String) {
        let duty = ReminderWording.duty(c.kind)
        let title = "【\(ReminderWording.title(c.kind))】"
        let state: String
        switch c.milestone.kind {
        // A before-reminder sent late (补发) says where the deadline stands now, not "-57 days left".
        case .before where c.daysOverdue > 0: state = "已逾期\(c.daysOverdue)天"
        case .before where c.workingDaysLeft <= 0: state = "今日到期"
        case .before: state = "剩余\(c.workingDaysLeft)个工作日"
        case .dueDay: state = "今日到期"
        case .overdue: state = "已逾期\(c.daysOverdue)天，已记录逾期；请承办单位立即办理并书面说明逾期原因，建议信访部门对本事项发出督办单督促办理"
        }
        var subject = "\(title)\(c.caseNumber) 应于\(c.due)前\(duty)"
        if case .overdue = c.milestone.kind { subject = "【逾期】\(c.caseNumber) 应于\(c.due)前\(duty)，已逾期\(c.daysOverdue)天" }
        var body = "\(title)\(c.caseNumber) 应于\(c.due)（\(c.due.chineseWeekday)）前\(duty)（\(c.article)），\(state)；承办单位：\(c.unit)"
        if let leader = c.leader { body += "；包案领导：\(leader)" }
        body += "。"
        if c.provisional { body += "\n注意：期限跨越尚未公布放假安排的年份，到期日为暂定，公布后可能变动。" }
        return (subject, body)
    }
}

/// The Chinese words for each deadline in reminders.
public enum ReminderWording {
    /// The reminder's title (e.g. 办理期限提醒).
    public static func title(_ kind: DeadlineKind) -> String { words(kind).title }

    /// What the office has to do by the due day (e.g. 办结并出具信访处理意见书).
    public static func duty(_ kind: DeadlineKind) -> String { words(kind).duty }

    /// Title and duty side by side, one row per deadline, so the two never drift apart.
    private static func words(_ kind: DeadlineKind) -> (title: String, duty: String) {
        switch kind {
        case .registration: ("登记转送期限提醒", "登记并转送或交办")
        case .intakeNotice, .forwardNotice: ("受理告知期限提醒", "书面告知信访人是否受理")
        case .remitObjection: ("异议期限提醒", "对不属本机关职权范围的事项提出异议")
        case .assignedReport: ("交办报告期限提醒", "报送办结报告")
        case .handling: ("办理期限提醒", "办结并出具信访处理意见书")
        case .reviewWindow: ("复查申请期限提醒", "提出复查请求")
        case .reviewAnswer: ("复查答复期限提醒", "作出复查意见")
        case .recheckWindow: ("复核申请期限提醒", "提出复核请求")
        case .recheckAnswer: ("复核答复期限提醒", "作出复核意见")
        }
    }
}

/// The built-in reminder policy.
public struct StandardReminderPolicy: ReminderPolicy {
    public var descriptor = PolicyDescriptor(id: "reminders-standard", version: "1.0.0", summary: "10/3 working days before, due day, first day overdue")
    public var leadWorkingDays: [Int]

    // Memberwise, written out: Swift synthesizes only an internal initializer.
    public init(leadWorkingDays: [Int] = [10, 3]) {
        self.leadWorkingDays = leadWorkingDays
    }
}
