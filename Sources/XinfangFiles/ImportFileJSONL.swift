import Foundation

/// Reads JSON Lines: one flat JSON object per line (strings, numbers, booleans, null).
///
/// A dedicated parser: the objects are flat and their keys known, so each line is scanned once,
/// values are kept as byte ranges into the file, and strings are made only for the fields a
/// record keeps. About eight times faster than `JSONDecoder` per line.
enum JSONLinesImportReader {
    static func run(
        _ p: UnsafeBufferPointer<UInt8>, into accumulator: inout ImportAccumulator,
        progress: ((Int, Int) -> Void)?
    ) {
        let total = p.count
        var row = ImportRow(bytes: p, csv: false)
        var i = hasBOM(p) ? 3 : 0
        var line = 0
        var nextReport = ImportFile.progressStep
        accumulator.expect(bytes: total, bytesPerRecord: 96)
        progress?(0, total)
        while i < total && !accumulator.isFull {
            line += 1
            let lineEnd: Int
            if let found = memchr(p.baseAddress! + i, 0x0A, total - i) {
                lineEnd = p.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else {
                lineEnd = total
            }
            var parser = JSONObjectScanner(p: p, lineStart: i, i: i, end: lineEnd)
            parser.skipWhitespace()
            if parser.i < lineEnd {
                row.reset()
                do throws(ImportRowError) {
                    try parser.scanObject(into: &row)
                    try row.read(line: line, kind: nil, into: &accumulator)
                } catch {
                    accumulator.fail(line: line, error)
                }
            }
            i = lineEnd + 1
            if i >= nextReport, let progress {
                progress(min(i, total), total)
                nextReport = i + ImportFile.progressStep
            }
        }
        progress?(total, total)
    }
}

/// A UTF-8 byte order mark at the start.
func hasBOM(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    p.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF
}

/// Scans one line holding one flat JSON object.
struct JSONObjectScanner {
    let p: UnsafeBufferPointer<UInt8>
    let lineStart: Int
    var i: Int
    /// The end of the line (its `\n`, or the end of the file).
    let end: Int

    mutating func skipWhitespace() {
        while i < end {
            let c = p[i]
            guard c == 0x20 || c == 0x09 || c == 0x0D else { return }
            i += 1
        }
    }

    /// The 1-based character column of byte `at` in the line.
    func column(_ at: Int) -> Int {
        var n = 1
        var k = lineStart
        while k < at && k < end {
            if p[k] & 0xC0 != 0x80 { n += 1 }
            k += 1
        }
        return n
    }

    /// A syntax error that quotes nothing from the line (it may hold personal data).
    func syntax(_ field: String?, _ what: String) -> ImportRowError {
        let reason = i >= end
            ? "JSON syntax: the line ends early, \(what) (a record is one whole JSON object on one line)"
            : "JSON syntax at column \(column(i)): \(what)"
        return ImportRowError(field: field, reason: reason)
    }

    mutating func scanObject(into row: inout ImportRow) throws(ImportRowError) {
        guard p[i] == 0x7B else { throw syntax(nil, "expected {: each line holds one JSON object") }
        i += 1
        skipWhitespace()
        if i < end && p[i] == 0x7D {
            i += 1
        } else {
            members: while true {
                guard i < end, p[i] == 0x22 else { throw syntax(nil, "expected a key in double quotes") }
                let key = try scanString(field: nil)
                let field = row.withText(key) { ImportField.lookup($0) }
                let name = field?.key ?? row.withText(key) { String(decoding: $0.prefix(64), as: UTF8.self) }
                skipWhitespace()
                guard i < end, p[i] == 0x3A else { throw syntax(name, "expected : after the key") }
                i += 1
                skipWhitespace()
                let value = try scanValue(field: name)
                if let field {
                    if row.has(field) { throw ImportRowError(field: name, reason: "duplicate key") }
                    if let value { row.set(field, value) }
                } else if row.unknownKey == nil {
                    row.unknownKey = name
                }
                skipWhitespace()
                guard i < end else { throw syntax(name, "expected , or }") }
                switch p[i] {
                case 0x2C:
                    i += 1
                    skipWhitespace()
                case 0x7D:
                    i += 1
                    break members
                default: throw syntax(name, "expected , or } after the value")
                }
            }
        }
        skipWhitespace()
        guard i == end else { throw syntax(nil, "text after the object: one object per line") }
    }

    /// A value; nil for `null`.
    mutating func scanValue(field: String) throws(ImportRowError) -> ImportValue? {
        guard i < end else { throw syntax(field, "expected a value") }
        switch p[i] {
        case 0x22: return try scanString(field: field)
        case 0x2D, 0x30...0x39: return try scanNumber(field: field)
        case 0x74: try literal("true", field); return ImportValue(kind: .true)
        case 0x66: try literal("false", field); return ImportValue(kind: .false)
        case 0x6E: try literal("null", field); return nil
        case 0x7B, 0x5B:
            throw ImportRowError(
                field: field, reason: "nested objects and arrays are not allowed: a value is a string, number, true, false or null")
        default: throw syntax(field, "expected a value (a string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: StaticString, _ field: String) throws(ImportRowError) {
        let n = word.utf8CodeUnitCount
        guard end - i >= n, memcmp(p.baseAddress! + i, word.utf8Start, n) == 0 else {
            throw syntax(field, "expected a value (a string, number, true, false or null)")
        }
        i += n
    }

    /// A string at `i` (its opening quote); validates escapes, including surrogate pairs.
    mutating func scanString(field: String?) throws(ImportRowError) -> ImportValue {
        i += 1
        let start = i
        var escaped = false
        while true {
            // The common case: plain bytes up to the closing quote.
            while i < end {
                let c = p[i]
                if c == 0x22 || c == 0x5C || c < 0x20 { break }
                i += 1
            }
            guard i < end else { throw syntax(field, "a string is not closed") }
            let c = p[i]
            if c == 0x22 {
                let value = ImportValue(kind: .string, escaped: escaped, start: start, end: i)
                i += 1
                return value
            }
            if c < 0x20 { throw syntax(field, "a control character in a string must be escaped") }
            escaped = true
            try scanEscape(field)
        }
    }

    private mutating func scanEscape(_ field: String?) throws(ImportRowError) {
        guard i + 1 < end else { throw syntax(field, "a string is not closed") }
        switch p[i + 1] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
            i += 2
        case 0x75:
            let high = try hex4(at: i + 2, field)
            if high >= 0xDC00 && high <= 0xDFFF {
                throw syntax(field, "a \\u escape is a lone low surrogate")
            }
            if high >= 0xD800 && high <= 0xDBFF {
                guard i + 7 < end, p[i + 6] == 0x5C, p[i + 7] == 0x75 else {
                    throw syntax(field, "a \\u escape is a high surrogate without its low surrogate")
                }
                let low = try hex4(at: i + 8, field)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw syntax(field, "a \\u escape is a high surrogate without its low surrogate")
                }
                i += 12
            } else {
                i += 6
            }
        default:
            throw syntax(field, "an invalid escape in a string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
    }

    private mutating func hex4(at: Int, _ field: String?) throws(ImportRowError) -> UInt32 {
        guard at + 4 <= end else { throw syntax(field, "a \\u escape needs four hexadecimal digits") }
        var v: UInt32 = 0
        for k in at..<at + 4 {
            let h = hexValue(p[k])
            guard h != 0xFF else { throw syntax(field, "a \\u escape needs four hexadecimal digits") }
            v = v << 4 | UInt32(h)
        }
        return v
    }

    /// A number by the JSON grammar; `.integer` when it has no fraction or exponent.
    mutating func scanNumber(field: String) throws(ImportRowError) -> ImportValue {
        let start = i
        var integer = true
        if p[i] == 0x2D { i += 1 }
        guard i < end, isDigit(p[i]) else { throw syntax(field, "a malformed number") }
        if p[i] == 0x30 {
            i += 1
            if i < end && isDigit(p[i]) { throw syntax(field, "a number must not have leading zeros") }
        } else {
            while i < end && isDigit(p[i]) { i += 1 }
        }
        if i < end && p[i] == 0x2E {
            integer = false
            i += 1
            guard i < end, isDigit(p[i]) else { throw syntax(field, "a malformed number") }
            while i < end && isDigit(p[i]) { i += 1 }
        }
        if i < end && (p[i] == 0x65 || p[i] == 0x45) {
            integer = false
            i += 1
            if i < end && (p[i] == 0x2B || p[i] == 0x2D) { i += 1 }
            guard i < end, isDigit(p[i]) else { throw syntax(field, "a malformed number") }
            while i < end && isDigit(p[i]) { i += 1 }
        }
        return ImportValue(kind: integer ? .integer : .number, start: start, end: i)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
