import XinfangEngine
import XinfangICS
import ArgumentParser
import Foundation
import XinfangApp
import XinfangCore
import XinfangPolicy
import XinfangPorts
import XinfangStore

extension Context {
    /// The reception policy the configuration names.
    var receptionPolicy: StandardReceptionPolicy { Runtime.receptionPolicy(config) }

    /// A leader's open cases with their next office deadline, computed live from the events (so that
    /// cases the daemon has not computed yet are included too).
    func liveBriefing(leader: String) throws -> [BriefingCase] {
        let registry = try self.registry
        let calendar = try self.calendar
        let asOf = today()
        return try store.openCases(leader: leader).map { stored in
            let f = stored.timeline.facts
            let next = registry.policy(forUnit: f.unit).deadlines(for: stored.timeline, calendar: calendar, asOf: asOf)
                .filter { $0.fulfilledOn == nil && ($0.status == .open || $0.status == .missed) && $0.kind.party == .office && $0.due != nil }
                .min { $0.due! < $1.due! }
            return BriefingCase(number: f.number, category: f.category.rawValue, title: f.title, unit: f.unit, place: f.place,
                                leader: f.leader, nextKind: next?.kind.rawValue, nextDue: next?.due, nextStart: next?.start,
                                nextPeriodDays: next.flatMap { d in d.start.flatMap { start in d.due.map { periodDays(d.derivation.period, start: start, due: $0) } } })
        }
    }

    /// Reception occurrences in a window, from the stored rules and exceptions.
    func occurrences(from: Day, through: Day) throws -> [ReceptionOccurrence] {
        receptionPolicy.occurrences(rules: try store.receptionRules(), exceptions: try store.receptionExceptions(), from: from, through: through,
                                    calendar: try calendar)
    }
}

struct ReceptionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reception", abstract: "领导接访 Leaders' reception days (领导接访日).",
        subcommands: [Rule.self, List.self, Cancel.self, Move.self, Swap.self])

    struct Rule: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "接访规则 Reception rules.", subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "添加接访规则 A leader receives at a place monthly on days of the month, or weekly on a weekday.",
                discussion: "xinfangctl reception rule add wang-town --leader 王副县长 --place 城关镇 --monthly 10,20\nxinfangctl reception rule add li-village --leader 李镇长 --place 东村 --weekly 3")
            @Argument(help: "A stable id for the rule (exceptions name it).") var id: String
            @Option(help: "The leader.") var leader: String
            @Option(help: "The town, street, village or community.") var place: String
            @Option(help: "Days of the month, e.g. 10,20.") var monthly: String?
            @Option(help: "ISO weekday, 1 = Monday … 7 = Sunday.") var weekly: Int?
            @Option(help: "First day the rule applies (default: today).") var from: String?
            @Option(help: "Last day the rule applies.") var until: String?
            @OptionGroup var storeOptions: StoreOptions

            func run() throws {
                let recurrence: ReceptionRule.Recurrence
                switch (monthly, weekly) {
                case (let days?, nil):
                    let list = days.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                    guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else { throw InputFailure(message: "--monthly: \(FieldText.quoted(days)) is not a list of days like 10,20") }
                    recurrence = .monthly(days: list.compactMap { $0 })
                case (nil, let weekday?): recurrence = .weekly(weekday: weekday)
                default: throw InputFailure(message: "give exactly one of --monthly DAYS or --weekly WEEKDAY")
                }
                let rule = ReceptionRule(id: id, leader: leader, place: place, recurrence: recurrence,
                                         validFrom: try from.map { try parseDay($0, option: "--from") } ?? today(),
                                         validUntil: try until.map { try parseDay($0, option: "--until") })
                let context = try storeOptions.openForWriting()
                try storeRefusal { try context.store.addReceptionRule(rule, actor: context.actor) }
                context.nudge()
                print("已添加接访规则 reception rule \(id) added: \(rule)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "接访日列表 Reception days in a month (default: this month), with holiday moves and exceptions.")
        @Option(help: "Only this leader.") var leader: String?
        @Option(help: "The month, e.g. 2026-12.") var month: String?
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var rule: String
            var leader: String
            var place: String
            var nominal: String
            var day: String
            var weekday: String
            var status: String
            var note: String?
        }

        func run() throws {
            let (first, last) = try monthRange(month)
            let context = try storeOptions.open()
            let rows = try context.occurrences(from: first, through: last)
                .filter { leader == nil || $0.leader == leader }
                .map { o in
                    Row(rule: o.ruleID, leader: o.leader, place: o.place, nominal: o.nominalDay.description, day: o.day.description,
                        weekday: o.day.chineseWeekday, status: statusText(o.status), note: o.why)
                }
            if json { return try printJSON(rows) }
            for r in rows {
                print("\(r.day) \(r.weekday)  \(r.leader)  \(r.place)  [\(r.rule)] \(receptionStatusLabel(r.status))" + (r.note.map { "  — \($0)" } ?? ""))
            }
            if rows.isEmpty { print("no reception days in \(first)…\(last)") }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "取消接访 Cancel one occurrence, named by its rule and nominal day.")
        @Argument var rule: String
        @Argument(help: "The nominal day (as the rule states it).") var day: String
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try record(.cancel(ruleID: rule, day: try parseDay(day, option: "DAY")), storeOptions)
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "调整接访日 Move one occurrence to another working day.")
        @Argument var rule: String
        @Argument(help: "The nominal day (as the rule states it).") var day: String
        @Option(help: "The day it is held instead.") var to: String
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try record(.move(ruleID: rule, day: try parseDay(day, option: "DAY"), to: try parseDay(to, option: "--to")), storeOptions)
        }
    }

    struct Swap: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "调换接访 Two leaders exchange two occurrences (调换).")
        @Argument var rule: String
        @Argument(help: "The nominal day of this rule's occurrence.") var day: String
        @Option(name: .customLong("with"), help: "The other leader's rule.") var other: String
        @Option(help: "The nominal day of the other occurrence.") var on: String
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            try record(.swap(ruleID: rule, day: try parseDay(day, option: "DAY"), otherRuleID: other, otherDay: try parseDay(on, option: "--on")), storeOptions)
        }
    }
}

/// Validates an exception against the stored rules and exceptions, then records it.
func record(_ exception: ReceptionException, _ storeOptions: StoreOptions) throws {
    let context = try storeOptions.openForWriting()
    let problems = ReceptionSchedule.validate(exceptions: try context.store.receptionExceptions() + [exception],
                                              rules: try context.store.receptionRules(), calendar: try context.calendar)
    guard problems.isEmpty else { throw InputFailure(message: "refused: " + problems.joined(separator: "; ")) }
    try storeRefusal { try context.store.addReceptionException(exception, actor: context.actor) }
    context.nudge()
    print("recorded: \(exception)")
}

func statusText(_ status: ReceptionOccurrence.Status) -> String {
    switch status {
    case .scheduled: "scheduled"
    case .skipped: "skipped"
    case .cancelled: "cancelled"
    case .moved: "moved"
    case .swapped(let with): "swapped with \(with)"
    }
}

/// A status word of `reception list` for people: Chinese first (`已取消 cancelled`); JSON keeps the English word.
func receptionStatusLabel(_ status: String) -> String {
    let words = ["scheduled": "已安排", "skipped": "不安排", "cancelled": "已取消", "moved": "已调整"]
    if let word = words[status] { return "\(word) \(status)" }
    return status.hasPrefix("swapped") ? "已调换 \(status)" : status
}

/// The first and last day of `YYYY-MM` (default: this month).
func monthRange(_ month: String?) throws -> (Day, Day) {
    let now = today()
    guard let month else {
        let c = now.civil
        return (Day(year: c.year, month: c.month, day: 1)!, Day(year: c.year, month: c.month, day: Day.daysIn(month: c.month, year: c.year))!)
    }
    let parts = month.split(separator: "-")
    guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), let first = Day(year: y, month: m, day: 1) else {
        throw InputFailure(message: "--month: \(FieldText.quoted(month)) is not a month like 2026-12")
    }
    return (first, Day(year: y, month: m, day: Day.daysIn(month: m, year: y))!)
}

extension LeaderCommand {
    struct Agenda: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "领导日程 A leader's coming days: reception days and the due dates of the cases they own.")
        @Argument var leader: String
        @Option(help: "How many days ahead.") var days: Int = 14
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Item: Encodable {
            var day: String
            var weekday: String
            var what: String
            var detail: String
        }

        func run() throws {
            let context = try storeOptions.open()
            // A mistyped name must not look like a free fortnight.
            guard try context.store.leaders().contains(where: { $0.name == leader }) else {
                throw InputFailure(message: "未知领导 unknown leader \(leader); registered: "
                                   + ((try context.store.leaders().map(\.name)).joined(separator: ", ").nilIfEmpty ?? "none (xinfangctl leader add)"))
            }
            let start = today(), end = start.adding(days: days)
            var items: [Item] = try context.occurrences(from: start, through: end).filter { $0.leader == leader && $0.isHeld }.map {
                Item(day: $0.day.description, weekday: $0.day.chineseWeekday, what: "接访 reception", detail: "\($0.place)" + ($0.why.map { " (\($0))" } ?? ""))
            }
            for c in try context.liveBriefing(leader: leader) {
                guard let due = c.nextDue, due <= end else { continue }
                let name = c.nextKind.flatMap(DeadlineKind.init(rawValue:))?.chineseName ?? c.nextKind ?? ""
                items.append(Item(day: due.description, weekday: due.chineseWeekday, what: due < start ? "逾期 overdue" : "到期 due",
                                  detail: "\(c.number)（\(c.category)）\(c.title ?? "") \(name)"))
            }
            items.sort { $0.day < $1.day }
            if json { return try printJSON(items) }
            for i in items { print("\(i.day) \(i.weekday)  \(i.what)  \(i.detail)") }
            if items.isEmpty { print("\(leader) 未来\(days)天无接访和到期事项 nothing for \(leader) in the next \(days) days") }
        }
    }

    struct Deputy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "指定代理人 Name a leader's deputy (代理人): standing (for unacknowledged reminders), or for an absence --from … --until ….")
        @Argument var leader: String
        @Option(help: "The deputy.") var to: String
        @Option(help: "First day of the absence.") var from: String?
        @Option(help: "Last day of the absence.") var until: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let first: Day? = try self.from.map { try parseDay($0, option: "--from") }
            let last: Day? = try self.until.map { try parseDay($0, option: "--until") }
            let assignment = DeputyAssignment(leader: leader, deputy: to, from: first, until: last)
            if let f = assignment.from, let u = assignment.until, u < f { throw InputFailure(message: "--until is before --from") }
            let context = try storeOptions.openForWriting()
            try storeRefusal { try context.store.setDeputy(assignment, actor: context.actor) }
            context.nudge()
            let span = "\(first?.description ?? "…")–\(last?.description ?? "…")"
            print(assignment.isAbsence ? "\(to) stands in for \(leader) \(span)" : "\(to) is the deputy of \(leader)")
        }
    }
}

extension CalendarCommand {
    struct ICS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics", abstract: "导出领导日历 Write a leader's iCalendar (RFC 5545): reception days and the due dates of their cases.")
        @Option(help: "The leader.") var leader: String
        @Option(help: "Write to this file (default: stdout).") var output: String?
        @Option(help: "Days ahead to include.") var days: Int = 180
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.open()
            guard try context.store.leaders().contains(where: { $0.name == leader }) else { throw InputFailure(message: "unknown leader \(leader)") }
            let from = today().adding(days: -30)
            let ics = LeaderCalendar.build(
                leader: leader, occurrences: try context.occurrences(from: from, through: today().adding(days: days)),
                cases: try context.liveBriefing(leader: leader), reception: context.receptionPolicy,
                reminders: StandardReminderPolicy(leadWorkingDays: context.config.leadWorkingDays), time: context.time, calendar: try context.calendar)
            let stamp = ReadSupport.now()
            if let output {
                do throws(ICSWriteError) { try ics.write(to: output, stamp: stamp) } catch { throw InputFailure(message: error.description) }
            } else {
                FileHandle.standardOutput.write(Data(ics.render(stamp: stamp).utf8))
            }
        }
    }
}

extension String {
    /// Nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
