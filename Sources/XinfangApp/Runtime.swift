public import XinfangCore
public import XinfangEngine
public import XinfangFiles
import XinfangNotify
public import XinfangPlugins
public import XinfangPolicy

/// What a configuration builds, for the daemon and `xinfangctl` alike: the calendar, the policies
/// and plugins, the escalation-risk periods, the engine's settings and the outbox's notifiers. Every
/// part is built here and only here, so that what `xinfangctl due` or `agenda` shows is what the
/// daemon fires.
public struct Runtime {
    public var config: DaemonConfig
    public var settings: Engine.Settings
    public var notifiers: [any Notifier]
    public var plugins: [PluginRecord]
    /// The 签收 links the Maildir puts in reminder mails (nil: mails carry none).
    public var mailLinks: MailLinks?

    /// Builds everything the configuration names; `pluginCopies` is where plugins are copied before
    /// loading (nil: the runtime directory); `mailLinks`, the 签收 links of reminder mails (the public
    /// URL and the link secret, which the configuration does not hold). Throws with file:line:field.
    public static func build(_ config: DaemonConfig, pluginCopies: String? = nil, mailLinks: MailLinks? = nil) throws(ConfigurationFailure) -> Runtime {
        let calendar = try Self.calendar(config)
        let configured = try Self.registry(config, pluginCopies: pluginCopies)
        let periods = try Self.periods(config)
        var notifiers: [any Notifier] = configured.enabledPluginNotifiers(config)
        if let m = config.maildir { notifiers.append(MaildirNotifier(root: m.path, from: m.from, ackLink: mailLinks?.ackLink)) }
        if let e = config.exec {
            notifiers.append(ExecNotifier(executable: e.command[0], arguments: Array(e.command.dropFirst()), timeout: .seconds(e.timeoutSeconds)))
        }
        return Runtime(
            config: config,
            settings: Engine.Settings(
                registry: configured.registry, scheduling: scheduling(config, calendar: calendar, periods: periods),
                leaders: leaders(config, calendar: calendar, periods: periods), channels: notifiers.map(\.id),
                fireAheadSeconds: Int64(config.fireAheadSeconds)),
            notifiers: notifiers, plugins: configured.plugins, mailLinks: mailLinks)
    }

    /// The working-day calendar the configuration names.
    public static func calendar(_ config: DaemonConfig) throws(ConfigurationFailure) -> WorkingCalendar {
        do {
            return try TOMLCalendarSource(id: config.calendarID, directory: config.calendarDirectory + "/" + config.calendarID).loadCalendar()
        } catch let errors as InputErrors {
            throw ConfigurationFailure(errors.description)
        } catch {
            throw ConfigurationFailure("calendar \(config.calendarID): \(error)")
        }
    }

    /// The policy registry with the plugins of the configured directories.
    public static func registry(_ config: DaemonConfig, pluginCopies: String? = nil) throws(ConfigurationFailure) -> ConfiguredRegistry {
        do throws(InputError) { return try ConfiguredRegistry.build(config, copies: pluginCopies) } catch { throw ConfigurationFailure(error.description) }
    }

    /// The escalation-risk periods of the configuration's periods file (none without one).
    public static func periods(_ config: DaemonConfig) throws(ConfigurationFailure) -> SensitivePeriods {
        guard let file = config.resolvedPeriodsFile else { return SensitivePeriods([]) }
        do throws(InputErrors) { return SensitivePeriods(try PeriodsFile.read(path: file)) } catch { throw ConfigurationFailure(error.description) }
    }

    /// Local time: the UTC offset and the morning hour reminders fire at.
    public static func time(_ config: DaemonConfig) -> LocalTime {
        LocalTime(utcOffsetSeconds: config.utcOffsetSeconds, reminderSecondOfDay: config.reminderSecondOfDay)
    }

    /// How deadlines are scheduled and reminded: lead times (doubled inside a period), late and settle times.
    public static func scheduling(_ config: DaemonConfig, calendar: WorkingCalendar, periods: SensitivePeriods) -> Scheduling {
        var scheduling = Scheduling(
            calendar: calendar, reminders: StandardReminderPolicy(leadWorkingDays: config.leadWorkingDays), time: time(config),
            lateAfterSeconds: Int64(config.lateAfterSeconds), settleSeconds: Int64(config.settleSeconds))
        scheduling.periods = periods
        return scheduling
    }

    /// The reception policy the configuration names.
    public static func receptionPolicy(_ config: DaemonConfig) -> StandardReceptionPolicy {
        StandardReceptionPolicy(shift: HolidayShift(rawValue: config.receptionShift) ?? .postpone, leadWorkingDays: config.receptionLeadWorkingDays)
    }

    /// Leaders' timers: reception days, acknowledgement escalation, digests, daily reports, duties.
    public static func leaders(_ config: DaemonConfig, calendar: WorkingCalendar, periods: SensitivePeriods) -> LeaderScheduling {
        var leaders = LeaderScheduling(
            reception: receptionPolicy(config), time: time(config), calendar: calendar, digestWeekday: config.digestWeekday,
            escalateAfterSeconds: config.escalateAfterHours > 0 ? Int64(config.escalateAfterHours) * 3600 : nil,
            lateAfterSeconds: Int64(config.lateAfterSeconds))
        leaders.periods = periods
        leaders.duties = config.duties
        return leaders
    }
}

/// A configuration the runtime cannot be built from (a bad file, a missing calendar), with the
/// message to show: file:line:field and what is wrong.
public struct ConfigurationFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
