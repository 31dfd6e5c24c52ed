public import XinfangCore

/// A cell of an exported table, as the file holds it: text, a number, or a date (an Excel
/// date-formatted cell or `t="d"`). Nothing is interpreted yet: the column profile decides.
public enum ExchangeCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case date(Day)
}

/// One row of an exported table: where it lies, and its cells by 0-based column.
public struct ExchangeRow: Sendable {
    /// The xlsx row number (`r`) or the CSV line where the row starts, 1-based.
    public var number: Int
    /// Cells by column; nil where the cell is empty or missing.
    public var cells: [ExchangeCell?]

    public init(number: Int, cells: [ExchangeCell?]) {
        self.number = number
        self.cells = cells
    }

    /// Whether no cell holds anything but white space.
    public var isBlank: Bool {
        cells.allSatisfy { cell in
            guard let cell else { return true }
            if case .text(let text) = cell { return text.allSatisfy(\.isWhitespace) }
            return false
        }
    }
}

/// A whole sheet (or CSV file) of an export, read before anything is mapped.
public struct ExchangeTable: Sendable {
    /// The path it was read from.
    public var file: String
    /// The sheet's name for an xlsx workbook; nil for CSV.
    public var sheet: String?
    /// The rows that hold anything, in file order.
    public var rows: [ExchangeRow]
    /// The text encoding a CSV file was read in (`UTF-8`, `GB18030`); nil for xlsx.
    public var encoding: String?

    public init(file: String, sheet: String?, rows: [ExchangeRow], encoding: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.rows = rows
        self.encoding = encoding
    }

    /// An error at a cell: `file:sheet!B7:field: reason` for xlsx, `file:line:field: reason` for CSV.
    public func error(row: Int, column: Int?, field: String?, reason: String) -> InputError {
        if let sheet {
            let cell = column.map { "\(ExchangeTable.columnName($0))\(row)" } ?? "\(row)"
            return InputError(file: "\(file):\(sheet)!\(cell)", field: field, reason: reason)
        }
        return InputError(file: file, line: row, field: field, reason: reason)
    }

    /// `A` for column 0, `Z` for 25, `AA` for 26 …
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}

/// Excel's day numbers: serial 25569 is 1970-01-01 (the 1900 system, whose phantom 1900-02-29
/// lies before every date Xinfang accepts).
enum ExcelDate {
    static func day(serial: Double) -> Day? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        return Day(number: Int(serial.rounded(.down)) - 25_569)
    }
}
