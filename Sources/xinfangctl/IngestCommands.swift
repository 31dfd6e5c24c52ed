import ArgumentParser
import Foundation
import XinfangApp
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangPorts
import XinfangStore

extension CaseCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记信访事项 Register a case (durable even while the daemon is down).")
        @Argument(help: "The case number, e.g. XF-2026-000123.") var number: String
        @Option(help: "The day it was received (YYYY-MM-DD).") var received: String
        @Option(help: "建议意见 | 检举控告 | 申诉求决 | 涉法涉诉") var category: String
        @Option(help: "The handling unit.") var unit: String
        @Option(help: "来信 | 走访 | 网上 | 电话 | 其他") var channel: String = "来信"
        @Option(help: "Number of petitioners.") var persons: Int = 1
        @Flag(help: "A repeated petition.") var repeated = false
        @Flag(help: "A skip-level petition (越级).") var skipLevel = false
        @Option(help: "The owning leader (包案领导).") var leader: String?
        @Option(help: "bureau (a 信访部门 received it) | organ (received directly).") var intake: String = "bureau"
        @Flag(help: "Name or address unclear: no written notice owed (D2).") var contactUnknown = false
        @Option(help: "The town, street or village (乡镇/街道/村) the matter arises in.") var place: String?
        @Option(help: "A short title of the matter (事项摘要), without personal data.") var title: String?
        @Option(name: .customLong("event"), help: ArgumentHelp(
            "A later event, stored with the case in one transaction (repeatable, in date order): \"TYPE YYYY-MM-DD [key=value …]\".",
            discussion: "e.g. --event \"转送 2026-10-05 to=县人社局\" --event \"受理 2026-10-09\"; keys as in timeline files "
                + "(to, report_due, days, approver, reason, rating, note).",
            valueName: "event")) var events: [String] = []
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard let category = PetitionCategory(rawValue: category) else {
                throw InputFailure(message: "--category: \(FieldText.quoted(category)) is not one of \(PetitionCategory.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let channel = PetitionChannel(rawValue: channel) else {
                throw InputFailure(message: "--channel: \(FieldText.quoted(channel)) is not one of \(PetitionChannel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let intake = Intake(rawValue: intake) else { throw InputFailure(message: "--intake: \(FieldText.quoted(intake)) is not bureau or organ") }
            guard persons >= 1 else { throw InputFailure(message: "--persons: must be at least 1") }
            let facts = CaseFacts(
                number: number, received: try parseDay(received, option: "--received"), channel: channel, category: category, unit: unit,
                persons: persons, repeated: repeated, skipLevel: skipLevel, leader: leader, intake: intake, contactKnown: !contactUnknown,
                place: place, title: title)
            let parsed = try events.enumerated().map { index, spec in try Self.event(spec, option: "--event[\(index + 1)]") }
            let context = try storeOptions.openForWriting()
            if parsed.isEmpty {
                try storeRefusal { try context.store.addCase(facts, petitioner: nil, actor: context.actor) }
            } else {
                let recorder = try context.recorder
                _ = try policyRefusal { try recorder.addCase(facts, petitioner: nil, events: parsed) }
            }
            context.nudge()
            print("已登记 case \(number) added" + (parsed.isEmpty ? "" : "（含事件 \(parsed.count) 个, with \(parsed.count) event(s)）"))
        }

        /// `转送 2026-10-05 to=县人社局` → the event and its note.
        static func event(_ spec: String, option: String) throws -> (event: CaseEvent, note: String?) {
            let words = spec.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.count >= 2 else { throw InputFailure(message: "\(option): expected \"TYPE YYYY-MM-DD [key=value …]\", got \(FieldText.quoted(spec))") }
            let day = try parseDay(words[1], option: option)
            var options: [String: String] = [:]
            for word in words.dropFirst(2) {
                guard let eq = word.firstIndex(of: "="), eq != word.startIndex else {
                    throw InputFailure(message: "\(option): \(FieldText.quoted(word)) is not key=value")
                }
                let key = String(word[..<eq]), value = String(word[word.index(after: eq)...])
                if let refusal = FieldText.Refusal(value) { throw ArgumentText.failure("\(option).\(key)", value, refusal) }
                options[key] = value
            }
            do throws(InputError) {
                return (try TimelineFile.event(type: words[0], on: day, options: options), options["note"])
            } catch {
                throw InputFailure(message: error.description.replacingOccurrences(of: "command line:", with: "\(option):"))
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "指定包案领导 Make a leader the owner of a case (包案), keeping the history.")
        @Argument(help: "The case number.") var number: String
        @Option(help: "The leader.") var leader: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            try storeRefusal { try context.store.assign(caseNumber: number, leader: leader, actor: context.actor) }
            context.nudge()
            print("case \(number) assigned to \(leader)")
        }
    }
}

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "event", abstract: "办理事件 Case events.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录办理事件 Append an event to a case; refused with the rule it breaks when the case's policy does not allow it.",
            discussion: "事件类型 Types (English or Chinese): " + CaseEvent.Kind.namesWithChinese.filter { !$0.hasPrefix("received") }.joined(separator: ", "))
        @Argument(help: "The case number.") var number: String
        @Argument(help: "事件类型 The event type, in English or Chinese (accepted or 受理).") var type: String
        @Option(help: "The day it happened (YYYY-MM-DD).") var on: String
        @Option(help: "forwarded/assigned: the receiving organ.") var to: String?
        @Option(name: .customLong("report-due"), help: "assigned: the report date set by the assigning body.") var reportDue: String?
        @Option(help: "extension: days (1–30).") var days: String?
        @Option(help: "extension: who approved it.") var approver: String?
        @Option(help: "extension: why.") var reason: String?
        @Option(help: "evaluated: 满意 | 基本满意 | 不满意") var rating: String?
        @Option(help: "A note kept with the event.") var note: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let day = try parseDay(on, option: "--on")
            var options: [String: String] = [:]
            for (key, value) in [("to", to), ("report_due", reportDue), ("days", days), ("approver", approver), ("reason", reason),
                                 ("rating", rating), ("note", note)] {
                if let value { options[key] = value }
            }
            let event: CaseEvent
            do throws(InputError) { event = try TimelineFile.event(type: type, on: day, options: options) } catch {
                throw InputFailure(message: error.description.replacingOccurrences(of: "command line:", with: "--"))
            }
            let context = try storeOptions.openForWriting()
            let recorder = try context.recorder
            let result = try policyRefusal { try recorder.appendEvent(caseNumber: number, event: event, note: note) }
            context.nudge()
            var line = "\(number): 已记录 event \(result.seq) \(event.kind.name)（\(event.kind.chineseName)）on \(day) recorded"
            if let late = result.acceptance.lateByDays { line += " — LATE by \(late) day(s): recorded and marked late" }
            if event.kind.isEvaluation, let stored = try context.store.loadCase(number: number),
               let late = try context.registry.policy(forUnit: stored.timeline.facts.unit).evaluationWindow
                   .status(of: stored.timeline, calendar: try context.calendar, asOf: day)?.lateByDays {
                line += " — 逾期评价 LATE by \(late) day(s) after the evaluation window: recorded and marked late"
            }
            print(line)
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "批量导入 Import cases and events from JSON Lines or CSV, or an export of the 信访信息系统 (xlsx, GBK CSV), all or nothing (format: docs/import.md).",
        discussion: "Any bad row rejects the whole file with file:line:field: reason (exit 2); re-importing the same file changes nothing.")
    @Argument(help: "A .jsonl, .ndjson or .csv file, or an export (.xlsx, .csv with the profile's headers).") var file: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Exports of the 信访信息系统") var exchange: ExchangeImportOptions
    @Flag(help: "Print the summary as JSON.") var json = false

    func run() throws {
        if try exchange.applies(to: file, configFile: storeOptions.config) {
            return try ExchangeImportRun.run(file: file, options: exchange, storeOptions: storeOptions, json: json)
        }
        let context = try storeOptions.openForWriting()
        let recorder = try context.recorder
        let bar = ProgressBar(label: "reading", enabled: isatty(2) == 1 && !json)
        let started = Date()
        let batch: ImportBatch
        do throws(InputErrors) {
            batch = try ImportFile.read(path: file) { done, total in bar.update(done: done, total: total) }
        } catch {
            bar.finish()
            throw InputFailure(message: error.description)
        }
        bar.finish()
        let applying = ProgressBar(label: "applying", unit: "events", enabled: isatty(2) == 1 && !json)
        let outcome: ImportOutcome
        do {
            outcome = try recorder.importFile(batch) { done in applying.update(done: done, total: batch.events.count) }
        } catch let errors as InputErrors {
            applying.finish()
            throw InputFailure(message: errors.description)
        }
        applying.finish()
        context.nudge()
        let seconds = Date().timeIntervalSince(started)
        if json { return try printJSON(outcome) }
        print(String(format: "%@: %d case(s) and %d event(s) added, %d case(s) and %d event(s) already stored, %d late request(s); %.2f s (%.0f events/s)",
                     file, outcome.casesAdded, outcome.eventsAdded, outcome.casesUnchanged, outcome.eventsUnchanged, outcome.lateRequests,
                     seconds, Double(batch.events.count) / max(seconds, 0.001)))
    }
}

struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug", abstract: "Fault switches for tests (honoured only by a daemon started with XINFANG_TEST_FAULTS=1).",
        shouldDisplay: false, subcommands: [Hang.self])

    struct Hang: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make the daemon's scheduler loop hang, so that the watchdog restarts it.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try storeOptions.tellDaemon("fault:hang")
            print("sent fault:hang")
        }
    }
}

struct ClockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock", abstract: "守护进程的时钟 The daemon's view of the wall clock.", subcommands: [Confirm.self])

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "确认时钟无误 Confirm that the wall clock is right after xinfangd held firing because it jumped ahead (STATUS= says CLOCK … AHEAD).",
            discussion: "The reminders due at the confirmed time are then sent once, marked late.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            try storeOptions.tellDaemon("clock:confirm")
            print("已确认时钟 sent clock:confirm")
        }
    }
}
