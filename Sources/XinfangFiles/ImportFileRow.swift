import XinfangCore

/// The keys of import records; both formats number them alike (a JSON key, a CSV column).
enum ImportField: Int, CaseIterable {
    case record
    case number, received, category, unit, channel, persons, repeated, skipLevel, leader, intake, contactKnown, place, title
    case petitionerName, petitionerID, petitionerPhone, petitionerAddress
    case `case`, seq, type, on, to, reportDue, days, approver, reason, rating, note
    /// A case record's first case of the same matter (初件), when it is a repeat (重件).
    case repeatOf

    /// The key as written in files.
    var key: String {
        switch self {
        case .record: "record"
        case .number: "number"
        case .received: "received"
        case .category: "category"
        case .unit: "unit"
        case .channel: "channel"
        case .persons: "persons"
        case .repeated: "repeated"
        case .skipLevel: "skip_level"
        case .leader: "leader"
        case .intake: "intake"
        case .contactKnown: "contact_known"
        case .place: "place"
        case .title: "title"
        case .petitionerName: "petitioner_name"
        case .petitionerID: "petitioner_id"
        case .petitionerPhone: "petitioner_phone"
        case .petitionerAddress: "petitioner_address"
        case .case: "case"
        case .seq: "seq"
        case .type: "type"
        case .on: "on"
        case .to: "to"
        case .reportDue: "report_due"
        case .days: "days"
        case .approver: "approver"
        case .reason: "reason"
        case .rating: "rating"
        case .note: "note"
        case .repeatOf: "repeat_of"
        }
    }

    var bit: UInt32 { 1 << UInt32(rawValue) }

    /// A petitioner's personal data: its value never appears in a message.
    var isPersonal: Bool {
        switch self {
        case .petitionerName, .petitionerID, .petitionerPhone, .petitionerAddress: true
        default: false
        }
    }

    static func mask(_ fields: [ImportField]) -> UInt32 { fields.reduce(0) { $0 | $1.bit } }

    /// The keys of a case record (`record` included).
    static let caseKeys = mask([
        .record, .number, .received, .category, .unit, .channel, .persons, .repeated, .skipLevel, .leader, .intake,
        .contactKnown, .place, .title, .petitionerName, .petitionerID, .petitionerPhone, .petitionerAddress,
        .repeatOf,
    ])
    /// The keys every event record may have (`record` included).
    static let eventBaseKeys = mask([.record, .case, .seq, .type, .on, .note])
    /// The keys any event record may have.
    static let eventKeys = eventBaseKeys | mask([.to, .reportDue, .days, .approver, .reason, .rating])

    /// The keys of a mask, in the documented order.
    static func keys(_ mask: UInt32) -> String {
        allCases.filter { mask & $0.bit != 0 }.map(\.key).joined(separator: ", ")
    }

    /// Every key's bytes, one after the other, and where each ends.
    private static let keyTable: (bytes: [UInt8], ends: [Int]) = {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for field in allCases {
            bytes.append(contentsOf: field.key.utf8)
            ends.append(bytes.count)
        }
        return (bytes, ends)
    }()

    /// The field named by `bytes`, if any.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> ImportField? {
        let count = bytes.count
        guard count > 0 else { return nil }
        let first = bytes[0]
        return keyTable.bytes.withUnsafeBufferPointer { keys in
            keyTable.ends.withUnsafeBufferPointer { ends in
                var start = 0
                for index in 0..<ends.count {
                    let end = ends[index]
                    defer { start = end }
                    guard end - start == count, keys[start] == first else { continue }
                    var k = 1
                    while k < count && keys[start + k] == bytes[k] { k += 1 }
                    if k == count { return ImportField(rawValue: index) }
                }
                return nil
            }
        }
    }

    /// The field named `name`, if any.
    static func lookup(_ name: String) -> ImportField? { allCases.first { $0.key == name } }
}

extension ImportField {
    /// The field of an event's own value.
    init(_ key: EventValueKey) {
        self = switch key {
        case .to: .to
        case .reportDue: .reportDue
        case .days: .days
        case .approver: .approver
        case .reason: .reason
        case .rating: .rating
        }
    }

    /// The keys of each event type beyond the common ones, as in timeline files (built once: this
    /// is read for every imported event).
    static let ownKeys: [EventType: UInt32] = Dictionary(uniqueKeysWithValues: EventType.allCases.map { type in
        (type, mask(type.valueKeys.map(ImportField.init)))
    })
}

/// What is wrong with a row: the field (key or column name) and the reason.
struct ImportRowError: Error {
    var field: String?
    var reason: String
}

/// Where a value lies in the file, and what JSON made of it.
struct ImportValue {
    enum Kind: UInt8 {
        case string
        /// A JSON number without fraction or exponent.
        case integer
        /// Any other JSON number.
        case number
        case `true`, `false`
    }

    var kind: Kind = .string
    /// JSON: the string has backslash escapes; CSV: the quoted cell has doubled quotes.
    var escaped = false
    var start = 0
    var end = 0
}

/// Words matched byte by byte against a value.
struct ImportVocabulary<T: Sendable>: Sendable {
    let entries: [([UInt8], T)]
    let list: String

    init(_ pairs: [(String, T)]) {
        entries = pairs.map { (Array($0.0.utf8), $0.1) }
        list = pairs.map(\.0).joined(separator: ", ")
    }

    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> T? {
        for (word, value) in entries where word.count == bytes.count && bytesEqual(bytes, word) { return value }
        return nil
    }
}

extension ImportVocabulary where T: RawRepresentable & CaseIterable, T.RawValue == String {
    init(_: T.Type) { self.init(T.allCases.map { ($0.rawValue, $0) }) }
}

func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    for i in 0..<b.count where a[i] != b[i] { return false }
    return true
}

/// The vocabularies, built once.
enum ImportWords {
    static let records = ImportVocabulary([("case", true), ("event", false)])
    static let categories = ImportVocabulary(PetitionCategory.self)
    static let channels = ImportVocabulary(PetitionChannel.self)
    static let intakes = ImportVocabulary(Intake.self)
    static let ratings = ImportVocabulary(Rating.self)
    static let eventTypes = ImportVocabulary(EventType.self)
    static let csvBooleans = ImportVocabulary([
        ("true", true), ("false", false), ("1", true), ("0", false), ("是", true), ("否", false),
        ("TRUE", true), ("FALSE", false), ("True", true), ("False", false),
    ])
}

/// One row's values, keyed by field; reused from row to row.
struct ImportRow {
    let bytes: UnsafeBufferPointer<UInt8>
    let csv: Bool
    var values: [ImportValue]
    /// The fields present (JSON `null` and empty CSV cells are absent).
    var present: UInt32 = 0
    /// The first key that is no field at all (JSON), reported once the record kind is known.
    var unknownKey: String?

    init(bytes: UnsafeBufferPointer<UInt8>, csv: Bool) {
        self.bytes = bytes
        self.csv = csv
        self.values = Array(repeating: ImportValue(), count: ImportField.allCases.count)
    }

    mutating func reset() {
        present = 0
        unknownKey = nil
    }

    mutating func set(_ field: ImportField, _ value: ImportValue) {
        values[field.rawValue] = value
        present |= field.bit
    }

    func has(_ field: ImportField) -> Bool { present & field.bit != 0 }

    // MARK: Raw text

    /// Calls `body` with the value's text: the bytes in the file, or its unescaped copy.
    func withText<R>(_ v: ImportValue, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard v.escaped else { return body(UnsafeBufferPointer(rebasing: bytes[v.start..<v.end])) }
        let unescaped = csv ? Self.unescapeCSV(bytes, v.start, v.end) : Self.unescapeJSON(bytes, v.start, v.end)
        return unescaped.withUnsafeBufferPointer(body)
    }

    /// A quoted cell's content with each `""` made one `"`.
    static func unescapeCSV(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            out.append(p[i])
            i += p[i] == 0x22 ? 2 : 1
        }
        return out
    }

    /// A JSON string's content with its escapes decoded; the escapes were validated by the parser.
    static func unescapeJSON(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        func hex4(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in at..<at + 4 { v = v << 4 | UInt32(hexValue(p[k])) }
            return v
        }
        while i < end {
            let c = p[i]
            guard c == 0x5C else {
                out.append(c)
                i += 1
                continue
            }
            let e = p[i + 1]
            i += 2
            switch e {
            case 0x62: out.append(0x08)  // b
            case 0x66: out.append(0x0C)  // f
            case 0x6E: out.append(0x0A)  // n
            case 0x72: out.append(0x0D)  // r
            case 0x74: out.append(0x09)  // t
            case 0x75:  // u
                var scalar = hex4(i)
                i += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    let low = hex4(i + 2)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            default: out.append(e)  // " \ /
            }
        }
        return out
    }

    // MARK: Typed values

    /// How a value looks in an error message (never used for personal fields).
    func shown(_ v: ImportValue) -> String {
        switch v.kind {
        case .true: return "true"
        case .false: return "false"
        case .integer, .number: return withText(v) { String(decoding: $0, as: UTF8.self) }
        case .string:
            let text = quoted(withText(v) { String(decoding: $0, as: UTF8.self) })
            return csv ? text : "the string \(text)"
        }
    }

    func typeError(_ field: ImportField, expected: String) -> ImportRowError {
        let v = values[field.rawValue]
        if field.isPersonal {
            let found = switch v.kind {
            case .string: "a string"
            case .integer, .number: "a number"
            case .true, .false: "a boolean"
            }
            return ImportRowError(field: field.key, reason: "expected \(expected), found \(found)")
        }
        return ImportRowError(field: field.key, reason: "expected \(expected), found \(shown(v))")
    }

    static func missing(_ field: ImportField) -> ImportRowError { ImportRowError(field: field.key, reason: "missing") }

    /// A string; nil when absent.
    func string(_ field: ImportField) throws(ImportRowError) -> String? {
        guard has(field) else { return nil }
        let v = values[field.rawValue]
        guard v.kind == .string else { throw typeError(field, expected: "a string") }
        guard let text = withText(v, Self.makeString) else {
            throw ImportRowError(field: field.key, reason: "not valid UTF-8 text")
        }
        if let refusal = FieldText.refusal(text) { throw ImportRowError(field: field.key, reason: "\(quoted(text)) \(refusal)") }
        return text
    }

    /// A string that is present and not blank.
    func requiredString(_ field: ImportField) throws(ImportRowError) -> String {
        guard let text = try string(field) else { throw Self.missing(field) }
        guard Self.hasVisibleText(text) else {
            throw ImportRowError(field: field.key, reason: "must not be empty")
        }
        return text
    }

    /// A date `YYYY-MM-DD` that exists; nil when absent.
    func day(_ field: ImportField) throws(ImportRowError) -> Day? {
        guard has(field) else { return nil }
        let v = values[field.rawValue]
        guard v.kind == .string else { throw typeError(field, expected: "a date YYYY-MM-DD") }
        guard let day = withText(v, { Day(isoBytes: $0) }) else {
            throw ImportRowError(field: field.key, reason: "\(quoted(text(v))) is not a date YYYY-MM-DD that exists")
        }
        if let reason = day.implausibility { throw ImportRowError(field: field.key, reason: reason) }
        return day
    }

    func requiredDay(_ field: ImportField) throws(ImportRowError) -> Day {
        guard let day = try day(field) else { throw Self.missing(field) }
        return day
    }

    /// An integer in `range`; nil when absent.
    func int(_ field: ImportField, in range: ClosedRange<Int>) throws(ImportRowError) -> Int? {
        guard has(field) else { return nil }
        let v = values[field.rawValue]
        let parsed: Int?
        switch v.kind {
        case .integer: parsed = withText(v, Self.parseInt)
        case .string where csv: parsed = withText(v, Self.parseInt)
        default: throw typeError(field, expected: "an integer")
        }
        guard let n = parsed else {
            if csv, !withText(v, Self.isInteger) { throw typeError(field, expected: "an integer") }
            throw ImportRowError(field: field.key, reason: "\(text(v)) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
        guard range.contains(n) else {
            if range.upperBound == Int.max {
                throw ImportRowError(field: field.key, reason: "must be \(range.lowerBound) or more, not \(n)")
            }
            throw ImportRowError(field: field.key, reason: "\(n) is out of range \(range.lowerBound)…\(range.upperBound)")
        }
        return n
    }

    func requiredInt(_ field: ImportField, in range: ClosedRange<Int>) throws(ImportRowError) -> Int {
        guard let n = try int(field, in: range) else { throw Self.missing(field) }
        return n
    }

    /// A boolean (JSON true/false; CSV true/false/1/0/是/否); nil when absent.
    func bool(_ field: ImportField) throws(ImportRowError) -> Bool? {
        guard has(field) else { return nil }
        let v = values[field.rawValue]
        switch v.kind {
        case .true: return true
        case .false: return false
        case .string where csv:
            if let b = withText(v, { ImportWords.csvBooleans.match($0) }) { return b }
            throw typeError(field, expected: "true, false, 1, 0, 是 or 否")
        default: throw typeError(field, expected: "true or false")
        }
    }

    /// One of a closed set of words; nil when absent.
    func choice<T>(_ field: ImportField, _ words: ImportVocabulary<T>) throws(ImportRowError) -> T? {
        guard has(field) else { return nil }
        let v = values[field.rawValue]
        guard v.kind == .string else { throw typeError(field, expected: "one of: \(words.list)") }
        guard let value = withText(v, { words.match($0) }) else {
            throw ImportRowError(field: field.key, reason: "\(quoted(text(v))) is not one of: \(words.list)")
        }
        return value
    }

    func requiredChoice<T>(_ field: ImportField, _ words: ImportVocabulary<T>) throws(ImportRowError) -> T {
        guard let value = try choice(field, words) else { throw Self.missing(field) }
        return value
    }

    /// Validated UTF-8 text; ASCII, the common case, is checked in place.
    static func makeString(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii: UInt8 = 0
        for byte in b { ascii |= byte }
        return ascii < 0x80 ? String(decoding: b, as: UTF8.self) : String(validating: b, as: UTF8.self)
    }

    /// Whether `text` has a character other than white space.
    static func hasVisibleText(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x80 { return true }
        return text.unicodeScalars.contains { !$0.properties.isWhitespace }
    }

    private func text(_ v: ImportValue) -> String { withText(v) { String(decoding: $0, as: UTF8.self) } }

    /// An optionally signed decimal integer, nil when malformed or out of `Int`'s range.
    static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty else { return nil }
        let negative = b[0] == 0x2D
        let first = negative || b[0] == 0x2B ? 1 : 0
        guard first < b.count else { return nil }
        var n = 0
        for i in first..<b.count {
            let digit = Int(b[i]) &- 0x30
            guard digit >= 0 && digit <= 9 else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            guard !o1 && !o2 else { return nil }
            n = s
        }
        return n
    }

    static func isInteger(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = !b.isEmpty && (b[0] == 0x2D || b[0] == 0x2B) ? 1 : 0
        return b.count > first && b[first...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    // MARK: Records

    /// Reads the record this row describes and hands it to `accumulator`. `kind` is true for a
    /// case, false for an event, nil when the row must say it (`record`).
    func read(line: Int, kind fixedKind: Bool?, into accumulator: inout ImportAccumulator) throws(ImportRowError) {
        let isCase: Bool
        if let fixedKind {
            isCase = fixedKind
        } else {
            guard let kind = try choice(.record, ImportWords.records) else {
                throw ImportRowError(field: "record", reason: "missing: every record says \"case\" or \"event\"")
            }
            isCase = kind
        }
        if isCase {
            accumulator.add(try caseRecord(line: line))
        } else {
            accumulator.add(try eventRecord(line: line))
        }
    }

    private func rejectUnknown(_ allowed: UInt32, _ what: @autoclosure () -> String) throws(ImportRowError) {
        if let key = unknownKey {
            throw ImportRowError(field: key, reason: "unknown key; \(what()) has: \(ImportField.keys(allowed))")
        }
        let extra = present & ~allowed
        guard extra != 0 else { return }
        let field = ImportField(rawValue: extra.trailingZeroBitCount)!
        throw ImportRowError(field: field.key, reason: "not a key of \(what()); it has: \(ImportField.keys(allowed))")
    }

    func caseRecord(line: Int) throws(ImportRowError) -> CaseRecord {
        try rejectUnknown(ImportField.caseKeys, "a case record")
        let facts = CaseFacts(
            number: try requiredString(.number), received: try requiredDay(.received),
            channel: try choice(.channel, ImportWords.channels) ?? .letter,
            category: try requiredChoice(.category, ImportWords.categories), unit: try requiredString(.unit),
            persons: try int(.persons, in: 1...100_000) ?? 1, repeated: try bool(.repeated) ?? false,
            skipLevel: try bool(.skipLevel) ?? false, leader: try string(.leader),
            intake: try choice(.intake, ImportWords.intakes) ?? .bureau, contactKnown: try bool(.contactKnown) ?? true,
            place: try string(.place), title: try string(.title),
            repeatOf: try string(.repeatOf).flatMap { $0.isEmpty ? nil : $0 })
        var petitioner: PetitionerContact?
        if present & ImportField.mask([.petitionerName, .petitionerID, .petitionerPhone, .petitionerAddress]) != 0 {
            func personal(_ field: ImportField) throws(ImportRowError) -> String? {
                guard let text = try string(field), !text.isEmpty else { return nil }
                return text
            }
            let contact = PetitionerContact(
                name: try personal(.petitionerName), idNumber: try personal(.petitionerID),
                phone: try personal(.petitionerPhone), address: try personal(.petitionerAddress))
            petitioner = contact.isEmpty ? nil : contact
        }
        return CaseRecord(facts: facts, petitioner: petitioner, line: line)
    }

    func eventRecord(line: Int) throws(ImportRowError) -> EventRecord {
        if unknownKey != nil { try rejectUnknown(ImportField.eventKeys, "an event record") }
        let caseNumber = try requiredString(.case)
        let seq = try requiredInt(.seq, in: 1...Int.max)
        let type = try requiredChoice(.type, ImportWords.eventTypes)
        let on = try requiredDay(.on)
        try rejectUnknown(ImportField.eventBaseKeys | ImportField.ownKeys[type]!, "\("aeiou".contains(type.key.first!) ? "an" : "a") \(type.key) event")
        let kind = try CaseEvent.Kind(type, values: EventValues(row: self))
        return EventRecord(caseNumber: caseNumber, seq: seq, event: CaseEvent(kind, on: on), note: try string(.note), line: line)
    }
}

func hexValue(_ c: UInt8) -> UInt8 {
    switch c {
    case 0x30...0x39: c - 0x30
    case 0x41...0x46: c - 0x41 + 10
    case 0x61...0x66: c - 0x61 + 10
    default: 0xFF
    }
}

extension ImportRow {
    /// An event's own values in an import row.
    struct EventValues: EventValueSource {
        var row: ImportRow
        func optionalText(_ key: EventValueKey) throws(ImportRowError) -> String? { try row.string(ImportField(key)) }
        func requiredText(_ key: EventValueKey) throws(ImportRowError) -> String { try row.requiredString(ImportField(key)) }
        func optionalDay(_ key: EventValueKey) throws(ImportRowError) -> Day? { try row.day(ImportField(key)) }
        func requiredInt(_ key: EventValueKey) throws(ImportRowError) -> Int { try row.requiredInt(ImportField(key), in: Int.min...Int.max) }
        func rating(_ key: EventValueKey) throws(ImportRowError) -> Rating { try row.requiredChoice(ImportField(key), ImportWords.ratings) }
    }
}
