import Foundation
import Testing
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// The leaders' calendar files are rewritten only when what they show can have changed: a case of
/// the leader's changed or was recomputed, the day turned, their reception days moved. Firing a
/// reminder changes nothing in them. On the store of `DashboardTests` (Tue 2026-11-10).
@Suite("Leaders' calendars: only the files that can have changed are written, and a stop is honoured between two leaders")
struct LeaderCalendarsTests {
    @Test("first every leader's file; then none while nothing changed; one after a change to a leader's case; every one the next day")
    func incremental() throws {
        let t = DashboardTests.self
        let store = try t.store([
            ("XF-L-1", t.unitA, t.leader1, .claim, t.d("2026-10-20"), nil),
            ("XF-L-2", t.unitB, t.leader2, .claim, t.d("2026-10-21"), nil),
        ])
        let scheduling = Scheduling(calendar: t.calendar, reminders: StandardReminderPolicy(), time: LocalTime())
        let settings = Engine.Settings(registry: t.registry, scheduling: scheduling, channels: ["maildir"])
        let directory = URL(fileURLWithPath: store.path).deletingLastPathComponent().appendingPathComponent("calendars").path
        let noon = Int64(t.today.number) * 86_400 + 4 * 3600
        var written = LeaderCalendars.Written()
        func publish(at now: Int64, stopping: Bool = false) throws -> Int {
            try LeaderCalendars.publish(store: store, settings: settings, to: directory, now: now, written: &written, stopping: { stopping })
        }
        // Three leaders are registered (DashboardTests), each gets a file.
        #expect(try publish(at: noon) == 3)
        let file1 = directory + "/\(t.leader1).ics"
        let before = try String(contentsOfFile: file1, encoding: .utf8)
        #expect(before.contains("XF-L-1"))
        #expect(try publish(at: noon + 60) == 0)

        // Firing the due milestones writes the deadlines' schedules only: no file changes.
        let fired = try store.fireDue(now: noon + 120, limit: 100, channels: [], escalateAfter: nil) { _ in
            FireOutcome(reminders: [], recordOverdue: false, nextMilestone: nil, nextFireAt: nil)
        }
        _ = fired
        #expect(try publish(at: noon + 180) == 0)

        // XF-L-2 given to 王副县长: both his file and 李副县长's (who lost it) are written, not 赵's.
        try store.assign(caseNumber: "XF-L-2", leader: t.leader1, actor: "test")
        #expect(try publish(at: noon + 240) == 2)
        #expect(try String(contentsOfFile: file1, encoding: .utf8).contains("XF-L-2"))
        #expect(!(try String(contentsOfFile: directory + "/\(t.leader2).ics", encoding: .utf8)).contains("XF-L-2"))

        // Asked to stop: nothing more is written; the next run does it.
        try store.assign(caseNumber: "XF-L-1", leader: t.leader3, actor: "test")
        #expect(try publish(at: noon + 300, stopping: true) == 0)
        #expect(try publish(at: noon + 360) == 2)

        // The next day every file is written again (reception days and the window move with it).
        #expect(try publish(at: noon + 86_400) == 3)
    }
}
