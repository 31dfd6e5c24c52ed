import ArgumentParser
import Foundation
import XinfangCore

/// The text limits of every command-line value (a case number, a unit or leader name, a note …),
/// the same as a file's fields (`FieldText`): at most 2,000 characters, no NUL. Checked on the raw
/// arguments before any command runs, so a refused value writes nothing; the error names the
/// option (`--note`, `<number>`) and quotes only the value's first characters.
enum ArgumentText {
    /// An `InputFailure` for the first refused value of `arguments`, or nil.
    static func refusal(_ arguments: [String], root: any ParsableCommand.Type) -> InputFailure? {
        // The common case costs one pass over the arguments; the option names are looked up only
        // when a value is refused.
        guard arguments.contains(where: { FieldText.Refusal($0) != nil }) else { return nil }
        let names = ArgumentNames(root: root).names(of: arguments)
        for (index, argument) in arguments.enumerated() {
            let name = names[index]
            let value = name.isInline ? String(argument[argument.index(after: argument.firstIndex(of: "=")!)...]) : argument
            // An `--event` spec holds several fields (`受理 2026-10-09 note=…`): each is checked on its
            // own when the spec is read, as in a timeline file.
            if name.label == "--event" { continue }
            guard let refusal = FieldText.Refusal(value) else { continue }
            return failure(name.label, value, refusal)
        }
        return nil
    }

    /// `--note: 取值超过 2000 个字符 "……" is longer than 2000 characters`.
    static func failure(_ label: String, _ value: String, _ refusal: FieldText.Refusal) -> InputFailure {
        InputFailure(message: "\(label): 取值\(refusal.chinese) \(FieldText.quoted(value)) \(refusal.english)")
    }
}

/// What each raw argument is, by the commands' own declarations (ArgumentParser's help dump):
/// the value of an option, or a positional argument.
private struct ArgumentNames {
    struct Name {
        /// `--note` for an option's value, `<number>` for a positional argument.
        var label: String
        /// The value follows `=` in the same argument (`--note=…`).
        var isInline = false
    }

    private struct Tool: Decodable { var command: Command }
    private struct Command: Decodable {
        var commandName: String
        var aliases: [String]?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }
    private struct Argument: Decodable {
        struct Spelling: Decodable { var kind: String; var name: String }
        var kind: String
        var names: [Spelling]?
        var valueName: String?
        var isRepeating: Bool
    }

    private let root: Command?

    init(root: any ParsableCommand.Type) {
        self.root = (try? JSONDecoder().decode(Tool.self, from: Data(root._dumpHelp().utf8)))?.command
    }

    func names(of arguments: [String]) -> [Name] {
        var command = root
        var result: [Name] = []
        var positional = 0
        var pendingOption: String?
        var afterTerminator = false
        for argument in arguments {
            if let option = pendingOption {
                result.append(Name(label: option))
                pendingOption = nil
                continue
            }
            if !afterTerminator, argument == "--" {
                afterTerminator = true
                result.append(Name(label: "--"))
                continue
            }
            if !afterTerminator, argument.hasPrefix("-"), argument.count > 1 {
                let spelled = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
                if argument.contains("=") {
                    result.append(Name(label: spelled, isInline: true))
                } else {
                    result.append(Name(label: spelled))
                    if let declared = command.flatMap({ Self.argument(spelled, in: $0) }), declared.kind == "option" { pendingOption = spelled }
                }
                continue
            }
            if positional == 0, let sub = command?.subcommands?.first(where: { $0.commandName == argument || $0.aliases?.contains(argument) == true }) {
                command = sub
                result.append(Name(label: argument))
                continue
            }
            let declared = (command?.arguments ?? []).filter { $0.kind == "positional" }
            let argumentDeclared = declared.indices.contains(positional) ? declared[positional] : declared.last.flatMap { $0.isRepeating ? $0 : nil }
            result.append(Name(label: "<\(argumentDeclared?.valueName ?? "argument \(positional + 1)")>"))
            positional += 1
        }
        return result
    }

    private static func argument(_ spelled: String, in command: Command) -> Argument? {
        let bare = spelled.drop(while: { $0 == "-" })
        return command.arguments?.first { $0.names?.contains { $0.name == bare } == true }
    }
}
