import Foundation
import XinfangCore
import XinfangICS
public import XinfangEngine
public import XinfangPorts

/// Leaders' calendars: one `.ics` per leader with the reception days around today and the next
/// `casesPerCalendar` due dates of the leader's cases (earliest first), however many they own.
public enum LeaderCalendars {
    public static let casesPerCalendar = 500

    /// Writes `<directory>/<leader>.ics` for every leader, as of `now`, with the engine's settings.
    public static func publish(store: any DirectoryReads, settings s: Engine.Settings, to directory: String, now: Int64) throws {
        var written = Written()
        try publish(store: store, settings: s, to: directory, now: now, written: &written, stopping: { false })
    }

    /// What each leader's file was last written from: a fingerprint of the leader's schedule
    /// version, the day and the leader's reception days.
    public typealias Written = [String: Int]

    /// Writes the files of the leaders whose calendar may differ from the one `written` says was
    /// written last (their cases changed, the day turned, their reception days moved), and notes
    /// them there; the others are left as they are, so that a morning's firing or a change to one
    /// case costs one file, not every leader's. Stops between two leaders once `stopping()` says so
    /// (the rest are written at the next run). Returns how many files were written.
    @discardableResult
    public static func publish(
        store: any DirectoryReads, settings s: Engine.Settings, to directory: String, now: Int64, written: inout Written,
        stopping: () -> Bool
    ) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let today = s.scheduling.time.day(of: now)
        let byLeader = Dictionary(grouping: try occurrences(store: store, settings: s, now: now), by: \.leader)
        let versions = try store.leaderScheduleVersions()
        var count = 0
        for leader in try store.leaders() {
            if stopping() { break }
            let own = byLeader[leader.name] ?? []
            var hasher = Hasher()
            hasher.combine(versions[leader.name] ?? 0)
            hasher.combine(today)
            hasher.combine(own)
            let fingerprint = hasher.finalize()
            if written[leader.name] == fingerprint { continue }
            let ics = try calendar(leader: leader.name, occurrences: own, store: store, settings: s)
            let name = leader.name.replacingOccurrences(of: "/", with: "_")
            try ics.write(to: "\(directory)/\(name).ics", stamp: now)
            written[leader.name] = fingerprint
            count += 1
        }
        return count
    }

    /// The iCalendar text of `leader`'s calendar as of `now`: what `publish` writes to its file.
    public static func text(leader: String, store: any DirectoryReads, settings s: Engine.Settings, now: Int64) throws -> String {
        try calendar(leader: leader, occurrences: occurrences(store: store, settings: s, now: now), store: store, settings: s).render(stamp: now)
    }

    /// Every leader's reception days from 30 days before today to 180 after.
    private static func occurrences(store: any DirectoryReads, settings s: Engine.Settings, now: Int64) throws -> [ReceptionOccurrence] {
        let today = s.scheduling.time.day(of: now)
        return s.leaders.reception.occurrences(
            rules: try store.receptionRules(), exceptions: try store.receptionExceptions(), from: today.adding(days: -30),
            through: today.adding(days: 180), calendar: s.scheduling.calendar)
    }

    private static func calendar(
        leader: String, occurrences: [ReceptionOccurrence], store: any DirectoryReads, settings s: Engine.Settings
    ) throws -> ICSCalendar {
        LeaderCalendar.build(
            leader: leader, occurrences: occurrences,
            cases: try store.briefingCases(leader: leader, limit: casesPerCalendar),
            reception: s.leaders.reception, reminders: s.scheduling.reminders, time: s.scheduling.time, calendar: s.scheduling.calendar)
    }
}
