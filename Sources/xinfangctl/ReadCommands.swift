import Foundation
import XinfangCore
import XinfangEngine
import XinfangPolicy
import XinfangPorts
import XinfangStore

// What the read commands (`case show`, `due`, `reminders`, `status`, `agenda`, `audit verify`)
// share. They never write to the store, except `reminders ack`, and never print petitioners' data.

enum ReadSupport {
    /// Unix seconds now.
    static func now() -> Int64 { SystemClock().now() }

    /// Refuses (exit 2) a case number the store does not know.
    static func requireCase(_ number: String, in store: SQLiteStore) throws {
        guard try store.caseExists(number: number) else { throw InputFailure(message: "unknown case \(number)") }
    }

    /// Parses a number of days written `7` or `7d` (0…3660).
    static func parseDays(_ text: String, option: String) throws -> Int {
        let digits = text.hasSuffix("d") ? String(text.dropLast()) : text
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), (0...3660).contains(n) else {
            throw InputFailure(message: "\(option): \(FieldText.quoted(text)) is not a number of days (e.g. 7 or 7d, at most 3660)")
        }
        return n
    }

    /// "3 days left", "due today", "5 days OVERDUE".
    static func describeLeft(_ days: Int) -> String {
        switch days {
        case 0: "今日到期 due today"
        case 1: "剩1天 1 day left"
        case 2...: "剩\(days)天 \(days) days left"
        case -1: "逾期1天 1 day OVERDUE"
        default: "逾期\(-days)天 \(-days) days OVERDUE"
        }
    }
}

/// Left-aligned text columns, padded by display width (a CJK character takes two cells).
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: String...) { self.header = header }

    mutating func append(_ row: [String]) { rows.append(row) }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            switch u.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
                 0x20000...0x3FFFD: n + 2
            case 0x0300...0x036F, 0x200B...0x200F: n
            default: n + 1
            }
        }
    }

    var text: String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], Self.width(cell)) } }
        return all.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - Self.width(cell) + 2) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
