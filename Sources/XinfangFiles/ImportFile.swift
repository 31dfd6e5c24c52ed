import Foundation
public import XinfangCore

/// Everything an import file holds, parsed and validated row by row (docs/import.md).
///
/// The reader checks each row on its own (required fields, types, dates, enums) and duplicates
/// within the file; whether the events follow the rules, and whether a case exists in the store,
/// is the caller's business.
public struct ImportBatch: Sendable {
    /// The path the batch was read from.
    public var file: String
    /// Case records, in file order.
    public var cases: [CaseRecord]
    /// Event records, in file order.
    public var events: [EventRecord]

    public init(file: String, cases: [CaseRecord], events: [EventRecord]) {
        self.file = file
        self.cases = cases
        self.events = events
    }
}


/// A case record of an import file: the case's facts, and where it stands in the file.
public struct CaseRecord: Sendable {
    public var facts: CaseFacts
    /// The petitioner's contact data, when the record carries any `petitioner_*` key.
    public var petitioner: PetitionerContact?
    /// The physical line where the record starts (1-based).
    public var line: Int

    public init(facts: CaseFacts, petitioner: PetitionerContact? = nil, line: Int) {
        self.facts = facts
        self.petitioner = petitioner
        self.line = line
    }
}

/// An event record of an import file.
public struct EventRecord: Sendable {
    /// The case the event belongs to, by number.
    public var caseNumber: String
    /// The event's 1-based sequence number within its case; `(caseNumber, seq)` identifies it, so
    /// that importing the same file twice adds nothing the second time.
    public var seq: Int
    public var event: CaseEvent
    /// The free-text `note`, when given.
    public var note: String?
    /// The physical line where the record starts (1-based).
    public var line: Int

    public init(caseNumber: String, seq: Int, event: CaseEvent, note: String? = nil, line: Int) {
        self.caseNumber = caseNumber
        self.seq = seq
        self.event = event
        self.note = note
        self.line = line
    }
}

/// Reads the files of `xinfangctl import FILE`: JSON Lines (`.jsonl`, `.ndjson`) or CSV (`.csv`).
public enum ImportFile {
    /// At most this many errors are reported; reading stops when they are found.
    public static let maxErrors = 100

    /// How often `progress` is called, in bytes.
    static let progressStep = 64 * 1024

    /// Reads a whole file (format by extension: .jsonl/.ndjson = JSON Lines, .csv = CSV). Returns every record, or throws
    /// InputErrors listing every bad row found (at most 100) as file:line:field: reason — the caller applies nothing then.
    ///
    /// `progress` is called with the bytes read so far and the file's size: at the start, about
    /// every 64 KiB, and at the end.
    public static func read(
        path: String, progress: ((_ bytesDone: Int, _ bytesTotal: Int) -> Void)? = nil
    ) throws(InputErrors) -> ImportBatch {
        let ext = (path as NSString).pathExtension.lowercased()
        let csv: Bool
        switch ext {
        case "jsonl", "ndjson": csv = false
        case "csv": csv = true
        default:
            throw InputErrors([InputError(
                file: path, reason: "unknown import format \".\(ext)\": the file name must end in .jsonl, .ndjson or .csv")])
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw InputErrors([InputError(file: path, reason: "cannot read the file")])
        }
        var accumulator = ImportAccumulator(file: path)
        data.withUnsafeBytes { raw in
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            if csv {
                CSVImportReader.run(bytes, into: &accumulator, progress: progress)
            } else {
                JSONLinesImportReader.run(bytes, into: &accumulator, progress: progress)
            }
        }
        if !accumulator.errors.isEmpty { throw InputErrors(accumulator.errors) }
        // One rule for both formats: a file without a single record is refused, as an empty CSV is.
        if accumulator.cases.isEmpty && accumulator.events.isEmpty {
            throw InputErrors([InputError(file: path, reason: "the file holds no records: nothing to import")])
        }
        return ImportBatch(file: path, cases: accumulator.cases, events: accumulator.events)
    }
}

/// The identity of an event within an import.
struct ImportEventKey: Hashable {
    var caseNumber: String
    var seq: Int
}

/// Collects the records and errors of one read, and finds duplicates within the file.
struct ImportAccumulator {
    let file: String
    var cases: [CaseRecord] = []
    var events: [EventRecord] = []
    var errors: [InputError] = []
    private var caseLines: [String: Int] = [:]
    private var eventLines: [ImportEventKey: Int] = [:]

    init(file: String) { self.file = file }

    /// Enough errors were found; reading stops.
    var isFull: Bool { errors.count >= ImportFile.maxErrors }

    mutating func fail(line: Int?, _ error: ImportRowError) {
        guard !isFull else { return }
        errors.append(InputError(file: file, line: line, field: error.field, reason: error.reason))
    }

    mutating func add(_ record: consuming CaseRecord) {
        let number = record.facts.number
        if let first = caseLines.updateValue(record.line, forKey: number) {
            caseLines[number] = first
            fail(line: record.line, ImportRowError(
                field: "number", reason: "duplicate case number \(quoted(number)); first at line \(first)"))
        } else if errors.isEmpty {
            cases.append(record)
        }
    }

    mutating func add(_ record: consuming EventRecord) {
        if eventLines.isEmpty { eventLines.reserveCapacity(expectedRecords) }
        let key = ImportEventKey(caseNumber: record.caseNumber, seq: record.seq)
        if let first = eventLines.updateValue(record.line, forKey: key) {
            eventLines[key] = first
            fail(line: record.line, ImportRowError(
                field: "seq", reason: "duplicate event \(record.seq) of case \(quoted(record.caseNumber)); first at line \(first)"))
        } else if errors.isEmpty {
            events.append(record)
        }
    }

    /// The number of records a file of its size may hold, for sizing the duplicate table.
    private var expectedRecords = 0

    /// Tells the size of the file: the table of event keys is sized for it when the first event
    /// comes (growing it step by step costs a third of the parse time on large files).
    mutating func expect(bytes: Int, bytesPerRecord: Int) {
        expectedRecords = min(bytes / bytesPerRecord, 50_000_000)
    }
}

/// A value for an error message: quoted, and cut short when long.
func quoted(_ text: String) -> String { FieldText.quoted(text) }
