import Foundation

/// Reads CSV (RFC 4180): a header row naming the columns, then one record per row.
///
/// Quoted cells may hold commas, doubled quotes and line breaks; a row's line is the physical
/// line where it starts. Rows end in LF or CRLF. An empty cell is an absent value; a row whose
/// cells are all empty is skipped like a blank line.
enum CSVImportReader {
    static func run(
        _ p: UnsafeBufferPointer<UInt8>, into accumulator: inout ImportAccumulator,
        progress: ((Int, Int) -> Void)?
    ) {
        let total = p.count
        var scanner = CSVScanner(p: p, i: hasBOM(p) ? 3 : 0)
        var cells: [ImportValue] = []
        var row = ImportRow(bytes: p, csv: true)
        var nextReport = ImportFile.progressStep
        accumulator.expect(bytes: total, bytesPerRecord: 64)
        progress?(0, total)

        // The header: the first row that is not blank.
        var header: CSVHeader?
        while header == nil {
            let line = scanner.line
            switch scanner.next(into: &cells) {
            case .end:
                accumulator.fail(line: nil, ImportRowError(field: nil, reason: "the file is empty: a CSV import starts with a header row"))
                return
            case .failure(let column, let reason):
                accumulator.fail(line: line, ImportRowError(field: column.map { "column \($0 + 1)" }, reason: reason))
                return
            case .record:
                if isBlank(cells) { continue }
                do throws(ImportRowError) {
                    header = try CSVHeader(cells: cells, row: row)
                } catch {
                    accumulator.fail(line: line, error)
                    return
                }
            }
        }
        guard let header else { return }

        while !accumulator.isFull {
            let line = scanner.line
            let outcome = scanner.next(into: &cells)
            if scanner.i >= nextReport, let progress {
                progress(scanner.i, total)
                nextReport = scanner.i + ImportFile.progressStep
            }
            switch outcome {
            case .end:
                progress?(total, total)
                return
            case .failure(let column, let reason):
                let field = column.map { $0 < header.fields.count ? header.fields[$0].key : "column \($0 + 1)" }
                accumulator.fail(line: line, ImportRowError(field: field, reason: reason))
            case .record:
                if isBlank(cells) { continue }
                guard cells.count == header.fields.count else {
                    accumulator.fail(line: line, ImportRowError(
                        field: nil, reason: "the row has \(cells.count) cells; the header has \(header.fields.count)"))
                    continue
                }
                row.reset()
                for (index, cell) in cells.enumerated() where cell.end > cell.start {
                    row.set(header.fields[index], cell)
                }
                do throws(ImportRowError) {
                    try row.read(line: line, kind: header.kind, into: &accumulator)
                } catch {
                    accumulator.fail(line: line, error)
                }
            }
        }
    }

    static func isBlank(_ cells: [ImportValue]) -> Bool { cells.allSatisfy { $0.end == $0.start } }
}

/// The columns of a CSV import and the kind of records they describe.
struct CSVHeader {
    var fields: [ImportField]
    /// true: cases, false: events, nil: mixed (the `record` column says).
    var kind: Bool?

    init(cells: [ImportValue], row: ImportRow) throws(ImportRowError) {
        var fields: [ImportField] = []
        var seen: UInt32 = 0
        var names: [String] = []
        for (index, cell) in cells.enumerated() {
            let name = row.withText(cell) { String(decoding: $0, as: UTF8.self) }
                .trimmingCharacters(in: .whitespaces)
            names.append(name)
            guard !name.isEmpty else {
                throw ImportRowError(field: "column \(index + 1)", reason: "a column without a name in the header")
            }
            guard let field = ImportField.lookup(name) else {
                throw ImportRowError(
                    field: String(name.prefix(64)),
                    reason: "unknown column; case records have: \(ImportField.keys(ImportField.caseKeys)); "
                        + "event records have: \(ImportField.keys(ImportField.eventKeys))")
            }
            guard seen & field.bit == 0 else { throw ImportRowError(field: name, reason: "a second column of this name") }
            seen |= field.bit
            fields.append(field)
        }
        let allowed: UInt32
        let what: String
        if seen & ImportField.record.bit != 0 {
            kind = nil
            allowed = ImportField.caseKeys | ImportField.eventKeys
            what = "a mixed file"
        } else {
            let eventColumns = ImportField.mask([.case, .seq, .type, .on])
            let caseColumns = ImportField.mask([.number, .received])
            switch (seen & caseColumns == caseColumns, seen & eventColumns == eventColumns) {
            case (true, false):
                kind = true
                allowed = ImportField.caseKeys
                what = "a case file"
            case (false, true):
                kind = false
                allowed = ImportField.eventKeys
                what = "an event file"
            case (true, true):
                throw ImportRowError(
                    field: nil, reason: "the header has the columns of both cases and events: add a record column (case or event on each row)")
            case (false, false):
                throw ImportRowError(
                    field: nil,
                    reason: "the header does not say what the rows are: it needs a record column (cases and events mixed), "
                        + "or number and received (cases), or case, seq, type and on (events)")
            }
        }
        if let index = fields.firstIndex(where: { allowed & $0.bit == 0 }) {
            throw ImportRowError(field: names[index], reason: "not a column of \(what); it has: \(ImportField.keys(allowed))")
        }
        self.fields = fields
    }
}

/// Splits CSV text into rows of cells, counting physical lines.
struct CSVScanner {
    enum Outcome {
        case record
        case end
        /// A malformed row: the index of the cell at fault, and why. The scanner moved on to the next line.
        case failure(column: Int?, reason: String)
    }

    let p: UnsafeBufferPointer<UInt8>
    var i: Int
    /// The physical line at `i` (1-based).
    var line = 1

    init(p: UnsafeBufferPointer<UInt8>, i: Int) {
        self.p = p
        self.i = i
    }

    /// Reads the next row's cells into `cells`.
    mutating func next(into cells: inout [ImportValue]) -> Outcome {
        cells.removeAll(keepingCapacity: true)
        let n = p.count
        guard i < n else { return .end }
        while true {
            if i < n && p[i] == 0x22 {
                // A quoted cell: up to the quote that is not doubled.
                i += 1
                let start = i
                var escaped = false
                while true {
                    guard let q = find(0x22, from: i) else {
                        line += count(0x0A, from: i, to: n)
                        i = n
                        return .failure(column: cells.count, reason: "a quoted cell is not closed: its closing \" is missing")
                    }
                    line += count(0x0A, from: i, to: q)
                    if q + 1 < n && p[q + 1] == 0x22 {
                        escaped = true
                        i = q + 2
                        continue
                    }
                    cells.append(ImportValue(kind: .string, escaped: escaped, start: start, end: q))
                    i = q + 1
                    break
                }
                if i >= n { return .record }
                switch p[i] {
                case 0x2C: i += 1
                case 0x0A:
                    i += 1
                    line += 1
                    return .record
                case 0x0D where i + 1 == n:
                    i += 1
                    return .record
                case 0x0D where p[i + 1] == 0x0A:
                    i += 2
                    line += 1
                    return .record
                default:
                    skipLine()
                    return .failure(
                        column: cells.count - 1, reason: "text after the closing quote of a quoted cell (a quote inside it is written \"\")")
                }
            } else {
                let start = i
                while i < n {
                    let c = p[i]
                    if c == 0x2C || c == 0x0A || (c == 0x0D && i + 1 < n && p[i + 1] == 0x0A) { break }
                    if c == 0x22 {
                        let column = cells.count
                        skipLine()
                        return .failure(
                            column: column, reason: "a quote inside an unquoted cell: quote the whole cell and write the quote as \"\"")
                    }
                    i += 1
                }
                cells.append(ImportValue(kind: .string, escaped: false, start: start, end: i))
                if i >= n { return .record }
                switch p[i] {
                case 0x2C: i += 1
                case 0x0A:
                    i += 1
                    line += 1
                    return .record
                default:  // CR LF
                    i += 2
                    line += 1
                    return .record
                }
            }
        }
    }

    private func find(_ byte: UInt8, from: Int) -> Int? {
        guard from < p.count, let found = memchr(p.baseAddress! + from, Int32(byte), p.count - from) else { return nil }
        return p.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private func count(_ byte: UInt8, from: Int, to: Int) -> Int {
        var n = 0
        for k in from..<to where p[k] == byte { n += 1 }
        return n
    }

    /// Moves past the end of the current physical line.
    private mutating func skipLine() {
        if let nl = find(0x0A, from: i) {
            i = nl + 1
            line += 1
        } else {
            i = p.count
        }
    }
}
