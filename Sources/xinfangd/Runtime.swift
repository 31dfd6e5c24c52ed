import Foundation
import Logging
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangNotify
import XinfangPlugins
import XinfangPolicy
import XinfangStore

/// What the configuration builds: engine settings and the notifiers of the outbox.
struct Runtime {
    var config: DaemonConfig
    var settings: Engine.Settings
    var notifiers: [any Notifier]
    var plugins: [PluginRecord]

    /// Builds everything the configuration names; throws input errors with file:line:field.
    static func build(_ config: DaemonConfig) throws -> Runtime {
        let calendar: WorkingCalendar
        do {
            calendar = try TOMLCalendarSource(id: config.calendarID, directory: config.calendarDirectory + "/" + config.calendarID).loadCalendar()
        } catch let errors as InputErrors {
            throw DaemonFailure(errors.description)
        }
        let configured: ConfiguredRegistry
        do throws(InputError) { configured = try ConfiguredRegistry.build(config) } catch { throw DaemonFailure(error.description) }
        let registry = configured.registry
        var notifiers: [any Notifier] = configured.enabledPluginNotifiers(config)
        if let m = config.maildir { notifiers.append(MaildirNotifier(root: m.path, from: m.from)) }
        if let e = config.exec {
            notifiers.append(ExecNotifier(executable: e.command[0], arguments: Array(e.command.dropFirst()), timeout: .seconds(e.timeoutSeconds)))
        }
        let time = LocalTime(utcOffsetSeconds: config.utcOffsetSeconds, reminderSecondOfDay: config.reminderSecondOfDay)
        var scheduling = Scheduling(
            calendar: calendar, reminders: StandardReminderPolicy(leadWorkingDays: config.leadWorkingDays), time: time,
            lateAfterSeconds: Int64(config.lateAfterSeconds), settleSeconds: Int64(config.settleSeconds))
        var periods = SensitivePeriods([])
        if let file = config.resolvedPeriodsFile {
            do throws(InputErrors) { periods = SensitivePeriods(try PeriodsFile.read(path: file)) } catch { throw DaemonFailure(error.description) }
        }
        scheduling.periods = periods
        var leaders = LeaderScheduling(
            reception: StandardReceptionPolicy(shift: HolidayShift(rawValue: config.receptionShift) ?? .postpone,
                                               leadWorkingDays: config.receptionLeadWorkingDays),
            time: time, calendar: calendar, digestWeekday: config.digestWeekday,
            escalateAfterSeconds: config.escalateAfterHours > 0 ? Int64(config.escalateAfterHours) * 3600 : nil,
            lateAfterSeconds: Int64(config.lateAfterSeconds))
        leaders.periods = periods
        leaders.duties = config.duties
        return Runtime(
            config: config,
            settings: Engine.Settings(registry: registry, scheduling: scheduling, leaders: leaders, channels: notifiers.map(\.id)),
            notifiers: notifiers, plugins: configured.plugins)
    }
}

/// A start-up or configuration failure, with the message to print (exit 2).
struct DaemonFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
