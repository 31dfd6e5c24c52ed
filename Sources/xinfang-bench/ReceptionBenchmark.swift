import XinfangCore
import XinfangFiles
import XinfangPolicy

/// Leader reception schedules at county scale (issue: reception days as pure code): 2,000 county
/// leaders with a 10th/20th monthly rule and 2,000 town leaders with a weekly rule, over 2025–2026,
/// with a few hundred exceptions, under the standard policy (顺延; 提前 for a tenth of the places).
public enum ReceptionBenchmark {
    /// Runs the benchmark from the package root (it loads `etc/calendars/cn`); one line of figures.
    public static func run() -> String {
        let calendar: WorkingCalendar
        do { calendar = try CalendarLocator.load(id: "cn") } catch { return "reception: cannot load the cn calendar: \(error)" }
        let from = Day(year: 2025, month: 1, day: 1)!
        let through = Day(year: 2026, month: 12, day: 31)!
        var rules: [ReceptionRule] = []
        rules.reserveCapacity(4000)
        for k in 0..<2000 {
            rules.append(ReceptionRule(id: "county-\(k)", leader: "县领导\(k)", place: "镇\(k % 400)",
                                       recurrence: .monthly(days: [10, 20]), validFrom: from))
        }
        for k in 0..<2000 {
            rules.append(ReceptionRule(id: "town-\(k)", leader: "镇领导\(k)", place: "村\(k)",
                                       recurrence: .weekly(weekday: 1 + k % 5), validFrom: from))
        }
        // 200 cancellations and 200 moves of March 10th receptions, 100 swaps of county leaders' 20ths.
        let march10 = Day(year: 2026, month: 3, day: 10)!
        let march20 = Day(year: 2026, month: 3, day: 20)!
        var exceptions: [ReceptionException] = []
        for k in 0..<200 { exceptions.append(.cancel(ruleID: "county-\(k)", day: march10)) }
        for k in 200..<400 { exceptions.append(.move(ruleID: "county-\(k)", day: march10, to: march10.adding(days: 2))) }
        for k in stride(from: 400, to: 600, by: 2) {
            exceptions.append(.swap(ruleID: "county-\(k)", day: march20, otherRuleID: "county-\(k + 1)", otherDay: march20))
        }
        var perPlace: [String: HolidayShift] = [:]
        for k in stride(from: 0, to: 400, by: 10) { perPlace["镇\(k)"] = .advance }
        let policy = StandardReceptionPolicy(perPlace: perPlace)

        let problems = ReceptionSchedule.validate(exceptions: exceptions, rules: rules, calendar: calendar)
        guard problems.isEmpty else { return "reception: the benchmark's exceptions are refused: \(problems[0])" }

        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        var schedule: [ReceptionOccurrence] = []
        for _ in 0..<5 {
            schedule = []  // the previous run's result is freed outside the measurement
            let elapsed = clock.measure {
                schedule = policy.occurrences(rules: rules, exceptions: exceptions, from: from, through: through, calendar: calendar)
            }
            best = min(best, elapsed)
        }
        let held = schedule.count { $0.isHeld }
        let shifted = schedule.count { $0.holiday != nil }
        let absorbed = schedule.reduce(0) { $0 + $1.absorbed.count }
        let milestones = clock.measure {
            var n = 0
            for occurrence in schedule { n &+= policy.milestones(for: occurrence, calendar: calendar).count }
            precondition(n > 0)
        }
        return "reception: \(rules.count) rules (2000 monthly 10th/20th, 2000 weekly), \(from)…\(through), \(exceptions.count) exceptions: "
            + "\(schedule.count) occurrences (\(held) held, \(shifted) shifted by holidays, \(absorbed) merged) "
            + "in \(milliseconds(best)) ms (best of 5); their reminders in \(milliseconds(milestones)) ms"
    }

    /// A duration in milliseconds with one decimal.
    static func milliseconds(_ d: Duration) -> String {
        let tenths = (d.components.seconds * 10_000) + d.components.attoseconds / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}
