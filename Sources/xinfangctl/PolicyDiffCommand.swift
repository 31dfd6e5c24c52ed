import ArgumentParser
import Foundation
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPolicy
import XinfangStore

extension PolicyCommand {
    /// `policy diff`: what a change of policy (or a new calendar file) would do to a unit's live
    /// caseload, computed without changing anything.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "政策变更预演 Dry-run a policy or calendar change over a unit's open cases: moved deadlines, new overdues, reminders that would fire.",
            discussion: "Nothing is written. Apply the change in xinfangd.toml (or add the calendar file) and reload the daemon to make it real.")

        @Option(help: "The unit whose caseload is examined.") var unit: String
        @Option(help: "The policy the unit would run on (default: its current one).") var policy: String?
        @Option(name: .customLong("calendar-file"), help: "A calendar year file (YYYY.toml) that would be added or replace that year.") var calendarFile: String?
        @Option(name: .customLong("as-of"), help: "Judge as of this date (default: today).") var asOf: String?
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Change: Encodable {
            var caseNumber: String
            var kind: String
            var name: String
            var oldDue: String?
            var newDue: String?
            var shiftDays: Int?
            var oldStatus: String?
            var newStatus: String?
            var newlyOverdue: Bool
            var oldArticle: String?
            var newArticle: String?
        }

        struct Firing: Encodable {
            var caseNumber: String
            var kind: String
            var milestone: String
            var due: String
            var at: String
            var immediately: Bool
        }

        struct Report: Encodable {
            var unit: String
            var currentPolicy: String
            var proposedPolicy: String
            var calendarFile: String?
            var asOf: String
            var openCases: Int
            var changes: [Change]
            var remindersFiringAtOnce: [Firing]
            var remindersWithinSevenDays: [Firing]
        }

        func run() throws {
            let context = try storeOptions.open()
            let registry = try context.registry
            let current = registry.policy(forUnit: unit)
            let proposed: any DeadlinePolicy
            if let id = policy {
                guard let p = registry.policy(id: id) else {
                    throw InputFailure(message: "--policy: unknown policy \(id); known: \(registry.entries.keys.sorted().joined(separator: ", "))")
                }
                proposed = p
            } else {
                proposed = current
            }
            let scheduling = try context.scheduling
            var proposedScheduling = scheduling
            if let file = calendarFile { proposedScheduling.calendar = try calendar(replacingWith: file, context: context) }
            let now = try asOf.map { context.time.instant(try parseDay($0, option: "--as-of"), secondOfDay: 0) } ?? SystemClock().now()
            let today = context.time.day(of: now)

            var changes: [Change] = []
            var atOnce: [Firing] = []
            var soon: [Firing] = []
            let cases = try context.store.openCases(unit: unit)
            for stored in cases {
                let t = stored.timeline
                let before = current.deadlines(for: t, calendar: scheduling.calendar, asOf: today)
                let after = proposed.deadlines(for: t, calendar: proposedScheduling.calendar, asOf: today)
                for kind in Set(before.map(\.kind) + after.map(\.kind)).sorted() {
                    let b = before.first { $0.kind == kind }, a = after.first { $0.kind == kind }
                    guard b?.due != a?.due || b?.status != a?.status || b?.derivation.article != a?.derivation.article else { continue }
                    changes.append(Change(
                        caseNumber: t.facts.number, kind: kind.rawValue, name: kind.chineseName, oldDue: b?.due?.description,
                        newDue: a?.due?.description, shiftDays: b?.due.flatMap { bd in a?.due.map { $0 - bd } },
                        oldStatus: b?.status.rawValue, newStatus: a?.status.rawValue,
                        newlyOverdue: a?.status == .missed && b?.status != .missed,
                        oldArticle: b?.derivation.article, newArticle: a?.derivation.article))
                }
                // The schedule the daemon would keep after the change, from the rows it has now.
                let rows = proposedScheduling.rows(for: t, policy: proposed, existing: stored.deadlines, now: now)
                for row in rows {
                    guard let index = row.nextMilestone, let start = row.start, let due = row.due, row.nextFireAt != nil else { continue }
                    let milestones = proposedScheduling.reminders.milestones(
                        kind: row.kind, start: start, due: due, periodDays: row.periodDays ?? (due - start), calendar: proposedScheduling.calendar)
                    for (i, m) in milestones.enumerated() where i >= index {
                        let at = i == index ? row.nextFireAt! : proposedScheduling.time.reminderInstant(m.day)
                        let firing = Firing(caseNumber: t.facts.number, kind: row.kind.rawValue, milestone: m.name, due: due.description,
                                            at: proposedScheduling.time.format(at), immediately: at <= now)
                        if at <= now { atOnce.append(firing) } else if at < now + 7 * 86_400 { soon.append(firing) }
                    }
                }
            }
            let report = Report(
                unit: unit, currentPolicy: current.descriptor.id, proposedPolicy: proposed.descriptor.id, calendarFile: calendarFile,
                asOf: today.description, openCases: cases.count, changes: changes, remindersFiringAtOnce: atOnce,
                remindersWithinSevenDays: soon.sorted { $0.at < $1.at })
            if json { return try printJSON(report) }
            print("\(unit): \(current.descriptor.id) → \(proposed.descriptor.id)\(calendarFile.map { " with \($0)" } ?? "") · \(cases.count) open case(s) · as of \(today) · nothing changed")
            print("\nDeadlines that would change (\(changes.count))")
            for c in changes {
                var line = "  \(c.caseNumber) \(c.kind) \(c.name): \(c.oldDue ?? "—") → \(c.newDue ?? "—")"
                if let shift = c.shiftDays, shift != 0 { line += " (\(shift > 0 ? "+" : "")\(shift) d)" }
                if c.oldStatus != c.newStatus { line += " [\(c.oldStatus ?? "—") → \(c.newStatus ?? "—")]" }
                if c.newlyOverdue { line += " NEWLY OVERDUE" }
                print(line)
            }
            print("\nReminders that would fire at once (\(atOnce.count))")
            for f in atOnce { print("  \(f.caseNumber) \(f.kind) \(f.milestone) (due \(f.due))") }
            print("\nReminders within 7 days (\(soon.count))")
            for f in soon { print("  \(f.at)  \(f.caseNumber) \(f.kind) \(f.milestone) (due \(f.due))") }
        }

        /// The configured calendar with one year file added or replaced.
        func calendar(replacingWith file: String, context: Context) throws -> WorkingCalendar {
            do {
                let config = context.config
                var years = try TOMLCalendarSource(id: config.calendarID, directory: config.calendarDirectory + "/" + config.calendarID).loadYears()
                let year = try CalendarFile.read(path: file)
                let problems = year.validate()
                guard problems.isEmpty else { throw InputErrors(problems) }
                years.removeAll { $0.year == year.year }
                years.append(year)
                return try WorkingCalendar(id: config.calendarID, years: years)
            } catch let error as InputError {
                throw InputFailure(message: error.description)
            } catch let errors as InputErrors {
                throw InputFailure(message: errors.description)
            }
        }
    }
}
