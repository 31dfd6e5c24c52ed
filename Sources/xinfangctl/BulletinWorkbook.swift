import Foundation
import XinfangCore
import XinfangFiles
import XinfangReports

/// `report bulletin --format xlsx`: the rows of the bulletin's CSV in a workbook, with Chinese
/// headers and the numbers as numbers.
enum BulletinWorkbook {
    static let headers = ["单位", "月份", "指标", "分子", "分母", "比率(%)"]

    static func write(_ bulletin: Bulletin, to path: String) throws {
        let rows = try ExchangeCSVReader.split(Array(bulletin.csv().utf8), file: "bulletin").dropFirst().map { row -> [ExchangeCell?] in
            row.cells.enumerated().map { index, cell -> ExchangeCell? in
                guard index >= 3, case .text(let text)? = cell, let number = Double(text) else { return cell }
                return .number(number)
            }
        }
        try XLSXWriter.write(path: path, sheet: "信访通报", headers: headers, rows: rows)
        print("\(path): \(rows.count) row(s)")
    }
}
