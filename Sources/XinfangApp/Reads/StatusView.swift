public import XinfangCore
public import XinfangEngine
import XinfangFiles
public import XinfangPorts

/// `status`: the store at a glance — open cases, deadlines due soon and overdue, reminders, the next
/// firing, the last audit row. Deadline counts are of the rows the daemon stored.
public struct StatusView: Encodable, Sendable {
    /// The next milestone to fire: when, the case, the deadline.
    public struct Next: Encodable, Sendable {
        public var at: String
        public var caseNumber: String
        public var kind: String
    }

    /// The store file (absolute path).
    public var store: String
    /// The nudge socket of the daemon running on this store, nil when none is.
    public var daemonSocket: String?
    public var asOf: String
    public var openCases: Int
    /// Stored office deadlines due from today through today + 3 days, and those overdue.
    public var dueWithin3Days: Int
    public var overdue: Int
    /// Reminders: all, with a delivery pending, with one failed, and not acknowledged (未签收).
    public var reminders: Int
    public var remindersPending: Int
    public var remindersFailed: Int
    public var remindersUnacked: Int
    /// Cases waiting for the daemon (待计算).
    public var dirtyCases: Int
    public var nextFiring: Next?
    /// The last audit row's time, and how many rows the chain holds.
    public var lastAuditAt: String?
    public var auditRows: Int

    /// As of `today`, local `time`; `daemonSocket` is where a running daemon answered, if one did.
    public init(store: any StatusReads, today: Day, time: LocalTime, daemonSocket: String?) throws {
        let s = try store.status(today: today, soonDays: 3)
        self.store = StoreLocation.absolute(store.location)
        self.daemonSocket = daemonSocket
        asOf = today.description
        openCases = s.openCases
        dueWithin3Days = s.dueSoon
        overdue = s.overdue
        reminders = s.reminders
        remindersPending = s.remindersPending
        remindersFailed = s.remindersFailed
        remindersUnacked = s.remindersUnacked
        dirtyCases = s.dirtyCases
        nextFiring = s.nextFire.map { Next(at: time.format($0.at), caseNumber: $0.caseNumber, kind: $0.kind.rawValue) }
        lastAuditAt = s.lastAuditAt.map(time.format)
        auditRows = s.auditRows
    }
}
