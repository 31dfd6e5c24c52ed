import Foundation
public import XinfangCore

/// A case read from an export row through a column profile.
public struct ExchangeCase: Sendable {
    /// The case record, as the import pipeline takes it (facts and petitioner).
    public var record: CaseRecord
    /// The events the row's state implies and whose day the export gives, in order, seq from 1.
    public var events: [EventRecord]
    /// 登记日期, when the export has it.
    public var registered: Day?
    /// The source's own due date (限办时间), for `xinfangctl reconcile`.
    public var sourceDue: Day?
    /// The source's state word (信访件状态), as written.
    public var state: String?
    /// The events the state implies whose day the export does not give: shown, never invented.
    public var undated: [String]
    /// The row (xlsx row number or CSV line).
    public var row: Int
}

/// Everything an export holds, mapped and checked; nothing applied yet.
public struct ExchangeBatch: Sendable {
    public var table: ExchangeTable
    public var cases: [ExchangeCase]
    /// Headers the profile does not name, in column order (each once): ignored.
    public var ignoredColumns: [String]
    /// The row that holds the headers.
    public var headerRow: Int

    /// The records for `SQLiteStore.importBatch`: cases, then every dated event.
    public var importBatch: ImportBatch {
        ImportBatch(file: table.file, cases: cases.map(\.record), events: cases.flatMap(\.events))
    }
}

/// What an export is mapped for.
public enum ExchangePurpose: Sendable {
    /// Every field the profile names, each checked: the cases to store.
    case importing
    /// Only what decides a case's deadlines and the dates compared (number, dates, category, channel,
    /// unit, persons, first petition, state, closed, event dates): the petitioner's personal data,
    /// 问题属地, the title and 联名信或集体访 are neither read nor checked, as nothing is stored.
    case reconciling
}

/// How an export file is read: its kind by extension, the sheet, the encoding, the profile.
public struct ExchangeOptions: Sendable {
    public var sheet: String?
    public var encoding: ExchangeEncoding?
    /// The handling unit for rows whose export has no 去向机构 (column missing or empty).
    public var unit: String?
    public var purpose: ExchangePurpose

    public init(sheet: String? = nil, encoding: ExchangeEncoding? = nil, unit: String? = nil, purpose: ExchangePurpose = .importing) {
        self.sheet = sheet
        self.encoding = encoding
        self.unit = unit
        self.purpose = purpose
    }
}

/// Reads exports of the 信访信息系统 (xlsx, or CSV in UTF-8 or GBK) through a column profile.
public enum ExchangeImport {
    /// The profile shipped for the provincial layout, relative to the configuration directory.
    public static let defaultProfile = "exchange/provincial.toml"

    /// Reads and maps a whole export: every record, or every error found (at most 100), nothing applied.
    public static func read(path: String, profile: ExchangeProfile, options: ExchangeOptions = ExchangeOptions()) throws(InputErrors) -> ExchangeBatch {
        let table: ExchangeTable
        do throws(InputError) {
            table = (path as NSString).pathExtension.lowercased() == "xlsx"
                ? try XLSXReader.read(path: path, sheet: options.sheet)
                : try ExchangeCSVReader.read(path: path, encoding: options.encoding)
        } catch {
            throw InputErrors([error])
        }
        return try map(table, profile: profile, options: options)
    }

    /// Whether a CSV file's first lines carry the profile's key column (an export, not Xinfang's own CSV).
    public static func looksLikeExport(path: String, profile: ExchangeProfile) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path), let head = try? handle.read(upToCount: 64 * 1024) else { return false }
        try? handle.close()
        if String(decoding: head, as: UTF8.self).contains(profile.keyColumn) { return true }
        // Not UTF-8: a GBK export cannot be an import file of Xinfang's own (UTF-8 only).
        return String(validating: head.prefix(4096), as: UTF8.self) == nil
    }

    public static func map(_ table: ExchangeTable, profile: ExchangeProfile, options: ExchangeOptions) throws(InputErrors) -> ExchangeBatch {
        func headerText(_ cell: ExchangeCell?) -> String? {
            guard case .text(let text)? = cell else { return nil }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        guard let headerIndex = table.rows.firstIndex(where: { $0.cells.contains { headerText($0) == profile.keyColumn } }) else {
            throw InputErrors([InputError(
                file: table.file + (table.sheet.map { ":\($0)" } ?? ""),
                reason: "no header row with the column \(profile.keyColumn) (profile \(profile.file)); is this the right sheet and profile?")])
        }
        let header = table.rows[headerIndex]
        var fields: [Int: (field: ExchangeField, name: String)] = [:]
        var byField: [ExchangeField: Int] = [:]
        var ignored: [String] = []
        var dateColumns: [String: Int] = [:]
        let dateHeaders = Dictionary(profile.eventDates.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        for (column, cell) in header.cells.enumerated() {
            guard let name = headerText(cell) else { continue }
            if let type = dateHeaders[name] {
                dateColumns[type] = column
            } else if let field = profile.columns[name] {
                if field == .ignore { continue }
                if let first = byField[field] {
                    throw InputErrors([table.error(row: header.number, column: column, field: name,
                                                   reason: "a second column for \(field.rawValue); the first is column \(ExchangeTable.columnName(first))")])
                }
                fields[column] = (field, name)
                byField[field] = column
            } else if !ignored.contains(name) {
                ignored.append(name)
            }
        }
        var columnOf: [ExchangeField: String] = [:]
        for (name, field) in profile.columns.sorted(by: { $0.key < $1.key }) where columnOf[field] == nil { columnOf[field] = name }
        for required in [ExchangeField.received, .category] where byField[required] == nil {
            throw InputErrors([table.error(row: header.number, column: nil, field: nil,
                                           reason: "the header has no column \(columnOf[required] ?? required.rawValue) (\(required.rawValue))")])
        }
        if byField[.unit] == nil && options.unit == nil {
            throw InputErrors([table.error(row: header.number, column: nil, field: nil,
                                           reason: "the header has no column \(columnOf[.unit] ?? "unit") for the handling unit: give it with --unit")])
        }

        // Columns with data under an empty header cell: ignored too, and listed by letter.
        // (Which header cells are empty is worked out once, not per row and cell.)
        let named = header.cells.map { headerText($0) != nil }
        var unnamed = Set<Int>()
        for row in table.rows[(headerIndex + 1)...] {
            for (column, cell) in row.cells.enumerated() where cell != nil && !(column < named.count && named[column]) && !unnamed.contains(column) {
                unnamed.insert(column)
            }
        }
        ignored += unnamed.sorted().map { "column \(ExchangeTable.columnName($0)) (no header)" }

        var errors: [InputError] = []
        var cases: [ExchangeCase] = []
        var firstRow: [String: Int] = [:]
        for row in table.rows[(headerIndex + 1)...] where errors.count < ImportFile.maxErrors {
            var reader = RowReader(table: table, row: row, fields: fields, byField: byField)
            do throws(InputError) {
                let mapped = try reader.read(profile: profile, options: options, dateColumns: dateColumns)
                if let first = firstRow.updateValue(row.number, forKey: mapped.record.facts.number) {
                    firstRow[mapped.record.facts.number] = first
                    throw table.error(row: row.number, column: byField[.number], field: profile.keyColumn,
                                      reason: "duplicate case number \(quoted(mapped.record.facts.number)); first at row \(first)")
                }
                cases.append(mapped)
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        guard !cases.isEmpty else {
            throw InputErrors([table.error(row: header.number, column: nil, field: nil, reason: "no case rows below the header: nothing to import")])
        }
        return ExchangeBatch(table: table, cases: cases, ignoredColumns: ignored, headerRow: header.number)
    }
}

/// Reads one row's cells as the profile's fields.
struct RowReader {
    let table: ExchangeTable
    let row: ExchangeRow
    let fields: [Int: (field: ExchangeField, name: String)]
    let byField: [ExchangeField: Int]

    func cell(_ column: Int?) -> ExchangeCell? {
        guard let column, column < row.cells.count else { return nil }
        return row.cells[column]
    }

    func fail(_ field: ExchangeField, _ reason: String) -> InputError {
        let column = byField[field]
        return table.error(row: row.number, column: column, field: column.flatMap { fields[$0]?.name } ?? field.rawValue, reason: reason)
    }

    /// A cell's text, trimmed; nil when empty. Numbers are written without a needless `.0`.
    func text(_ field: ExchangeField) throws(InputError) -> String? {
        let value: String
        switch cell(byField[field]) {
        case nil: return nil
        case .text(let t)?: value = Self.trimmed(t)
        case .number(let n)?: value = n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .date(let d)?: value = d.description
        }
        if value.isEmpty { return nil }
        if value.utf8.count > FieldText.maximumLength || Self.hasNUL(value), let refusal = FieldText.refusal(value) {
            throw fail(field, field.isPersonal ? "the value \(refusal)" : "\(quoted(value)) \(refusal)")
        }
        return value
    }

    /// The text without white space around it; the common case, nothing to trim, copies nothing.
    static func trimmed(_ t: String) -> String {
        guard let first = t.unicodeScalars.first, let last = t.unicodeScalars.last else { return t }
        if !isWhiteSpace(first) && !isWhiteSpace(last) { return t }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Unicode's White_Space property (`Unicode.Scalar.Properties.isWhitespace`), by its list of
    /// 25 scalars: the property lookup searches tables, a tenth of a mapped row's time.
    static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Whether the text holds a NUL byte, scanned as bytes (`utf8.contains` goes through the generic path).
    static func hasNUL(_ t: String) -> Bool {
        t.utf8.withContiguousStorageIfAvailable { $0.contains(0) } ?? t.utf8.contains(0)
    }

    func shown(_ field: ExchangeField, _ value: String) -> String { field.isPersonal ? "the value" : quoted(value) }

    func day(_ field: ExchangeField) throws(InputError) -> Day? {
        try day(at: byField[field], field: field)
    }

    func day(at column: Int?, field: ExchangeField?, name: String? = nil) throws(InputError) -> Day? {
        let failure = { (reason: String) -> InputError in
            if let field { return self.fail(field, reason) }
            return self.table.error(row: self.row.number, column: column, field: name, reason: reason)
        }
        let parsed: Day?
        switch cell(column) {
        case nil: return nil
        case .date(let d)?: parsed = d
        case .number(let serial)?:
            guard let d = ExcelDate.day(serial: serial) else { throw failure("\(serial) is not a date (an Excel day number)") }
            parsed = d
        case .text(let raw)?:
            let t = Self.trimmed(raw)
            if t.isEmpty { return nil }
            guard let d = (t.utf8.count == 10 ? Day(t) : nil) ?? Self.parseDay(t) else { throw failure("\(quoted(t)) is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日) that exists") }
            parsed = d
        }
        guard let parsed else { return nil }
        if let reason = parsed.implausibility { throw failure(reason) }
        return parsed
    }

    /// `2026-01-05`, `2026/1/5`, `2026.1.5`, `2026年1月5日`, `20260105`, each optionally followed by a time.
    static func parseDay(_ text: String) -> Day? {
        if let ymd = simpleDay(text) { return Day(year: ymd.year, month: ymd.month, day: ymd.day) }
        let datePart = text.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? text
        let digits = datePart.unicodeScalars.allSatisfy { $0.properties.numericType != nil && $0.isASCII }
        if digits && datePart.count == 8, let n = Int(datePart) {
            return Day(year: n / 10000, month: n / 100 % 100, day: n % 100)
        }
        let parts = datePart.split(whereSeparator: { "-/.年月日".contains($0) }).map(String.init)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts[1].count <= 2, parts[2].count <= 2 else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// The common shapes, read from the bytes (the general path below makes Strings and Characters):
    /// `YYYY-M-D` with `-`, `/` or `.` between 1–2 digit month and day, alone or followed by a
    /// space or `T` and anything. nil when the text has another shape (the general path decides).
    static func simpleDay(_ text: String) -> (year: Int, month: Int, day: Int)? {
        text.utf8.withContiguousStorageIfAvailable { b -> (year: Int, month: Int, day: Int)? in
            func digit(_ i: Int) -> Int? { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
            func separator(_ i: Int) -> Bool { i < b.count && (b[i] == 0x2D || b[i] == 0x2F || b[i] == 0x2E) }
            guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3), separator(4) else { return nil }
            var i = 5
            func number() -> Int? {
                guard let first = digit(i) else { return nil }
                i += 1
                guard let second = digit(i) else { return first }
                i += 1
                return first * 10 + second
            }
            guard let month = number(), separator(i) else { return nil }
            i += 1
            guard let day = number() else { return nil }
            guard i == b.count || b[i] == 0x20 || b[i] == 0x54 else { return nil }
            return (y0 * 1000 + y1 * 100 + y2 * 10 + y3, month, day)
        } ?? nil
    }

    func bool(_ field: ExchangeField) throws(InputError) -> Bool? {
        guard let t = try text(field) else { return nil }
        // The words exports write, before any case folding (uppercasing 是 or 否 was most of a call).
        if t == "是" { return true }
        if t == "否" { return false }
        switch t.count <= 5 ? t.uppercased() : t {
        case "是", "Y", "YES", "TRUE", "1", "√": return true
        case "否", "N", "NO", "FALSE", "0": return false
        default: throw fail(field, "\(shown(field, t)) is not 是 or 否")
        }
    }

    mutating func read(profile: ExchangeProfile, options: ExchangeOptions, dateColumns: [String: Int]) throws(InputError) -> ExchangeCase {
        guard let number = try text(.number) else { throw fail(.number, "missing: every row names its case") }
        guard let received = try day(.received) else { throw fail(.received, "missing") }
        guard let categoryWord = try text(.category) else { throw fail(.category, "missing") }
        guard let category = profile.categories[categoryWord] ?? PetitionCategory(rawValue: categoryWord) else {
            throw fail(.category, "\(quoted(categoryWord)) is not one of the profile's words: \(profile.categories.keys.sorted().joined(separator: ", "))")
        }
        var channel = PetitionChannel.letter
        if let word = try text(.channel) {
            guard let c = profile.channels[word] ?? PetitionChannel(rawValue: word) else {
                throw fail(.channel, "\(quoted(word)) is not one of the profile's words: \(profile.channels.keys.sorted().joined(separator: ", "))")
            }
            channel = c
        }
        guard let unit = try text(.unit) ?? options.unit else { throw fail(.unit, "missing: no handling unit (give one with --unit)") }
        var persons = 1
        if let t = try text(.persons) {
            guard let n = Int(t), (1...100_000).contains(n) else { throw fail(.persons, "\(quoted(t)) is not a number of persons 1–100000") }
            persons = n
        }
        let everything = options.purpose == .importing
        if everything { _ = try bool(.collective) }
        let firstPetition = try bool(.firstPetition)
        let facts = CaseFacts(
            number: number, received: received, channel: channel, category: category, unit: unit, persons: persons,
            repeated: firstPetition.map { !$0 } ?? false, place: everything ? try text(.place) : nil,
            title: everything ? try text(.title) : nil)
        let contact = everything
            ? PetitionerContact(
                name: try text(.petitionerName), idNumber: try text(.petitionerID), phone: try text(.petitionerPhone),
                address: try text(.petitionerAddress))
            : PetitionerContact()

        let state = try text(.state)
        var implied: [String] = []
        if let state {
            guard let types = profile.events(forState: state) else {
                throw fail(.state, "\(quoted(state)) is not a state the profile knows: \(profile.states.keys.sorted().joined(separator: ", "))")
            }
            implied = types
        }
        if try bool(.closed) == true && !implied.contains("closed") { implied.append("closed") }
        var events: [EventRecord] = []
        var undated: [String] = []
        var last = received
        for type in implied {
            // Events get a day only from the export; after the first one without, none is dated.
            guard undated.isEmpty, let column = dateColumns[type],
                  let on = try day(at: column, field: nil, name: profile.eventDates[type]) else {
                undated.append(type)
                continue
            }
            guard on >= last else {
                throw table.error(row: row.number, column: column, field: profile.eventDates[type],
                                  reason: "\(on) is before the previous event's day \(last)")
            }
            last = on
            let event: CaseEvent
            do throws(InputError) { event = try TimelineFile.event(type: type, on: on, options: [:]) } catch {
                throw table.error(row: row.number, column: column, field: profile.eventDates[type], reason: error.reason)
            }
            events.append(EventRecord(caseNumber: number, seq: events.count + 1, event: event, line: row.number))
        }
        return ExchangeCase(
            record: CaseRecord(facts: facts, petitioner: contact.isEmpty ? nil : contact, line: row.number),
            events: events, registered: try day(.registered), sourceDue: try day(.sourceDue), state: state,
            undated: undated, row: row.number)
    }
}
