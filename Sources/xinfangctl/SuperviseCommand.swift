import ArgumentParser
import Foundation
import XinfangCore
import XinfangPolicy
import XinfangStore

/// `xinfangctl supervise`: supervision orders (督办单), their feedback and closure, the ladder, yellow cards.
struct SuperviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervise", abstract: "督办 Supervision orders (督办单): issue, feedback, close, list, yellow cards.",
        subcommands: [Issue.self, Feedback.self, Close.self, List.self, YellowCards.self, Proposals.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "发出督办单 Issue an order on a case or a unit.",
            discussion: "The feedback due date defaults from the unit's policy (cn-2005: 30 days, 条例2005 第36条); cn-2022 sets none, so give --due.")
        @Argument(help: "The order's id, e.g. DB-2026-001.") var id: String
        @Option(name: .customLong("case"), help: "The case it concerns.") var caseNumber: String?
        @Option(help: "The unit it concerns (default: the case's unit).") var unit: String?
        @Option(help: "督办 | 催办 | 改进建议") var kind: String = "督办"
        @Option(help: "The issuing body.") var by: String
        @Option(help: "The day it was issued (default: today).") var issued: String?
        @Option(help: "Feedback due date.") var due: String?
        @Option(help: "Promised completion date (承诺办结期限).") var promised: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard let kind = SupervisionKind(rawValue: kind) else {
                throw InputFailure(message: "--kind: \"\(kind)\" is not one of \(SupervisionKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let context = try storeOptions.openForWriting()
            var unitName = unit
            if let number = caseNumber {
                guard let stored = try context.store.loadCase(number: number) else { throw InputFailure(message: "--case: unknown case \(number)") }
                unitName = unitName ?? stored.timeline.facts.unit
            }
            guard let unitName else { throw InputFailure(message: "give --case or --unit") }
            let issuedDay = try issued.map { try parseDay($0, option: "--issued") } ?? today()
            var feedbackDue = try due.map { try parseDay($0, option: "--due") }
            if feedbackDue == nil {
                let policyID = try context.registry.policy(forUnit: unitName).descriptor.id
                feedbackDue = StandardSupervisionPolicy().defaultFeedbackDue(policyID: policyID, kind: kind, issued: issuedDay, calendar: try context.calendar)?.day
            }
            let order = SupervisionOrder(id: id, caseNumber: caseNumber, unit: unitName, kind: kind, issuedBy: by, issued: issuedDay,
                                         feedbackDue: feedbackDue, promisedCompletion: try promised.map { try parseDay($0, option: "--promised") })
            let problems = order.validate(source: "command line")
            guard problems.isEmpty else { throw InputFailure(message: problems.map(\.description).joined(separator: "\n")) }
            try storeRefusal { try context.store.addSupervisionOrder(order, actor: context.actor) }
            context.nudge()
            print("\(kind.rawValue)单 \(id) issued to \(unitName)" + (feedbackDue.map { ", feedback due \($0)" } ?? ", no feedback date"))
        }
    }

    struct Feedback: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录反馈 Record the unit's feedback on an order.")
        @Argument var id: String
        @Option(help: "The day it came in (default: today).") var on: String?
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let context = try storeOptions.openForWriting()
            let day = try on.map { try parseDay($0, option: "--on") } ?? today()
            try storeRefusal { try context.store.addSupervisionEvent(orderID: id, .feedbackReceived(on: day), actor: context.actor) }
            context.nudge()
            print("已记录反馈 feedback on \(id) recorded, \(day)")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "办结销号 Close an order (办结销号).")
        @Argument var id: String
        @Option(help: "The day (default: today).") var on: String?
        @OptionGroup var storeOptions: StoreOptions
        func run() throws {
            let context = try storeOptions.openForWriting()
            try storeRefusal { try context.store.addSupervisionEvent(orderID: id, .closed(on: try on.map { try parseDay($0, option: "--on") } ?? today()), actor: context.actor) }
            context.nudge()
            print("已办结销号 \(id) closed")
        }
    }

    struct Row: Encodable {
        var id: String
        var kind: String
        var unit: String
        var caseNumber: String?
        var issuedBy: String
        var issued: String
        var feedbackDue: String?
        /// The first feedback received (反馈) on or before the as-of day.
        var feedbackReceived: String?
        var promised: String?
        var closed: String?
        var steps: [String]
        var breaches: [String]
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "督办单列表 Orders with their ladder steps and breaches as of a day.")
        @Option(help: "Only this unit.") var unit: String?
        @Option(name: .customLong("as-of"), help: "As of this day (default: today).") var asOf: String?
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let context = try storeOptions.open()
            let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
            let ladder = StandardSupervisionPolicy().supervisionLadder
            let calendar = try context.calendar
            let rows = try context.store.supervisionRecords().filter { unit == nil || $0.order.unit == unit }.map { r in
                Row(id: r.order.id, kind: r.order.kind.rawValue, unit: r.order.unit, caseNumber: r.order.caseNumber, issuedBy: r.order.issuedBy,
                    issued: r.order.issued.description, feedbackDue: r.order.feedbackDue?.description,
                    feedbackReceived: r.events.compactMap { e -> Day? in
                        if case .feedbackReceived(let on) = e, on <= day { return on }
                        return nil
                    }.min()?.description,
                    promised: r.order.promisedCompletion?.description,
                    closed: r.closed(asOf: day)?.description,
                    steps: ladder.plan(for: r, calendar: calendar, asOf: day).map { "\($0.day) \($0.kind.chineseName)（\($0.obligation.chineseName)，\($0.due)）" },
                    breaches: ladder.breaches(of: r, asOf: day).map { "\($0.obligation.chineseName) \($0.due)" })
            }
            if json { return try printJSON(rows) }
            for r in rows {
                print("\(r.id) \(r.kind) \(r.unit) \(r.caseNumber ?? "") 督办机关 by \(r.issuedBy) \(r.issued)"
                      + " · 反馈期限 feedback due \(r.feedbackDue ?? "—")"
                      + " · " + (r.feedbackReceived.map { "已反馈 feedback received \($0)" } ?? "未反馈 no feedback yet")
                      + " · 承诺办结 promised \(r.promised ?? "—")" + (r.closed.map { " · 已办结 closed \($0)" } ?? ""))
                for s in r.steps { print("    \(s)") }
                for b in r.breaches { print("    逾期未落实 BREACH \(b)") }
            }
        }
    }

    struct YellowCards: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "yellow-cards", abstract: "黄牌警告 Units on the yellow-card list (黄牌警告) for repeated breaches.")
        @Option(name: .customLong("as-of"), help: "As of this day (default: today).") var asOf: String?
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Card: Encodable { var unit: String; var since: String?; var breaches: Int }

        func run() throws {
            let context = try storeOptions.open()
            let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
            let cards = StandardSupervisionPolicy().supervisionLadder.yellowCards(records: try context.store.supervisionRecords(), asOf: day)
            let rows = cards.filter { $0.card != nil }.map { Card(unit: $0.unit, since: $0.card?.lowerBound.description, breaches: $0.recentBreaches.count) }
            if json { return try printJSON(rows) }
            if rows.isEmpty { print("no unit on the yellow-card list as of \(day)") }
            for c in rows { print("黄牌 \(c.unit) since \(c.since ?? "?") · \(c.breaches) breach(es) in the window") }
        }
    }
}

extension SuperviseCommand {
    /// `supervise proposals`: every missed statutory deadline proposes a 督办 (条例2022 第40条).
    struct Proposals: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "督办 proposed for missed statutory deadlines (条例2022 第40条), with the command that issues each.")
        @Option(help: "Only this unit.") var unit: String?
        @Option(name: .customLong("as-of"), help: "As of this day (default: today).") var asOf: String?
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var caseNumber: String
            var unit: String
            var deadline: String
            var due: String
            var outstanding: Bool
            var article: String
            var feedbackDue: String?
            var command: String
        }

        func run() throws {
            let context = try storeOptions.open()
            let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
            let registry = try context.registry
            let calendar = try context.calendar
            let issued = Set(try context.store.supervisionRecords().compactMap(\.order.caseNumber))
            var rows: [Row] = []
            try context.store.forEachOpenCase(unit: unit) { stored in
                let facts = stored.timeline.facts
                guard !issued.contains(facts.number) else { return }
                let policy = registry.policy(forUnit: facts.unit)
                let deadlines = policy.deadlines(for: stored.timeline, calendar: calendar, asOf: day)
                for p in StandardSupervisionPolicy().proposals(for: deadlines, of: facts, policyID: policy.descriptor.id, issued: day, calendar: calendar) {
                    rows.append(Row(
                        caseNumber: p.caseNumber, unit: p.unit, deadline: p.deadline.rawValue, due: p.due.description, outstanding: p.outstanding,
                        article: p.article, feedbackDue: p.feedbackDue?.description,
                        command: "xinfangctl supervise issue DB-\(p.caseNumber)-\(p.deadline.rawValue) --case \(p.caseNumber) --kind 督办 --by 信访部门"
                            + (p.feedbackDue == nil ? " --due YYYY-MM-DD" : "")))
                }
            }
            if json { return try printJSON(rows) }
            if rows.isEmpty { print("no missed deadline without a 督办 as of \(day)") }
            for r in rows {
                print("\(r.caseNumber) \(r.unit) \(r.deadline) due \(r.due)\(r.outstanding ? " (still outstanding)" : " (done late)") · \(r.article)")
                print("    \(r.command)")
            }
        }
    }
}
