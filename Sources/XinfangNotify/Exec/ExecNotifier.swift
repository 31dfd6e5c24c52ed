import Foundation
public import XinfangCore
public import XinfangPolicy

/// Hands each message to a command (id `exec`): the message as JSON on its stdin (see `ExecPayload`
/// for the shape) and its dedupe key in `XINFANG_DEDUPE_KEY`, so the command can drop repeats.
///
/// Exit status 0 means delivered. Anything else (non-zero status, death by a signal, the timeout, a
/// command that cannot be started) is a retryable `DeliveryError` naming the cause with at most the
/// first 200 bytes of the command's stderr. The command never sees the daemon's stdin, stdout, other
/// descriptors, or its systemd variables (`NOTIFY_SOCKET`, `WATCHDOG_*`, `LISTEN_*`).
public struct ExecNotifier: Notifier {
    /// `exec`.
    public var id: String { "exec" }
    /// The command's absolute path.
    public let executable: String
    /// Its arguments (not including argv[0]).
    public let arguments: [String]
    /// How long one run may take before its process group gets SIGTERM.
    public let timeout: Duration
    /// How long after SIGTERM the group gets SIGKILL.
    public let killGrace: Duration

    /// A notifier running `executable` with `arguments` for each message.
    public init(executable: String, arguments: [String] = [], timeout: Duration = .seconds(10), killGrace: Duration = .seconds(2)) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
        self.killGrace = killGrace
    }

    /// Runs the command once for the message; returns when it exited 0, throws otherwise. Returns or
    /// throws within `timeout + killGrace` (plus 5 s for a child that cannot be killed at once).
    public func deliver(_ message: OutgoingMessage) throws(DeliveryError) {
        var environment = ProcessInfo.processInfo.environment
        for name in ["NOTIFY_SOCKET", "WATCHDOG_PID", "WATCHDOG_USEC", "LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] {
            environment[name] = nil
        }
        environment["XINFANG_DEDUPE_KEY"] = message.dedupeKey
        let child = ChildProcess(
            executable: executable, arguments: arguments, environment: environment, timeout: timeout, killGrace: killGrace
        )
        let outcome = try child.run(input: try ExecPayload.json(message))
        let cause: String
        switch outcome.ending {
        case .exited(0): return
        case .exited(let status): cause = "exit status \(status)"
        case .signaled(let signal): cause = "killed by signal \(signal)"
        case .timedOut: cause = "timed out after \(Self.seconds(timeout)) s"
        }
        let stderr = Self.oneLine(outcome.stderrHead)
        throw DeliveryError("exec \(executable): \(cause)" + (stderr.isEmpty ? "" : "; stderr: \(stderr)"))
    }

    /// `10`, `1.5`: a duration in seconds for messages.
    static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        if attoseconds == 0 { return "\(whole)" }
        return String(format: "%g", Double(whole) + Double(attoseconds) / 1e18)
    }

    /// The bytes as text on one line: a UTF-8 sequence cut at the end is dropped, controls become spaces.
    static func oneLine(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        for cut in stride(from: bytes.count, through: max(0, bytes.count - 3), by: -1) {
            if let valid = String(validating: bytes[0..<cut], as: UTF8.self) { text = valid; break }
        }
        let scalars = text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) }
        return String(scalars).trimmingCharacters(in: .whitespaces)
    }
}
