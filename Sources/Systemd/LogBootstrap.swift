internal import Glibc
public import Logging

/// Chooses xinfangd's log handler: `LoggingSystem.bootstrap(LogBootstrap.handler(label:))`.
public enum LogBootstrap {
    /// A ``JournalLogHandler`` when stderr is the journal (systemd's `JOURNAL_STREAM` names fd 2)
    /// or `XINFANG_LOG=journal`; otherwise, or with `XINFANG_LOG=console`, a ``ConsoleLogHandler``.
    public static func handler(label: String) -> any LogHandler {
        let choice = getenv("XINFANG_LOG").map { String(cString: $0) }
        switch choice {
        case "journal": return JournalLogHandler(label: label)
        case "console": return ConsoleLogHandler(label: label)
        default: return Journal.stderrIsJournal ? JournalLogHandler(label: label) : ConsoleLogHandler(label: label)
        }
    }
}
