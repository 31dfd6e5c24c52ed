import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import CZlibCRC
public import XinfangCore
import ZIPFoundation

/// Reads one sheet of an Excel workbook (`.xlsx`, Office Open XML) into an `ExchangeTable`.
///
/// The archive is opened with ZIPFoundation; the small parts are parsed with the streaming
/// `XMLParser`, the worksheet with libxml2's SAX2 parser directly (`SheetSAX`: XMLParser makes a
/// String per name and a dictionary per element's attributes, most of an import's time). Refused, with nothing applied: a file that is not a whole zip archive, a
/// password-protected workbook (Excel stores those as an encrypted CFB container, not a zip), a
/// part whose uncompressed size is out of bounds (a zip bomb), broken XML, a sheet with more rows
/// than `maxRows`, and a formula cell without a cached value. A formula cell with a cached value is
/// read as that value: it is what Excel showed when the file was saved.
public enum XLSXReader {
    /// Data rows a sheet may have (an export larger than this is split before importing).
    public static let maxRows = 500_000
    /// Uncompressed bytes all the parts read may add up to.
    public static let maxUncompressedBytes: UInt64 = 1 << 30
    /// A part larger than `ratioCheckBytes` may expand at most this many times its compressed size.
    public static let maxCompressionRatio: UInt64 = 200
    static let ratioCheckBytes: UInt64 = 1 << 20

    /// Reads the first sheet, or the sheet named `sheet`.
    public static func read(path: String, sheet wanted: String? = nil) throws(InputError) -> ExchangeTable {
        try read(path: path, sheet: wanted, cut: .middle).table
    }

    /// Where a worksheet part is cut for two parsers (`SheetCut`): past its middle when it is
    /// larger than `cutAbove`, from a given byte (tests), or nowhere.
    enum CutRule: Sendable {
        case middle
        case at(Int)
        case never
    }

    /// Parts up to this size are read by one parser: a second one gains little on them.
    static let cutAbove: UInt64 = 4 << 20

    /// The sheet, and whether its part was cut for two parsers.
    static func read(path: String, sheet wanted: String?, cut: CutRule) throws(InputError) -> (table: ExchangeTable, cut: Bool) {
        let url = URL(fileURLWithPath: path)
        guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError(file: path, reason: "cannot read the file") }
        let magic = (try? handle.read(upToCount: 8)) ?? Data()
        try? handle.close()
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw InputError(
                file: path,
                reason: "the workbook is password-protected (encrypted), or an old .xls: save it from Excel as .xlsx without a password (文件已加密或为旧版 .xls，请另存为无密码的 .xlsx)")
        }
        guard magic.starts(with: [0x50, 0x4B]) else {
            throw InputError(file: path, reason: "not an xlsx workbook: the file is not a zip archive")
        }
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw InputError(file: path, reason: "not a readable xlsx workbook: the zip archive is truncated or damaged")
        }
        var budget = Budget(file: path, left: maxUncompressedBytes)
        let workbook = try part(archive, "xl/workbook.xml", file: path, budget: &budget, required: true)!
        let sheets = try parse(WorkbookParser(), workbook, file: path, part: "xl/workbook.xml").sheets
        guard !sheets.isEmpty else { throw InputError(file: path, reason: "the workbook has no sheet") }
        let chosen: (name: String, id: String)
        if let wanted {
            guard let found = sheets.first(where: { $0.name == wanted }) else {
                throw InputError(file: path, reason: "no sheet named \"\(wanted)\"; the workbook has: \(sheets.map(\.name).joined(separator: ", "))")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        var target = "xl/worksheets/sheet1.xml"
        if let rels = try part(archive, "xl/_rels/workbook.xml.rels", file: path, budget: &budget, required: false) {
            let links = try parse(RelationshipsParser(), rels, file: path, part: "xl/_rels/workbook.xml.rels").targets
            if let link = links[chosen.id] {
                target = link.hasPrefix("/") ? String(link.dropFirst()) : "xl/" + link
            }
        }
        var strings: [String] = []
        if let data = try part(archive, "xl/sharedStrings.xml", file: path, budget: &budget, required: false) {
            strings = try parse(SharedStringsParser(), data, file: path, part: "xl/sharedStrings.xml").strings
        }
        var dateStyles: [Bool] = []
        if let data = try part(archive, "xl/styles.xml", file: path, budget: &budget, required: false) {
            dateStyles = try parse(StylesParser(), data, file: path, part: "xl/styles.xml").dateStyles
        }
        let first = try SheetSAX.Push(file: path, sheet: chosen.name, part: target, strings: strings, dateStyles: dateStyles)
        let second = try SheetSAX.Push(file: path, sheet: chosen.name, part: target, strings: strings, dateStyles: dateStyles, continuing: true)
        let made = try stream(archive, target, file: path, budget: &budget, cut: cut, first: first, second: second)
        // A problem in the first half comes first in the part, as when one parser read it all.
        let rows = try first.finish()
        guard let made else { return (ExchangeTable(file: path, sheet: chosen.name, rows: rows), false) }
        if second.unplaced { return try read(path: path, sheet: wanted, cut: .never) }
        return (ExchangeTable(file: path, sheet: chosen.name, rows: rows + (try second.finish(lineOffset: made.lineOffset))), true)
    }

    /// Inflates a required part on a second thread while `first` parses its chunks on this one;
    /// once a cut is made (`SheetCut`), the chunks after it go to `second` on a third thread, so
    /// that a large sheet is parsed on two cores. Returns the cut, or nil when none was made.
    ///
    /// The whole part is always inflated, so that a damaged archive or a zip bomb is reported
    /// before whatever the parsers found (as when the part was read whole first).
    static func stream(_ archive: Archive, _ path: String, file: String, budget: inout Budget, cut rule: CutRule,
                       first: SheetSAX.Push, second: SheetSAX.Push) throws(InputError) -> SheetCut? {
        guard let entry = archive[path] else { throw InputError(file: file, reason: "not an xlsx workbook: \(path) is missing") }
        let declared = UInt64(entry.uncompressedSize)
        let bomb = try bombCheck(entry, path, file: file, budget: budget)
        let cutFrom: Int? = switch rule {
        case .middle: declared > cutAbove ? Int(declared / 2) : nil
        case .at(let offset): offset
        case .never: nil
        }
        // The first parser's chunks are not held back while the inflater runs on to the cut
        // (at most half the part waits in memory).
        let queue = ChunkQueue(capacity: cutFrom == nil ? 8 : Int.max)
        let rest = ChunkQueue(capacity: 8)
        let limit = min(declared, budget.left)
        let source = Unchecked(value: (archive, entry))
        let found = CutFound()
        let producer = Thread {
            var count: UInt64 = 0
            var overflow = false
            var cut = cutFrom.map(SheetCut.init(from:))
            var checksum: UInt = 0
            let outcome: Inflated
            do {
                // The checksum with zlib's crc32, not ZIPFoundation's (a byte at a time in Swift on Linux).
                _ = try source.value.0.extract(source.value.1, bufferSize: 1 << 16, skipCRC32: true, consumer: { chunk in
                    // The declared size may lie: count what really comes out.
                    count += UInt64(chunk.count)
                    if count > limit {
                        overflow = true
                        throw ExtractionStopped()
                    }
                    checksum = chunk.withUnsafeBytes { crc32(checksum, $0.bindMemory(to: UInt8.self).baseAddress, UInt32($0.count)) }
                    guard var routing = cut else { return queue.put(chunk) }
                    let before = routing.made
                    let (head, tail) = routing.route(chunk)
                    cut = routing
                    if let head { queue.put(head) }
                    if routing.made && !before { queue.close(.handedOn) }
                    if let tail { rest.put(tail) }
                })
                outcome = checksum == UInt(source.value.1.checksum) ? .inflated(count) : .damaged
            } catch {
                outcome = overflow ? .overflow : .damaged
            }
            if let cut, cut.made { found.cut = cut } else { queue.close(outcome) }
            rest.close(outcome)
        }
        let parsed = DispatchSemaphore(value: 0)
        let later = Unchecked(value: second)
        let parser = Thread {
            while let chunk = rest.take() { later.value.feed(chunk) }
            parsed.signal()
        }
        producer.start()
        parser.start()
        while let chunk = queue.take() { first.feed(chunk) }
        parsed.wait()
        switch rest.outcome {
        case .inflated(let count): budget.left -= count
        case .overflow: throw bomb
        case .damaged, .handedOn, nil:
            throw InputError(file: file, reason: "not a readable xlsx workbook: \(path) is truncated or damaged in the zip archive")
        }
        return found.cut
    }

    /// How the inflating thread ended, or that it handed the rest of the part to the second parser.
    enum Inflated: Sendable {
        case inflated(UInt64)
        case overflow
        case damaged
        case handedOn
    }

    /// The cut the inflating thread made, read once the second parser has ended (after the
    /// inflating thread closed its queue, under that queue's lock).
    final class CutFound: @unchecked Sendable {
        var cut: SheetCut?
    }

    /// The chunks on their way from the inflating thread to a parser, `capacity` at most.
    final class ChunkQueue: @unchecked Sendable {
        private let condition = NSCondition()
        private var chunks: [Data] = []
        private var ended: Inflated?
        let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        func put(_ chunk: Data) {
            condition.lock()
            while chunks.count >= capacity { condition.wait() }
            chunks.append(chunk)
            condition.broadcast()
            condition.unlock()
        }

        func close(_ outcome: Inflated) {
            condition.lock()
            ended = outcome
            condition.broadcast()
            condition.unlock()
        }

        /// The next chunk; nil once the thread has ended and every chunk was taken.
        func take() -> Data? {
            condition.lock()
            defer { condition.unlock() }
            while chunks.isEmpty && ended == nil { condition.wait() }
            if chunks.isEmpty { return nil }
            let chunk = chunks.removeFirst()
            condition.broadcast()
            return chunk
        }

        var outcome: Inflated? {
            condition.lock()
            defer { condition.unlock() }
            return ended
        }
    }

    /// What the inflating thread is handed: the archive, only it reads while the part streams.
    struct Unchecked<Value>: @unchecked Sendable { let value: Value }

    /// What is left of the uncompressed-size budget.
    struct Budget {
        let file: String
        var left: UInt64
    }

    /// One part of the archive, whole; nil when absent and not required.
    static func part(_ archive: Archive, _ path: String, file: String, budget: inout Budget, required: Bool) throws(InputError) -> Data? {
        guard let entry = archive[path] else {
            if required { throw InputError(file: file, reason: "not an xlsx workbook: \(path) is missing") }
            return nil
        }
        let declared = UInt64(entry.uncompressedSize)
        let bomb = try bombCheck(entry, path, file: file, budget: budget)
        var data = Data()
        data.reserveCapacity(Int(declared))
        var overflow = false
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 20, consumer: { chunk in
                // The declared size may lie: count what really comes out.
                if UInt64(data.count + chunk.count) > declared || UInt64(data.count + chunk.count) > budget.left {
                    overflow = true
                    throw ExtractionStopped()
                }
                data.append(chunk)
            })
        } catch {
            if overflow { throw bomb }
            throw InputError(file: file, reason: "not a readable xlsx workbook: \(path) is truncated or damaged in the zip archive")
        }
        budget.left -= UInt64(data.count)
        return data
    }

    struct ExtractionStopped: Error {}

    /// Refuses a part whose declared size is out of bounds; returns the error to throw if it expands further.
    static func bombCheck(_ entry: Entry, _ path: String, file: String, budget: Budget) throws(InputError) -> InputError {
        let declared = UInt64(entry.uncompressedSize)
        let compressed = max(UInt64(entry.compressedSize), 1)
        let bomb = InputError(
            file: file,
            reason: "refused: \(path) would expand to \(declared) bytes from \(compressed) (a zip bomb?); the limits are "
                + "\(maxUncompressedBytes >> 20) MiB in all and \(maxCompressionRatio):1 per part")
        if declared > budget.left || (declared > ratioCheckBytes && declared / compressed > maxCompressionRatio) { throw bomb }
        return bomb
    }

    static func parse<P: PartParser & XMLParserDelegate>(_ delegate: P, _ data: Data, file: String, part: String) throws(InputError) -> P {
        // Fed in chunks from a stream: libxml2 refuses one chunk over 10 MB ("huge input lookup").
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        let ok = parser.parse()
        if let failure = delegate.failure { throw failure }
        // On Linux `parse()` may return true after an error (a mismatched or unclosed tag): the error is what counts.
        if !ok || parser.parserError != nil {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw InputError(file: file, line: parser.lineNumber, field: part,
                             reason: "broken XML in the workbook (libxml2 error \(code)): the file is damaged; save it again from Excel")
        }
        return delegate
    }
}

/// A parser of one archive part that may stop with an error of its own.
/// (Each subclass conforms to XMLParserDelegate itself: on Linux, methods a subclass adds to an
/// inherited conformance are not called.)
class PartParser: NSObject {
    var failure: InputError?
}

/// `xl/workbook.xml`: the sheets, in order, with their relationship ids.
final class WorkbookParser: PartParser, XMLParserDelegate {
    var sheets: [(name: String, id: String)] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        guard name == "sheet" else { return }
        let id = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""
        sheets.append((attributes["name"] ?? "Sheet\(sheets.count + 1)", id))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part path.
final class RelationshipsParser: PartParser, XMLParserDelegate {
    var targets: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
    }
}

/// `xl/sharedStrings.xml`: the table `t="s"` cells index. Phonetic runs (`rPh`) are left out.
final class SharedStringsParser: PartParser, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }
}

/// `xl/styles.xml`: which cell formats (`cellXfs` entries, by index) show a number as a date.
final class StylesParser: PartParser, XMLParserDelegate {
    var dateStyles: [Bool] = []
    private var customDate: [Int: Bool] = [:]
    private var inCellXfs = false

    /// Excel's built-in date and time formats.
    static let builtinDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                customDate[id] = Self.isDateFormat(code)
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
            dateStyles.append(customDate[id] ?? Self.builtinDates.contains(id))
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "cellXfs" { inCellXfs = false }
    }

    /// A format code that shows a date: it has y, m or d outside quotes, brackets and escapes.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var escaped = false
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "y", "d", "m": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}
