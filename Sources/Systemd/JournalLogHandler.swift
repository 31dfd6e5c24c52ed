public import Logging

/// A swift-log handler that writes each event as one structured journal entry: `PRIORITY`,
/// `MESSAGE`, `SYSLOG_IDENTIFIER`, `CODE_FILE`, `CODE_LINE`, `CODE_FUNC`, `MESSAGE_ID` when the
/// metadata has one, and every other metadata key as a field of its own, so operators filter with
/// `journalctl -p warning` or `journalctl XINFANG_CASE=…`.
///
/// A metadata key that is not a valid field name is upper-cased with every other character
/// turned into `_` (`case.id` → `CASE_ID`) and left out when still invalid; keys naming the
/// fields above (other than `MESSAGE_ID`) are left out so they cannot be forged. Handler metadata
/// is merged under the metadata provider's, and that under the event's.
public struct JournalLogHandler: LogHandler {
    /// The handler's own metadata, sent with every entry unless the event overrides a key.
    public var metadata: Logger.Metadata = [:]
    /// The least severe level this handler writes; `.info` unless set.
    public var logLevel: Logger.Level = .info
    /// Contextual metadata (task-local and the like); `LoggingSystem.metadataProvider` unless set.
    public var metadataProvider: Logger.MetadataProvider?
    /// The logger's label.
    public let label: String
    /// The `SYSLOG_IDENTIFIER` of every entry (`journalctl -t`).
    public let identifier: String

    /// A handler for the logger `label`, writing entries under `identifier`.
    public init(label: String, identifier: String = "xinfangd") {
        self.label = label
        self.identifier = identifier
        self.metadataProvider = LoggingSystem.metadataProvider
    }

    /// Reads or changes one key of the handler's metadata.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Sends the event to journald; an entry that cannot be sent is dropped.
    public func log(event: LogEvent) {
        Journal.send(fields(for: event))
    }

    /// The journal fields of `event`, in the order they are sent.
    func fields(for event: LogEvent) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [
            ("PRIORITY", String(Self.priority(event.level))),
            ("MESSAGE", event.message.description),
        ]
        let merged = event.effectiveMetadata(handler: metadata, provider: metadataProvider)
        if let id = merged["MESSAGE_ID"] { fields.append(("MESSAGE_ID", id.description)) }
        fields += [
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
        ]
        // Keys that are valid names as written come first, so `CASE` wins over `case`.
        let keys = merged.keys.sorted { (Journal.isValidFieldName($0) ? 0 : 1, $0) < (Journal.isValidFieldName($1) ? 0 : 1, $1) }
        var used: Set<String> = ["MESSAGE_ID"]
        for key in keys {
            guard let name = Self.fieldName(forMetadataKey: key), !Self.ownFields.contains(name), used.insert(name).inserted,
                let value = merged[key]
            else { continue }
            fields.append((name, value.description))
        }
        return fields
    }

    /// The fields this handler sets itself; metadata cannot override them.
    static let ownFields: Set<String> = ["PRIORITY", "MESSAGE", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC"]

    /// syslog(3) priority of a level: trace and debug 7, info 6, notice 5, warning 4, error 3, critical 2.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// The field name a metadata key is sent under: the key itself when valid, else upper-cased
    /// with every character outside `A–Z 0–9 _` replaced by `_`; nil when that is still invalid.
    static func fieldName(forMetadataKey key: String) -> String? {
        if Journal.isValidFieldName(key) { return key }
        var name = ""
        for scalar in key.uppercased().unicodeScalars {
            let isAllowed = ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
            name.unicodeScalars.append(isAllowed ? scalar : "_")
        }
        return Journal.isValidFieldName(name) ? name : nil
    }
}
