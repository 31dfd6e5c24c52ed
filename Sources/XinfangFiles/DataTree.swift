import Foundation
import TOMLKit
import XinfangCore

/// A parsed document in a neutral form, so that TOML and JSON inputs share one reader.
enum DataValue: Sendable, Decodable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case date(Day)
    case table([String: DataValue])
    case array([DataValue])

    var typeName: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .date: "a date"
        case .table: "a table"
        case .array: "an array"
        }
    }

    // JSON: booleans before numbers, so that `true` is not read as 1.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([DataValue].self) { self = .array(value) }
        else { self = .table(try container.decode([String: DataValue].self)) }
    }
}

/// A document read from a file: its root table and a way to find the line of a field.
struct DataDocument {
    let file: String
    let root: [String: DataValue]
    let sourceMap: TOMLSourceMap?

    /// Reads a `.toml` or `.json` file (by extension); syntax errors name file and line.
    static func read(path: String) throws(InputError) -> DataDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, reason: "not UTF-8 text")
        }
        return try path.lowercased().hasSuffix(".json") ? parseJSON(text, file: path) : parseTOML(text, file: path)
    }

    static func parseTOML(_ text: String, file: String) throws(InputError) -> DataDocument {
        // The TOML parser hands strings over as C strings, cutting them at a NUL: refuse the escape
        // here, before a value is silently truncated.
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("\\u0000") || line.contains("\\U00000000") || line.utf8.contains(0) {
            throw InputError(file: file, line: index + 1, reason: "a NUL character (\\u0000) is not allowed in any value")
        }
        do {
            let table = try TOMLTable(string: text)
            return DataDocument(file: file, root: convert(table), sourceMap: TOMLSourceMap(text))
        } catch let error as TOMLParseError {
            throw InputError(file: file, line: error.source.begin.line, reason: "TOML syntax: \(error.description)")
        } catch {
            throw InputError(file: file, reason: "TOML syntax: \(error)")
        }
    }

    static func parseJSON(_ text: String, file: String) throws(InputError) -> DataDocument {
        if let (key, line) = firstDuplicateKey(Array(text.utf8)) {
            throw InputError(file: file, line: line, field: key, reason: "duplicate key: each key may appear once in an object")
        }
        do {
            let root = try JSONDecoder().decode([String: DataValue].self, from: Data(text.utf8))
            return DataDocument(file: file, root: root, sourceMap: nil)
        } catch {
            throw InputError(file: file, reason: "JSON syntax: the file must hold one JSON object (\(error.localizedDescription))")
        }
    }

    /// The first key that appears twice in one JSON object, with its line (JSONDecoder keeps one of
    /// them silently). A scan of the text: strings, objects and arrays, nothing more.
    static func firstDuplicateKey(_ bytes: [UInt8]) -> (String, Int)? {
        var stack: [Set<String>?] = []  // a set per open object, nil per open array
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x0A: line += 1
            case 0x7B: stack.append([])
            case 0x5B: stack.append(nil)
            case 0x7D, 0x5D: if !stack.isEmpty { stack.removeLast() }
            case 0x22:
                var j = i + 1
                while j < bytes.count && bytes[j] != 0x22 { j += bytes[j] == 0x5C ? 2 : 1 }
                let token = String(decoding: bytes[(i + 1)..<min(j, bytes.count)], as: UTF8.self)
                var k = j + 1
                while k < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[k]) { k += 1 }
                if k < bytes.count, bytes[k] == 0x3A, let keys = stack.last, var set = keys {
                    if set.contains(token) { return (token, line) }
                    set.insert(token)
                    stack[stack.count - 1] = set
                }
                i = j
            default: break
            }
            i += 1
        }
        return nil
    }

    private static func convert(_ table: TOMLTable) -> [String: DataValue] {
        var out: [String: DataValue] = [:]
        for key in table.keys {
            if let value = table[key] { out[key] = convert(value) }
        }
        return out
    }

    private static func convert(_ value: any TOMLValueConvertible) -> DataValue {
        switch value.type {
        case .table: return .table(convert(value.table!))
        case .array: return .array(value.array!.map { convert($0) })
        case .string: return .string(value.string!)
        case .int: return .int(value.int!)
        case .double: return .double(value.double!)
        case .bool: return .bool(value.bool!)
        case .date:
            let d = value.date!
            return Day(year: d.year, month: d.month, day: d.day).map(DataValue.date) ?? .string("\(d.year)-\(d.month)-\(d.day)")
        default: return .string(String(describing: value))
        }
    }

    /// A reader over the root table.
    var reader: FieldReader { FieldReader(document: self, table: root, path: "") }
}

/// Reads typed fields from one table of a document; every error names file, line and field.
struct FieldReader {
    let document: DataDocument
    let table: [String: DataValue]
    let path: String

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String?, _ reason: String) -> InputError {
        let field = key.map(fieldPath) ?? (path.isEmpty ? nil : path)
        return InputError(file: document.file, line: field.flatMap { document.sourceMap?.line(of: $0) }, field: field, reason: reason)
    }

    /// Refuses keys outside `allowed` (a typo must not be silently ignored).
    func rejectUnknownKeys(_ allowed: Set<String>) throws(InputError) {
        if let key = table.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw error(key, "unknown key; expected one of: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    func string(_ key: String) throws(InputError) -> String {
        guard let value = table[key] else { throw error(key, "missing") }
        guard case .string(let s) = value else { throw error(key, "expected a string, found \(value.typeName)") }
        if let refusal = FieldText.refusal(s) { throw error(key, "\(quoted(s)) \(refusal)") }
        return s
    }

    func optionalString(_ key: String) throws(InputError) -> String? { has(key) ? try string(key) : nil }

    func nonEmptyString(_ key: String) throws(InputError) -> String {
        let s = try string(key)
        guard !s.trimmingWhitespace().isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    func int(_ key: String, in range: ClosedRange<Int>? = nil) throws(InputError) -> Int {
        guard let value = table[key] else { throw error(key, "missing") }
        guard case .int(let n) = value else { throw error(key, "expected an integer, found \(value.typeName)") }
        if let range, !range.contains(n) { throw error(key, "\(n) is out of range \(range.lowerBound)…\(range.upperBound)") }
        return n
    }

    func bool(_ key: String, default fallback: Bool) throws(InputError) -> Bool {
        guard let value = table[key] else { return fallback }
        guard case .bool(let b) = value else { throw error(key, "expected true or false, found \(value.typeName)") }
        return b
    }

    /// A TOML local date, or (in JSON) a `YYYY-MM-DD` string.
    func day(_ key: String) throws(InputError) -> Day {
        guard let value = table[key] else { throw error(key, "missing") }
        switch value {
        case .date(let d):
            if let reason = d.implausibility { throw error(key, reason) }
            return d
        case .string(let s) where document.sourceMap != nil:
            throw error(key, "\(quoted(s)) is a string: write the date unquoted, a TOML date (on = 2026-11-02)")
        case .string(let s):
            guard let d = Day(s) else { throw error(key, "\(quoted(s)) is not a date YYYY-MM-DD that exists") }
            if let reason = d.implausibility { throw error(key, reason) }
            return d
        default: throw error(key, "expected a date YYYY-MM-DD, found \(value.typeName)")
        }
    }

    func optionalDay(_ key: String) throws(InputError) -> Day? { has(key) ? try day(key) : nil }

    /// A value from a closed set, by raw value.
    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, default fallback: T? = nil) throws(InputError) -> T
        where T.RawValue == String
    {
        guard has(key) || fallback == nil else { return fallback! }
        let s = try string(key)
        guard let value = T(rawValue: s) else {
            throw error(key, "\"\(s)\" is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    func table(_ key: String) throws(InputError) -> FieldReader {
        guard let value = table[key] else { throw error(key, "missing") }
        guard case .table(let t) = value else { throw error(key, "expected a table, found \(value.typeName)") }
        return FieldReader(document: document, table: t, path: fieldPath(key))
    }

    /// The tables of an array (absent = empty).
    func tables(_ key: String) throws(InputError) -> [FieldReader] {
        guard let value = table[key] else { return [] }
        guard case .array(let items) = value else { throw error(key, "expected an array, found \(value.typeName)") }
        var readers: [FieldReader] = []
        for (i, item) in items.enumerated() {
            let itemPath = "\(fieldPath(key))[\(i)]"
            guard case .table(let t) = item else {
                throw InputError(file: document.file, line: document.sourceMap?.line(of: itemPath), field: itemPath,
                                 reason: "expected a table, found \(item.typeName)")
            }
            readers.append(FieldReader(document: document, table: t, path: itemPath))
        }
        return readers
    }

    /// The line of this table, or of a field in it.
    func line(_ key: String? = nil) -> Int? { document.sourceMap?.line(of: key.map(fieldPath) ?? path) }
}
