import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import XinfangCore

/// The text encodings an exported CSV file may be in.
public enum ExchangeEncoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    /// GB18030, which contains GBK and GB2312: what Excel on a Chinese Windows saves as "CSV".
    case gb18030 = "GB18030"

    /// `utf-8`, `utf8`, `gbk`, `gb18030`, `gb2312` (any case).
    public init?(option: String) {
        switch option.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gbk", "gb18030", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }
}

/// Reads an exported CSV file (RFC 4180) in UTF-8, with or without a byte order mark, or in
/// GB18030/GBK; the encoding is detected (UTF-8 when the whole file is valid UTF-8, GB18030
/// otherwise) or given. Undecodable bytes are an error naming the line and the encoding tried.
public enum ExchangeCSVReader {
    public static func read(path: String, encoding: ExchangeEncoding? = nil) throws(InputError) -> ExchangeTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, reason: "cannot read the file") }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let used: ExchangeEncoding
        let utf8: [UInt8]
        switch encoding {
        case .utf8:
            if let line = firstInvalidUTF8Line(bytes) {
                throw InputError(file: path, line: line, reason: "bytes that are not UTF-8 text (encoding tried: UTF-8; for a GBK file use --encoding gbk)")
            }
            used = .utf8
            utf8 = bytes
        case .gb18030:
            used = .gb18030
            utf8 = try decodeGB18030(bytes, file: path, tried: "GB18030 (GBK)")
        case nil:
            if firstInvalidUTF8Line(bytes) == nil {
                used = .utf8
                utf8 = bytes
            } else {
                used = .gb18030
                utf8 = try decodeGB18030(bytes, file: path, tried: "UTF-8, then GB18030 (GBK)")
            }
        }
        let rows = try split(utf8, file: path)
        return ExchangeTable(file: path, sheet: nil, rows: rows, encoding: used.rawValue)
    }

    /// The line holding the first byte sequence that is not UTF-8, or nil when all of it is.
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }

    /// GB18030 bytes as UTF-8, through the C library's iconv. GBK's trail bytes never are 0x0A,
    /// so a bad byte's line is counted on the raw bytes.
    static func decodeGB18030(_ bytes: [UInt8], file: String, tried: String) throws(InputError) -> [UInt8] {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else {
            throw InputError(file: file, reason: "this system's C library cannot convert GB18030")
        }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        var failedAt: Int?
        var produced = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                inBuffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(inBuffer.count, 1)) { inBase in
                    outBuffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: outBuffer.count) { outBase in
                        var inPointer: UnsafeMutablePointer<CChar>? = inBase
                        var inLeft = inBuffer.count
                        var outPointer: UnsafeMutablePointer<CChar>? = outBase
                        var outLeft = outBuffer.count
                        if iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) == -1 || inLeft > 0 {
                            failedAt = inBuffer.count - inLeft
                        }
                        produced = outBuffer.count - outLeft
                    }
                }
            }
        }
        if let failedAt {
            let line = 1 + bytes[..<failedAt].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw InputError(file: file, line: line, reason: "bytes that are neither UTF-8 nor GBK text (encodings tried: \(tried))")
        }
        return Array(output[..<produced])
    }

    /// RFC 4180 rows of UTF-8 text; a row's number is the line where it starts. Blank rows are left out.
    public static func split(_ b: [UInt8], file: String) throws(InputError) -> [ExchangeRow] {
        var rows: [ExchangeRow] = []
        var cells: [ExchangeCell?] = []
        var cell: [UInt8] = []
        var line = 1
        var rowLine = 1
        var i = 0
        var quoted = false
        var wasQuoted = false
        func endCell() {
            let text = String(decoding: cell, as: UTF8.self)
            cells.append(text.isEmpty && !wasQuoted ? nil : (text.isEmpty ? nil : .text(text)))
            cell.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRow() {
            endCell()
            let row = ExchangeRow(number: rowLine, cells: cells)
            if !row.isBlank { rows.append(row) }
            cells = []
        }
        while i < b.count {
            let c = b[i]
            if quoted {
                if c == 0x22 {
                    if i + 1 < b.count && b[i + 1] == 0x22 {
                        cell.append(0x22)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    if c == 0x0A { line += 1 }
                    cell.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case 0x22 where cell.isEmpty:
                quoted = true
                wasQuoted = true
            case 0x2C: endCell()
            case 0x0D where i + 1 < b.count && b[i + 1] == 0x0A: break
            case 0x0A:
                endRow()
                line += 1
                rowLine = line
            default: cell.append(c)
            }
            i += 1
        }
        if quoted { throw InputError(file: file, line: rowLine, reason: "a quoted cell is not closed: its closing \" is missing") }
        if !cell.isEmpty || !cells.isEmpty { endRow() }
        return rows
    }
}
