import Foundation
import XinfangCore
import ZIPFoundation

/// Writes a table as a one-sheet Excel workbook (`.xlsx`): inline strings, numbers, and dates as
/// Excel day numbers in a `yyyy-mm-dd` cell format, the header row bold and frozen. The archive is
/// written with ZIPFoundation.
public enum XLSXWriter {
    public static func write(path: String, sheet: String, headers: [String], rows: [[ExchangeCell?]]) throws {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        xml += "<sheetData>"
        func row(_ number: Int, _ cells: [ExchangeCell?], style: Int?) {
            xml += "<row r=\"\(number)\">"
            for (column, cell) in cells.enumerated() {
                guard let cell else { continue }
                let ref = "\(ExchangeTable.columnName(column))\(number)"
                switch cell {
                case .text(let text):
                    xml += "<c r=\"\(ref)\" t=\"inlineStr\"\(style.map { " s=\"\($0)\"" } ?? "")><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
                case .number(let n):
                    let text = n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
                    xml += "<c r=\"\(ref)\"><v>\(text)</v></c>"
                case .date(let day):
                    xml += "<c r=\"\(ref)\" s=\"1\"><v>\(day.number + 25_569)</v></c>"
                }
            }
            xml += "</row>"
        }
        row(1, headers.map { .text($0) }, style: 2)
        for (index, cells) in rows.enumerated() { row(index + 2, cells, style: nil) }
        xml += "</sheetData></worksheet>"

        let parts: [(String, String)] = [
            ("[Content_Types].xml", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """#),
            ("_rels/.rels", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """#),
            ("xl/workbook.xml", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\#(escape(sheet))" sheetId="1" r:id="rId1"/></sheets></workbook>
                """#),
            ("xl/_rels/workbook.xml.rels", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """#),
            ("xl/styles.xml", #"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>
                """#),
            ("xl/worksheets/sheet1.xml", xml),
        ]
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (name, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// Text as XML character data or an attribute value; characters XML 1.0 cannot hold are left out.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

/// Writes a table as CSV (RFC 4180) in UTF-8 with a byte order mark, so that Excel opens it right;
/// CRLF line ends; dates as YYYY-MM-DD.
public enum ExchangeCSVWriter {
    public static func text(headers: [String], rows: [[ExchangeCell?]]) -> String {
        var out = "\u{FEFF}"
        func cell(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        out += headers.map(cell).joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.map { value -> String in
                switch value {
                case nil: ""
                case .text(let t)?: cell(t)
                case .number(let n)?: n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
                case .date(let d)?: d.description
                }
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }
}
