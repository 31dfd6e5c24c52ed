internal import Glibc
public import Logging

/// A swift-log handler for a terminal or a plain log file: one readable line per event on stderr,
/// `WARNING message KEY=value …`, metadata keys sorted. `MESSAGE_ID` and `XINFANG_DEDUPE_KEY` are
/// left out (they serve the journal, not a reader); the line has no time or process name, which a
/// supervisor adds. Newlines are written as `\n` so that an event stays one line, and a value with
/// spaces, quotes or `=` is quoted.
public struct ConsoleLogHandler: LogHandler {
    /// The handler's own metadata, written with every line unless the event overrides a key.
    public var metadata: Logger.Metadata = [:]
    /// The least severe level this handler writes; `.info` unless set.
    public var logLevel: Logger.Level = .info
    /// Contextual metadata (task-local and the like); `LoggingSystem.metadataProvider` unless set.
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label.
    public let label: String
    private let fileDescriptor: Int32

    /// A handler for the logger `label` that writes to stderr.
    public init(label: String) {
        self.init(label: label, fileDescriptor: 2)
    }

    /// A handler that writes to `fileDescriptor` (tests use a pipe).
    init(label: String, fileDescriptor: Int32) {
        self.label = label
        self.fileDescriptor = fileDescriptor
        self.metadataProvider = LoggingSystem.metadataProvider
    }

    /// Reads or changes one key of the handler's metadata.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event's line with one write(2), so lines of concurrent loggers do not interleave.
    public func log(event: LogEvent) {
        let line = Self.line(
            level: event.level, message: event.message.description,
            metadata: event.effectiveMetadata(handler: metadata, provider: metadataProvider))
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(fileDescriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// Keys that only the journal uses.
    static let journalOnlyKeys: Set<String> = ["MESSAGE_ID", "XINFANG_DEDUPE_KEY"]

    /// The line for one event, without the trailing newline.
    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = level.rawValue.uppercased() + " " + escapingNewlines(message)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) where !journalOnlyKeys.contains(key) {
            line += " " + key + "=" + quoted(value.description)
        }
        return line
    }

    private static func escapingNewlines(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return escaped(text, quotes: false)
    }

    private static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\t" }
        return needsQuotes ? "\"" + escaped(value, quotes: true) + "\"" : escapingNewlines(value)
    }

    /// `text` with newlines as `\n` and `\r`; with `quotes`, also `"` and `\` escaped.
    private static func escaped(_ text: String, quotes: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\n", "\r\n": result += "\\n"
            case "\r": result += "\\r"
            case "\"" where quotes: result += "\\\""
            case "\\" where quotes: result += "\\\\"
            default: result.append(character)
            }
        }
        return result
    }
}
