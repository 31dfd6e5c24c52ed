import Foundation
public import XinfangCore

/// `xinfangd.toml`: everything the daemon and `xinfangctl` read from configuration. Unknown keys and
/// bad values are refused with `file:line:field`. Every key is optional; defaults in the README.
public struct DaemonConfig: Sendable {
    /// The file read, or nil when running on defaults.
    public var file: String?
    /// The SQLite store.
    public var storePath: String
    /// Whether the file names the store (`[store] path`); otherwise `storePath` is a default.
    public var storePathConfigured = false
    /// Where the nudge socket lives.
    public var runtimeDirectory: String
    public var calendarID: String
    public var calendarDirectory: String
    /// Local time's UTC offset in seconds (Asia/Shanghai: +8 h).
    public var utcOffsetSeconds: Int
    /// Seconds after local midnight at which milestone reminders fire.
    public var reminderSecondOfDay: Int
    /// Lead times (working days) for a 60-day deadline; shorter ones scale.
    public var leadWorkingDays: [Int]
    /// A reminder created more than this many seconds after its time is marked late.
    public var lateAfterSeconds: Int
    /// How long a case changed by hand settles before overdue-type milestones fire for it.
    public var settleSeconds: Int = 300
    /// How far ahead (seconds) deadline milestones are written, to be announced at their time (0: at their time).
    public var fireAheadSeconds: Int = 60
    public var maildir: Maildir?
    public var exec: Exec?
    /// Settings of notifiers that plugins provide, by notifier id (`[notify.plugin.<id>]`).
    public var pluginNotifiers: [String: [String: String]] = [:]
    /// Where plugins are loaded from; nil means the default directories.
    public var pluginDirectories: [String]?
    /// What a reception day on a rest day does: 顺延 (default), 提前, skip.
    public var receptionShift: String = "顺延"
    /// Working days before a reception day that the leader is reminded.
    public var receptionLeadWorkingDays: Int = 5
    /// The weekday (1 = Monday) of leaders' weekly digests.
    public var digestWeekday: Int = 1
    /// Hours a reminder to a leader may stay unacknowledged before it goes to the deputy (0: never).
    public var escalateAfterHours: Int = 24
    /// Recurring duties: dispatch meetings, leaders' meetings, bulletins (`[[duties]]`).
    public var duties: [RecurringDuty] = []
    /// The escalation-risk periods file (`[periods] file`); nil: `periods.toml` next to the configuration file.
    public var periodsFile: String?
    /// The web interface and the JSON API (`[http]`).
    public var http = HTTPSettings()

    /// Where the periods file is, or is written to (`xinfangctl period add`): `[periods] file`, else
    /// `periods.toml` next to the configuration file (`etc/periods.toml` without one). The one place
    /// the daemon and every command find it.
    public var periodsFilePath: String {
        periodsFile ?? file.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path + "/periods.toml" } ?? "etc/periods.toml"
    }

    /// The periods file to read, if any: `[periods] file` (which must exist), else `periods.toml` next
    /// to the configuration file when present.
    public var resolvedPeriodsFile: String? {
        if let periodsFile { return periodsFile }
        return file == nil || !FileManager.default.fileExists(atPath: periodsFilePath) ? nil : periodsFilePath
    }
    public var policy: PolicySettings

    public struct Maildir: Sendable, Equatable {
        public var path: String
        public var from: String
        public init(path: String, from: String) {
            self.path = path
            self.from = from
        }
    }

    public struct Exec: Sendable, Equatable {
        public var command: [String]
        public var timeoutSeconds: Int
    }

    /// Defaults for a process started by systemd (`$STATE_DIRECTORY`, `$RUNTIME_DIRECTORY`,
    /// `$CONFIGURATION_DIRECTORY`), from a checkout (`./var`, `./etc`), or — for `xinfangctl` in an
    /// operator's shell on an installed system — the installed service's `/var/lib/xinfangd` and
    /// `/run/xinfangd` when there is no `./var`.
    public static func defaults(environment: [String: String] = ProcessInfo.processInfo.environment) -> DaemonConfig {
        let installed = !FileManager.default.fileExists(atPath: "var") && FileManager.default.fileExists(atPath: "/var/lib/xinfangd")
        let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init) ?? (installed ? "/var/lib/xinfangd" : "var")
        let installedRuntime = installed && FileManager.default.fileExists(atPath: "/run/xinfangd") ? "/run/xinfangd" : nil
        let runtime = environment["RUNTIME_DIRECTORY"]?.split(separator: ":").first.map(String.init) ?? installedRuntime ?? state
        return DaemonConfig(
            file: nil, storePath: state + "/xinfang.sqlite", runtimeDirectory: runtime, calendarID: "cn",
            calendarDirectory: CalendarLocator.directory(explicit: nil, environment: environment),
            utcOffsetSeconds: 8 * 3600, reminderSecondOfDay: 9 * 3600, leadWorkingDays: [10, 3], lateAfterSeconds: 300,
            maildir: nil, exec: nil, policy: PolicySettings())
    }

    /// The configuration file to read: explicit, `$CONFIGURATION_DIRECTORY/xinfangd.toml`,
    /// `./etc/xinfangd.toml`, or the installed `/etc/xinfangd/xinfangd.toml`, whichever exists first.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit { return explicit }
        var candidates: [String] = []
        if let conf = environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first { candidates.append(conf + "/xinfangd.toml") }
        candidates += ["etc/xinfangd.toml", "/etc/xinfangd/xinfangd.toml"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Reads the configuration (or the defaults when there is no file).
    public static func load(path explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(InputError) -> DaemonConfig {
        var config = defaults(environment: environment)
        guard let path = locate(explicit: explicit, environment: environment) else { return config }
        config.file = path
        let root = try DataDocument.read(path: path).reader
        try root.rejectUnknownKeys(["store", "calendar", "time", "reminders", "notify", "policy", "plugins", "reception", "leaders", "periods", "duties", "http"])
        for t in try root.tables("duties") {
            try t.rejectUnknownKeys(["name", "every", "day", "kind", "to"])
            guard let every = RecurringDuty.Every(rawValue: try t.string("every")) else {
                throw t.error("every", "expected one of: \(RecurringDuty.Every.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let kind = RecurringDuty.Kind(rawValue: t.has("kind") ? try t.string("kind") : "meeting") else {
                throw t.error("kind", "expected one of: \(RecurringDuty.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let to = try t.strings("to")
            guard !to.isEmpty else { throw t.error("to", "name at least one unit or leader") }
            config.duties.append(RecurringDuty(
                name: try t.nonEmptyString("name"), every: every, day: t.has("day") ? try t.int("day", in: 1...28) : 1, kind: kind, to: to))
        }
        if root.has("http") { config.http = try HTTPSettings.read(try root.table("http")) }
        if root.has("periods") {
            let t = try root.table("periods")
            try t.rejectUnknownKeys(["file"])
            if t.has("file") { config.periodsFile = try t.nonEmptyString("file") }
        }
        if root.has("reception") {
            let t = try root.table("reception")
            try t.rejectUnknownKeys(["shift", "lead_working_days"])
            if t.has("shift") {
                let shift = try t.string("shift")
                guard ["顺延", "提前", "skip"].contains(shift) else { throw t.error("shift", "\"\(shift)\" is not 顺延, 提前 or skip") }
                config.receptionShift = shift
            }
            if t.has("lead_working_days") { config.receptionLeadWorkingDays = try t.int("lead_working_days", in: 0...30) }
        }
        if root.has("leaders") {
            let t = try root.table("leaders")
            try t.rejectUnknownKeys(["digest_weekday", "escalate_after_hours"])
            if t.has("digest_weekday") { config.digestWeekday = try t.int("digest_weekday", in: 1...7) }
            if t.has("escalate_after_hours") { config.escalateAfterHours = try t.int("escalate_after_hours", in: 0...720) }
        }
        if root.has("plugins") {
            let t = try root.table("plugins")
            try t.rejectUnknownKeys(["directories"])
            if t.has("directories") { config.pluginDirectories = try t.strings("directories") }
        }
        if root.has("store") {
            let t = try root.table("store")
            try t.rejectUnknownKeys(["path"])
            if t.has("path") {
                config.storePath = try t.nonEmptyString("path")
                config.storePathConfigured = true
            }
        }
        if root.has("calendar") {
            let t = try root.table("calendar")
            try t.rejectUnknownKeys(["id", "directory"])
            if t.has("id") { config.calendarID = try t.nonEmptyString("id") }
            if t.has("directory") { config.calendarDirectory = try t.nonEmptyString("directory") }
        }
        if root.has("time") {
            let t = try root.table("time")
            try t.rejectUnknownKeys(["utc_offset", "reminder_time"])
            if t.has("utc_offset") { config.utcOffsetSeconds = try parseOffset(t, "utc_offset") }
            if t.has("reminder_time") { config.reminderSecondOfDay = try parseClock(t, "reminder_time") }
        }
        if root.has("reminders") {
            let t = try root.table("reminders")
            try t.rejectUnknownKeys(["lead_working_days", "late_after_seconds", "settle_seconds", "fire_ahead_seconds"])
            if t.has("lead_working_days") { config.leadWorkingDays = try t.ints("lead_working_days", in: 1...60) }
            if t.has("late_after_seconds") { config.lateAfterSeconds = try t.int("late_after_seconds", in: 0...86_400) }
            if t.has("settle_seconds") { config.settleSeconds = try t.int("settle_seconds", in: 0...86_400) }
            if t.has("fire_ahead_seconds") { config.fireAheadSeconds = try t.int("fire_ahead_seconds", in: 0...600) }
        }
        if root.has("notify") {
            let t = try root.table("notify")
            try t.rejectUnknownKeys(["maildir", "exec", "plugin"])
            if t.has("plugin") {
                let plugins = try t.table("plugin")
                for id in plugins.table.keys.sorted() {
                    let settings = try plugins.table(id)
                    var values: [String: String] = [:]
                    for key in settings.table.keys.sorted() { values[key] = try settings.string(key) }
                    config.pluginNotifiers[id] = values
                }
            }
            if t.has("maildir") {
                let m = try t.table("maildir")
                try m.rejectUnknownKeys(["path", "from"])
                let from = try m.optionalString("from") ?? "xinfangd@localhost"
                guard isMailAddress(from) else { throw m.error("from", "\(quoted(from)) is not a mail address like xinfangd@localhost") }
                config.maildir = Maildir(path: try m.nonEmptyString("path"), from: from)
            }
            if t.has("exec") {
                let e = try t.table("exec")
                try e.rejectUnknownKeys(["command", "timeout_seconds"])
                let command = try e.strings("command")
                guard !command.isEmpty else { throw e.error("command", "must name a program") }
                config.exec = Exec(command: command, timeoutSeconds: e.has("timeout_seconds") ? try e.int("timeout_seconds", in: 1...600) : 10)
            }
        }
        config.policy = try PolicySettings.read(path: path)
        return config
    }

    /// `local@domain`: one `@`, both sides non-empty, no spaces, angle brackets or control characters.
    private static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !text.unicodeScalars.contains { $0.value <= 0x20 || "<>()[],;:\\\"".unicodeScalars.contains($0) }
    }

    private static func parseOffset(_ t: FieldReader, _ key: String) throws(InputError) -> Int {
        let s = try t.string(key)
        let bytes = Array(s.utf8)
        guard bytes.count == 6, bytes[0] == 0x2B || bytes[0] == 0x2D, bytes[3] == 0x3A,
              let h = Int(String(s.dropFirst().prefix(2))), let m = Int(String(s.suffix(2))), h <= 14, m < 60 else {
            throw t.error(key, "\"\(s)\" is not an offset like +08:00")
        }
        return (bytes[0] == 0x2D ? -1 : 1) * (h * 3600 + m * 60)
    }

    private static func parseClock(_ t: FieldReader, _ key: String) throws(InputError) -> Int {
        let s = try t.string(key)
        let parts = s.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else {
            throw t.error(key, "\"\(s)\" is not a time like 09:00")
        }
        return h * 3600 + m * 60
    }
}

extension FieldReader {
    func ints(_ key: String, in range: ClosedRange<Int>) throws(InputError) -> [Int] {
        guard case .array(let items)? = table[key] else { throw error(key, "expected an array of integers") }
        var out: [Int] = []
        for item in items {
            guard case .int(let n) = item, range.contains(n) else { throw error(key, "every entry must be an integer \(range.lowerBound)…\(range.upperBound)") }
            out.append(n)
        }
        return out
    }

    func strings(_ key: String) throws(InputError) -> [String] {
        guard case .array(let items)? = table[key] else { throw error(key, "expected an array of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { throw error(key, "every entry must be a string") }
            out.append(s)
        }
        return out
    }
}
