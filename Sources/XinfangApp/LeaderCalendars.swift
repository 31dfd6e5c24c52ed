import Foundation
public import XinfangEngine
public import XinfangPorts

/// Leaders' calendars: one `.ics` per leader with the reception days around today and the next
/// `casesPerCalendar` due dates of the leader's cases (earliest first), however many they own.
public enum LeaderCalendars {
    public static let casesPerCalendar = 500

    /// Writes `<directory>/<leader>.ics` for every leader, as of `now`, with the engine's settings.
    public static func publish(store: any DirectoryReads, settings s: Engine.Settings, to directory: String, now: Int64) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let today = s.scheduling.time.day(of: now)
        let occurrences = s.leaders.reception.occurrences(
            rules: try store.receptionRules(), exceptions: try store.receptionExceptions(), from: today.adding(days: -30),
            through: today.adding(days: 180), calendar: s.scheduling.calendar)
        for leader in try store.leaders() {
            let ics = LeaderCalendar.build(
                leader: leader.name, occurrences: occurrences,
                cases: try store.briefingCases(leader: leader.name, limit: casesPerCalendar),
                reception: s.leaders.reception, reminders: s.scheduling.reminders, time: s.scheduling.time, calendar: s.scheduling.calendar)
            let name = leader.name.replacingOccurrences(of: "/", with: "_")
            try ics.write(to: "\(directory)/\(name).ics", stamp: now)
        }
    }
}
