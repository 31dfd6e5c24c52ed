import Foundation

/// Where a worksheet part is cut in two, so that two parsers read it at once, one core each: at
/// the start of the first `<row` element past `from`, inside `sheetData`. The first parser reads
/// the bytes before the cut, then closing tags for `sheetData` and the root; the second reads the
/// root's and `sheetData`'s start tags, copied from the part, then the bytes from the cut on.
///
/// At the start of a row only those two elements are open, so each half is a whole document and
/// together they say what the part says. No cut is made where that could be false: a comment,
/// CDATA section, processing instruction or DOCTYPE before the cut (any of them may hide a
/// `<row`), `sheetData` closed before the cut, an encoding other than UTF-8, or start tags not
/// found in the part's first chunk. The part is then read whole by the first parser.
struct SheetCut {
    /// The byte offset from which a row's start is looked for.
    let from: Int
    /// What the first parser reads after its bytes: `</sheetData></worksheet>` as the part spells them.
    private(set) var closing: [UInt8] = []
    /// What the second parser reads first: the root's and `sheetData`'s start tags.
    private(set) var opening: [UInt8] = []
    /// Newlines in the bytes before the cut, less those in `opening`: what turns the second
    /// parser's line numbers into the part's.
    private(set) var lineOffset = 0
    /// Whether the cut was made: every later chunk goes to the second parser.
    private(set) var made = false
    /// Whether no cut will be made.
    private(set) var refused = false

    private var rowStart: [UInt8] = []
    private var forbidden: [[UInt8]] = []
    /// The last bytes of the previous chunk, to find a forbidden pattern that straddles two chunks.
    private var carry: [UInt8] = []
    private var seen = 0

    init(from: Int) { self.from = from }

    /// Which parser reads which bytes of the next chunk of the part.
    mutating func route(_ chunk: Data) -> (first: Data?, second: Data?) {
        if made { return (nil, chunk) }
        if refused { return (chunk, nil) }
        let result: (first: Data?, second: Data?) = chunk.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var checkedFrom = 0
            if seen == 0 {
                guard let body = readHead(bytes) else {
                    refused = true
                    return (chunk, nil)
                }
                checkedFrom = body
            }
            var cut: Int?
            if seen + bytes.count > from { cut = rowStart(in: bytes, from: max(from - seen, checkedFrom)) }
            let end = cut ?? bytes.count
            let seam = carry.isEmpty ? [] : carry + bytes.prefix(min(Self.longest - 1, end))
            if forbidden.contains(where: { pattern in
                seam.withUnsafeBytes { Self.find(pattern, in: $0, from: 0) != nil }
                    || Self.find(pattern, in: UnsafeRawBufferPointer(rebasing: raw[checkedFrom..<end]), from: 0) != nil
            }) {
                refused = true
                return (chunk, nil)
            }
            lineOffset += Self.newlines(UnsafeRawBufferPointer(rebasing: raw[0..<end]))
            guard let cut else {
                carry = Array(bytes.suffix(Self.longest - 1))
                return (chunk, nil)
            }
            made = true
            lineOffset -= opening.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            var first = Data(bytes[0..<cut])
            first.append(contentsOf: closing)
            var second = Data(opening)
            second.append(Data(bytes[cut...]))
            return (first, second)
        }
        seen += chunk.count
        return result
    }

    /// The longest forbidden pattern may be this long (`</` + a prefix + `sheetData`).
    static let longest = 64

    /// Reads the XML declaration, the root's start tag and `sheetData`'s; returns where the
    /// bytes after `sheetData`'s start tag begin, or nil when no cut can be made.
    private mutating func readHead(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if b[i...].starts(with: Array("<?xml".utf8)) {
            guard let end = Self.find(Array("?>".utf8), in: UnsafeRawBufferPointer(b), from: i) else { return nil }
            let declaration = String(decoding: b[i..<end], as: UTF8.self).lowercased()
            if declaration.contains("encoding"), !declaration.contains("\"utf-8\""), !declaration.contains("'utf-8'") { return nil }
            i = end + 2
        }
        var root: (name: ArraySlice<UInt8>, tag: ArraySlice<UInt8>)?
        let all = Array(b)
        while let open = all[i...].firstIndex(of: 0x3C) {
            guard open + 1 < all.count else { return nil }
            switch all[open + 1] {
            case 0x3F, 0x21: return nil  // <? <!
            case 0x2F:  // a closing tag
                guard let close = all[open...].firstIndex(of: 0x3E) else { return nil }
                i = close + 1
                continue
            default: break
            }
            guard let close = Self.tagEnd(all, from: open) else { return nil }
            var nameEnd = open + 1
            while nameEnd < close, ![0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E].contains(all[nameEnd]) { nameEnd += 1 }
            let name = all[(open + 1)..<nameEnd]
            let local = name.lastIndex(of: 0x3A).map { name[($0 + 1)...] } ?? name
            let empty = all[close - 1] == 0x2F
            if root == nil {
                if empty { return nil }
                root = (name, all[open...close])
            } else if local.elementsEqual("sheetData".utf8) {
                guard !empty, let root else { return nil }
                opening = Array(root.tag) + Array(all[open...close])
                closing = Array("</".utf8) + Array(name) + Array("></".utf8) + Array(root.name) + Array(">".utf8)
                let prefix = name[name.startIndex..<(local.startIndex)]
                rowStart = Array("<".utf8) + Array(prefix) + Array("row".utf8)
                let end = Array("</".utf8) + Array(name)
                guard end.count <= Self.longest else { return nil }
                forbidden = [Array("<!".utf8), Array("<?".utf8), end]
                return close + 1
            } else if local.elementsEqual("row".utf8) {
                return nil
            }
            i = close + 1
        }
        return nil
    }

    /// The `>` that ends the tag opened at `open`, past quoted attribute values.
    private static func tagEnd(_ b: [UInt8], from open: Int) -> Int? {
        var quote: UInt8?
        var k = open + 1
        while k < b.count {
            let c = b[k]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x3E {
                return k
            }
            k += 1
        }
        return nil
    }

    /// The first `<row` (as the part spells it) at or after `from` followed by white space, `>` or `/`.
    private func rowStart(in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        while let found = Self.find(rowStart, in: UnsafeRawBufferPointer(b), from: k) {
            let next = found + rowStart.count
            guard next < b.count else { return nil }
            if [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F].contains(b[next]) { return found }
            k = found + 1
        }
        return nil
    }

    /// Where `pattern` first occurs in `b` at or after `from`: memchr for its last byte, the
    /// rarest in sheet XML of each pattern searched (`<!`, `<?`, `</sheetData`; a memchr for `<`
    /// stopped every ten bytes), then a compare. (glibc's memmem is not exported to Swift.)
    static func find(_ pattern: [UInt8], in b: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let last = pattern.last, from < b.count, let base = b.baseAddress else { return nil }
        let tail = pattern.count - 1
        return pattern.withUnsafeBytes { p in
            var at = from + tail
            while at < b.count, let hit = memchr(base + at, Int32(last), b.count - at) {
                let end = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + end - tail, p.baseAddress!, tail) == 0 { return end - tail }
                at = end + 1
            }
            return nil
        }
    }

    static func newlines(_ b: UnsafeRawBufferPointer) -> Int {
        guard var at = b.baseAddress else { return 0 }
        var left = b.count
        var count = 0
        while left > 0, let hit = memchr(at, 0x0A, left) {
            count += 1
            let next = UnsafeRawPointer(hit) + 1
            left -= at.distance(to: next)
            at = next
        }
        return count
    }
}
