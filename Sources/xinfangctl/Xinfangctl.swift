import ArgumentParser
import Foundation
import XinfangCore

/// `xinfangctl`: the operator's and the bureau's command line, shaped like systemctl (noun, verb, target).
@main
struct Xinfangctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xinfangctl",
        abstract: "信访期限 Keep the statutory deadlines of petition work (信访工作).",
        discussion: """
            Exit codes: 0 ok, 1 runtime failure, 2 usage or input error (with file:line:field).
            Dates are local dates (Asia/Shanghai); a deadline is due by the end of its day.
            """,
        version: "xinfangctl \(XinfangVersion.current)",
        subcommands: [
            UnitCommand.self, LeaderCommand.self, CaseCommand.self, EventCommand.self, ImportCommand.self, ReceptionCommand.self, SuperviseCommand.self, PeriodCommand.self, RiskCommand.self, ReportCommand.self, PluginsCommand.self, DebugCommand.self, ClockCommand.self,
            DeadlineCommand.self, CalendarCommand.self, PolicyCommand.self,
            DueCommand.self, RemindersCommand.self, StatusCommand.self, AgendaCommand.self, AuditCommand.self, ReloadCommand.self,
            ReconcileCommand.self, ExportCommand.self, UserCommand.self,
        ]
    )

    /// Runs the command; usage and input errors exit 2, as Unix tools do (ArgumentParser's default is 64).
    static func main() {
        do {
            let arguments = globalOptionsLast(Array(CommandLine.arguments.dropFirst()))
            if let refusal = ArgumentText.refusal(arguments, root: Xinfangctl.self) { throw refusal }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as InputFailure {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            Foundation.exit(2)
        } catch let error as RuntimeFailure {
            FileHandle.standardError.write(Data(("xinfangctl: " + error.message + "\n").utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
        fflush(nil)
    }
}

/// The store options (`--config FILE`, `--store PATH`) may come anywhere, before the subcommand too
/// (`xinfangctl --config X status`, `xinfangctl case --store X show N`): they are moved behind it,
/// where the subcommand's parser takes them. Nothing after `--` moves.
func globalOptionsLast(_ arguments: [String]) -> [String] {
    var rest: [String] = [], moved: [String] = []
    var i = 0
    while i < arguments.count {
        let argument = arguments[i]
        if argument == "--" {
            rest += arguments[i...]
            break
        }
        if ["--config", "--store"].contains(argument), i + 1 < arguments.count {
            moved += [argument, arguments[i + 1]]
            i += 2
            continue
        }
        if argument.hasPrefix("--config=") || argument.hasPrefix("--store=") {
            moved.append(argument)
        } else {
            rest.append(argument)
        }
        i += 1
    }
    if let end = rest.firstIndex(of: "--") { rest.insert(contentsOf: moved, at: end) } else { rest += moved }
    return rest
}

/// An input error already formatted as `file:line:field: reason` lines; exit code 2.
struct InputFailure: Error {
    var message: String
}

/// Options that locate data files, shared by the commands that need a calendar.
struct CalendarOptions: ParsableArguments {
    @Option(help: "The working-day calendar to use (a directory under the calendars directory).")
    var calendar = "cn"

    @Option(help: ArgumentHelp("The calendars directory.", discussion: "Default: $XINFANG_CALENDARS, $CONFIGURATION_DIRECTORY/calendars, ./etc/calendars, /usr/share/xinfang/calendars."))
    var calendars: String?
}
