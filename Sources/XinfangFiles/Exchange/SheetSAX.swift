import CLibXML2
import Foundation
import XinfangCore

/// Reads a worksheet part with libxml2's SAX2 push parser directly: element names and attribute
/// values stay bytes, only cell text becomes a String. The same rules as `SheetParser` (the
/// `XMLParser` reader of the other parts): row limit, formulas, shared strings, date styles.
///
/// A value type reached through the pointer `Push` owns (the callbacks' context): its state is
/// changed in place with no dynamic exclusivity check per access, and `failed` is a plain flag
/// (testing `failure == nil` copied the optional error on every callback). Both were a third of
/// the time spent outside libxml2 on a 100,000-row sheet.
struct SheetSAX {
    let file: String
    let sheet: String
    let strings: [String]
    let dateStyles: [Bool]
    var rows: [ExchangeRow] = []
    private(set) var failure: InputError?
    /// Whether `failure` is set: once it is, every callback returns at once.
    private(set) var failed = false
    /// Reading a part from a cut (`SheetCut`) on: the row before is not known here.
    let continuing: Bool
    /// Whether a row without a number came before any numbered one, past a cut: its number is
    /// not known, and the part must be read whole.
    private(set) var unplaced = false
    private var numbered = false

    private var rowNumber = 0
    private var cells: [ExchangeCell?] = []
    private var column = 0
    /// `t`: s, str, inlineStr, b, e, d, or n (the default).
    private var cellType: UInt8 = 0x6E
    private var cellStyle = 0
    private var hasFormula = false
    private var hasValue = false
    private var collecting = false
    /// Inside phonetic runs (`rPh`), whose text is not the cell's.
    private var phonetic = 0
    private var text: [UInt8] = []

    init(file: String, sheet: String, strings: [String], dateStyles: [Bool], continuing: Bool = false) {
        self.file = file
        self.sheet = sheet
        self.strings = strings
        self.dateStyles = dateStyles
        self.continuing = continuing
    }

    /// A libxml2 push parser fed with the worksheet part as it is inflated; `finish` throws the
    /// first problem as file:sheet!cell or file:line:part.
    final class Push {
        /// The reader, the SAX callbacks' context (the parser's user data); owned here.
        private let reader: UnsafeMutablePointer<SheetSAX>
        let part: String
        private var handler = xmlSAXHandler()
        private let ctxt: xmlParserCtxtPtr
        private var broken = false

        init(file: String, sheet: String, part: String, strings: [String], dateStyles: [Bool], continuing: Bool = false) throws(InputError) {
            reader = .allocate(capacity: 1)
            reader.initialize(to: SheetSAX(file: file, sheet: sheet, strings: strings, dateStyles: dateStyles, continuing: continuing))
            self.part = part
            handler.initialized = UInt32(XML_SAX2_MAGIC)
            handler.startElementNs = { ctx, name, _, _, _, _, count, _, attributes in
                guard let ctx, let name else { return }
                SheetSAX.reader(ctx).pointee.start(name, count: Int(count), attributes)
            }
            handler.endElementNs = { ctx, name, _, _ in
                guard let ctx, let name else { return }
                SheetSAX.reader(ctx).pointee.end(name)
            }
            handler.characters = { ctx, bytes, length in
                guard let ctx, let bytes else { return }
                SheetSAX.reader(ctx).pointee.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
            }
            handler.serror = { _, _ in }  // errors are read from the context, not printed
            guard let ctxt = xmlCreatePushParserCtxt(&handler, UnsafeMutableRawPointer(reader), nil, 0, nil) else {
                reader.deinitialize(count: 1)
                reader.deallocate()
                throw InputError(file: file, reason: "cannot start the XML parser")
            }
            self.ctxt = ctxt
        }

        deinit {
            xmlFreeParserCtxt(ctxt)
            reader.deinitialize(count: 1)
            reader.deallocate()
        }

        /// Whether more input is still wanted (false after broken XML or a sheet error).
        var wanting: Bool { !broken && !reader.pointee.failed }

        /// Past a cut, whether a row's number was not known (the part must be read whole).
        var unplaced: Bool { reader.pointee.unplaced }

        /// Parses the next bytes of the part, 64 KiB at a time (libxml2 refuses one chunk over 10 MB).
        func feed(_ data: Data) {
            data.withUnsafeBytes { raw in
                let base = raw.bindMemory(to: CChar.self)
                let chunk = 1 << 16
                var offset = 0
                while offset < base.count && wanting {
                    let length = min(chunk, base.count - offset)
                    if xmlParseChunk(ctxt, base.baseAddress.map { $0 + offset }, Int32(length), 0) != 0 { broken = true }
                    offset += length
                }
            }
        }

        /// Ends the input: the rows, or the first problem. `lineOffset`: what turns this parser's
        /// line numbers into the part's (past a cut).
        func finish(lineOffset: Int = 0) throws(InputError) -> [ExchangeRow] {
            if wanting, xmlParseChunk(ctxt, nil, 0, 1) != 0 { broken = true }
            if let failure = reader.pointee.failure { throw failure }
            if broken {
                throw InputError(file: reader.pointee.file, line: Int(xmlSAX2GetLineNumber(ctxt)) + lineOffset, field: part,
                                 reason: "broken XML in the workbook: the file is damaged; save it again from Excel")
            }
            return reader.pointee.rows
        }
    }

    static func reader(_ ctx: UnsafeMutableRawPointer) -> UnsafeMutablePointer<SheetSAX> { ctx.assumingMemoryBound(to: SheetSAX.self) }

    /// Cell text as libxml2 hands it over, in pieces; kept only inside `v` and `t` outside phonetic runs.
    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if collecting { text.append(contentsOf: bytes) }
    }

    /// Whether a NUL-terminated name is `word`.
    private static func named(_ name: UnsafePointer<xmlChar>, _ word: StaticString) -> Bool {
        let w = word.utf8Start
        var i = 0
        while i < word.utf8CodeUnitCount {
            if name[i] != w[i] { return false }
            i += 1
        }
        return name[i] == 0
    }

    private mutating func fail(_ reason: String, column: Int? = nil) {
        guard !failed else { return }
        failed = true
        failure = ExchangeTable(file: file, sheet: sheet, rows: []).error(row: rowNumber, column: column, field: nil, reason: reason)
    }

    /// Calls `body` with each attribute's local name and value bytes.
    private static func forEachAttribute(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                                  _ body: (UnsafePointer<xmlChar>, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let attributes else { return }
        for k in 0..<count {
            guard let name = attributes[5 * k], let start = attributes[5 * k + 3], let end = attributes[5 * k + 4] else { continue }
            body(name, UnsafeBufferPointer(start: start, count: end - start))
        }
    }

    private static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count < 18 else { return nil }
        var n = 0
        for c in b {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            n = n * 10 + Int(c - 0x30)
        }
        return n
    }

    mutating func start(_ name: UnsafePointer<xmlChar>, count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard !failed else { return }
        if Self.named(name, "c") {
            cellType = 0x6E
            cellStyle = 0
            hasFormula = false
            hasValue = false
            text.removeAll(keepingCapacity: true)
            Self.forEachAttribute(count, attributes) { key, value in
                if Self.named(key, "r") {
                    var n = 0
                    var any = false
                    for c in value {
                        guard c >= 65 && c <= 90 else { break }
                        n = n * 26 + Int(c - 64)
                        any = true
                    }
                    if any { column = n - 1 }
                } else if Self.named(key, "t") {
                    // s, str, inlineStr, b, e, d, n: the first byte tells them apart but str/s.
                    cellType = value.count == 3 && value.first == 0x73 ? 0x53 : (value.first ?? 0x6E)  // "str" → S
                } else if Self.named(key, "s") {
                    cellStyle = Self.int(value) ?? 0
                }
            }
        } else if Self.named(name, "v") || Self.named(name, "t") {
            collecting = phonetic == 0
            hasValue = true
        } else if Self.named(name, "f") {
            hasFormula = true
        } else if Self.named(name, "row") {
            var number: Int?
            Self.forEachAttribute(count, attributes) { key, value in if Self.named(key, "r") { number = Self.int(value) } }
            if number == nil && continuing && !numbered {
                unplaced = true
                failed = true
                return
            }
            numbered = numbered || number != nil
            rowNumber = number ?? rowNumber + 1
            if rowNumber > XLSXReader.maxRows + 1 {
                fail("the sheet has more than \(XLSXReader.maxRows) rows (row \(rowNumber)): split the export and import the parts")
            }
            cells.removeAll(keepingCapacity: true)
            column = 0
        } else if Self.named(name, "rPh") {
            phonetic += 1
        }
    }

    mutating func end(_ name: UnsafePointer<xmlChar>) {
        guard !failed else { return }
        if Self.named(name, "v") || Self.named(name, "t") {
            collecting = false
        } else if Self.named(name, "c") {
            defer { column += 1 }
            if hasFormula && (!hasValue || text.isEmpty) {
                fail("a formula cell without a computed value: open the file in Excel and save it again, or paste the values", column: column)
                return
            }
            guard hasValue, !text.isEmpty, let cell = value() else { return }
            if cells.count <= column { cells.append(contentsOf: repeatElement(nil, count: column + 1 - cells.count)) }
            cells[column] = cell
        } else if Self.named(name, "row") {
            let row = ExchangeRow(number: rowNumber, cells: cells)
            if !row.isBlank { rows.append(row) }
        } else if Self.named(name, "rPh") {
            phonetic -= 1
        }
    }

    private mutating func value() -> ExchangeCell? {
        if cellType == 0x73 {  // s: an index, read from the bytes
            guard let index = text.withUnsafeBufferPointer(Self.int), strings.indices.contains(index) else {
                fail("a shared string index \(String(decoding: text, as: UTF8.self).prefix(20)) that the workbook does not have", column: column)
                return nil
            }
            return .text(strings[index])
        }
        let string = String(decoding: text, as: UTF8.self)
        switch cellType {
        case 0x69, 0x53: return .text(string)  // inlineStr, str
        case 0x62: return .text(string == "1" ? "TRUE" : "FALSE")  // b
        case 0x65:  // e
            fail("an error value \(string.prefix(20)) in the cell", column: column)
            return nil
        case 0x64:  // d
            guard let day = Day(String(string.prefix(10))) else {
                fail("\"\(string.prefix(30))\" is not a date", column: column)
                return nil
            }
            return .date(day)
        default:
            guard let number = Double(string) else {
                fail("\"\(string.prefix(30))\" is not a number", column: column)
                return nil
            }
            if dateStyles.indices.contains(cellStyle), dateStyles[cellStyle], let day = ExcelDate.day(serial: number) {
                return .date(day)
            }
            return .number(number)
        }
    }
}
