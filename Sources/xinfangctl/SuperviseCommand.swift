import ArgumentParser
import Foundation
import XinfangApp
import XinfangCore
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
                throw InputFailure(message: "--kind: \(FieldText.quoted(kind)) is not one of \(SupervisionKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let context = try storeOptions.openForWriting()
            let order: SupervisionOrder
            do {
                order = try storeRefusal {
                    try context.supervision.issue(
                        id: id, caseNumber: caseNumber, unit: unit, kind: kind, issuedBy: by,
                        issued: try issued.map { try parseDay($0, option: "--issued") } ?? today(), feedbackDue: try due.map { try parseDay($0, option: "--due") },
                        promised: try promised.map { try parseDay($0, option: "--promised") }, actor: context.actor, source: "command line")
                }
            } catch let refusal as Supervision.Refusal {
                switch refusal {
                case .unknownCase(let number): throw InputFailure(message: "--case: unknown case \(number)")
                case .noUnit: throw InputFailure(message: "give --case or --unit")
                case .invalid: throw InputFailure(message: refusal.description)
                }
            }
            let (unitName, feedbackDue) = (order.unit, order.feedbackDue)
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
            try storeRefusal { try context.supervision.feedback(orderID: id, on: day, actor: context.actor) }
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
            let day = try on.map { try parseDay($0, option: "--on") } ?? today()
            try storeRefusal { try context.supervision.close(orderID: id, on: day, actor: context.actor) }
            context.nudge()
            print("已办结销号 \(id) closed")
        }
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
            let rows = try context.supervision.rows(asOf: day, unit: unit)
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

        func run() throws {
            let context = try storeOptions.open()
            let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
            let rows = try context.supervision.yellowCards(asOf: day)
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

        func run() throws {
            let context = try storeOptions.open()
            let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? today()
            let rows = try context.supervision.proposals(asOf: day, unit: unit)
            if json { return try printJSON(rows) }
            if rows.isEmpty { print("no missed deadline without a 督办 as of \(day)") }
            for r in rows {
                print("\(r.caseNumber) \(r.unit) \(r.deadline) due \(r.due)\(r.outstanding ? " (still outstanding)" : " (done late)") · \(r.article)")
                print("    \(r.command)")
            }
        }
    }
}
