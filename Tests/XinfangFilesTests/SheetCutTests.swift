import Foundation
import Testing
import XinfangCore
@testable import XinfangFiles

/// A large worksheet part is cut in two and read by two parsers at once (`SheetCut`): whatever
/// the part holds, the table (or the error) is the one a single parser reads. Workbooks are packed
/// by Python's zipfile around sheet XML written here, so that the markup is exactly what a test needs.
@Suite struct SheetCutTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-sheetcut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    /// A workbook whose one sheet part is `sheet`, with a shared-string table and a date style.
    func workbook(_ name: String, sheet: String, badChecksum: Bool = false) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(sheet.utf8).write(to: dir.appendingPathComponent(name + ".sheet.xml"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, zipfile, struct
            path, sheet, bad = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
            main = "\(Self.main)"
            rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="导出" sheetId="1" r:id="rId1"/></sheets></workbook>')
                z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t" Target="worksheets/sheet1.xml"/></Relationships>')
                z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}"><si><t>共享一</t></si><si><t>共享二</t></si></sst>')
                z.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>')
                z.write(sheet, "xl/worksheets/sheet1.xml")
            if bad:
                data = bytearray(open(path, "rb").read())
                # The CRC field and the name length: at 14 and 26 in a local header, 16 and 28 in a central one.
                for signature, crc, length, header in ((b"PK\\x03\\x04", 14, 26, 30), (b"PK\\x01\\x02", 16, 28, 46)):
                    start = 0
                    while (start := data.find(signature, start)) >= 0:
                        n = struct.unpack_from("<H", data, start + length)[0]
                        if bytes(data[start + header:start + header + n]) == b"xl/worksheets/sheet1.xml":
                            data[start + crc] ^= 0xFF
                        start += 4
                open(path, "wb").write(data)
            """, path, dir.appendingPathComponent(name + ".sheet.xml").path, badChecksum ? "1" : "0"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return path
    }

    /// `rows` rows of five cells each: inline and shared strings, a number, a date, and text with
    /// markup escaped; a newline after each row, so that line numbers mean something.
    static func rows(_ range: ClosedRange<Int>, prefix: String = "", numbered: (Int) -> Bool = { _ in true }) -> String {
        var xml = ""
        for r in range {
            let p = prefix
            xml += "<\(p)row" + (numbered(r) ? " r=\"\(r)\"" : "") + " spans=\"1:5\">"
            xml += "<\(p)c r=\"A\(r)\" t=\"inlineStr\"><\(p)is><\(p)t>XF-\(r)</\(p)t></\(p)is></\(p)c>"
            xml += "<\(p)c r=\"B\(r)\" t=\"s\"><\(p)v>\(r % 2)</\(p)v></\(p)c>"
            xml += "<\(p)c r=\"C\(r)\"><\(p)v>\(r * 3)</\(p)v></\(p)c>"
            xml += "<\(p)c r=\"D\(r)\" s=\"1\"><\(p)v>\(46000 + r % 300)</\(p)v></\(p)c>"
            xml += "<\(p)c r=\"E\(r)\" t=\"inlineStr\"><\(p)is><\(p)t>a &lt;row&gt; &amp; 第\(r)行</\(p)t></\(p)is></\(p)c>"
            xml += "</\(p)row>\n"
        }
        return xml
    }

    static func sheet(_ body: String, root: String = "<worksheet xmlns=\"\(main)\" xmlns:x14ac=\"urn:x14ac\">", close: String = "</worksheet>",
                      sheetData: String = "<sheetData>", sheetDataClose: String = "</sheetData>") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + root
            + "<dimension ref=\"A1:E2000\"/><cols><col min=\"1\" max=\"5\" width=\"12\"/></cols>" + sheetData + body + sheetDataClose
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>" + close
    }

    func same(_ path: String, cutAt offsets: [Int], expectCut: Bool = true) throws {
        let whole = try XLSXReader.read(path: path, sheet: nil, cut: .never)
        #expect(!whole.cut)
        #expect(whole.table.rows.count > 0)
        for offset in offsets {
            let cut = try XLSXReader.read(path: path, sheet: nil, cut: .at(offset))
            #expect(cut.cut == expectCut, "cut from \(offset)")
            #expect(cut.table.rows.map(\.number) == whole.table.rows.map(\.number), "cut from \(offset)")
            #expect(cut.table.rows.map(\.cells) == whole.table.rows.map(\.cells), "cut from \(offset)")
        }
    }

    func message(_ path: String, cut: XLSXReader.CutRule) -> String {
        do { _ = try XLSXReader.read(path: path, sheet: nil, cut: cut) } catch { return error.description }
        return "read"
    }

    @Test func aCutSheetReadsAsTheWholeOne() throws {
        let xml = Self.sheet(Self.rows(1...2000))
        let path = try workbook("plain.xlsx", sheet: xml)
        let size = xml.utf8.count
        try same(path, cutAt: [0, 1, size / 5, size / 2, size * 9 / 10])
        let whole = try XLSXReader.read(path: path, sheet: nil, cut: .never).table
        #expect(whole.rows.count == 2000)
        #expect(whole.rows[1999].cells == [.text("XF-2000"), .text("共享一"), .number(6000), .date(Day(number: 46000 + 2000 % 300 - 25_569)), .text("a <row> & 第2000行")])
    }

    @Test func aPrefixedSheetAndAQuotedGreaterThanAreCutAlike() throws {
        let root = "<x:worksheet xmlns:x=\"\(Self.main)\" xmlns:mc=\"urn:mc\" mc:Ignorable=\"a>b\">"
        let xml = Self.sheet(Self.rows(1...1500, prefix: "x:"), root: root, close: "</x:worksheet>", sheetData: "<x:sheetData>", sheetDataClose: "</x:sheetData>")
        try same(try workbook("prefixed.xlsx", sheet: xml), cutAt: [xml.utf8.count / 2])
    }

    @Test func noCutPastMarkupThatMayHideARow() throws {
        let comment = Self.sheet(Self.rows(1...100) + "<!-- <row r=\"7\"> -->\n" + Self.rows(101...1000))
        try same(try workbook("comment.xlsx", sheet: comment), cutAt: [comment.utf8.count / 2], expectCut: false)
        let instruction = Self.sheet(Self.rows(1...100) + "<?keep <row r=\"7\">?>" + Self.rows(101...1000))
        try same(try workbook("pi.xlsx", sheet: instruction), cutAt: [instruction.utf8.count / 2], expectCut: false)
        // sheetData ends before the offset looked from: a `<row` further on is not a row of it.
        let short = Self.sheet(Self.rows(1...10), close: "<extLst><ext uri=\"u\"><row r=\"99\"/></ext></extLst></worksheet>")
        try same(try workbook("short.xlsx", sheet: short), cutAt: [short.utf8.count - 60], expectCut: false)
        // A later comment is the second parser's, and harmless.
        let late = Self.sheet(Self.rows(1...1000) + "<!-- a note -->")
        try same(try workbook("late.xlsx", sheet: late), cutAt: [late.utf8.count / 2])
    }

    @Test func rowsWithoutNumbersPastTheCutAreNumberedAsByOneParser() throws {
        // Rows 1001–1010 carry no `r`: their numbers follow from the rows before the cut.
        let xml = Self.sheet(Self.rows(1...2000, numbered: { !(1001...1010).contains($0) }))
        let path = try workbook("unnumbered.xlsx", sheet: xml)
        // Looked for from just before row 1001: the first row past the cut has no number.
        let offset = xml.utf8.count - xml.components(separatedBy: "<row spans").dropFirst().joined(separator: "<row spans").utf8.count - 20
        let read = try XLSXReader.read(path: path, sheet: nil, cut: .at(offset))
        #expect(!read.cut)
        #expect(read.table.rows.map(\.number) == Array(1...2000))
        try same(path, cutAt: [xml.utf8.count / 5], expectCut: true)
    }

    @Test func brokenXMLPastTheCutNamesTheLineOfTheWholePart() throws {
        let xml = Self.sheet(Self.rows(1...1500) + "<row r=\"1501\"><c r=\"A1501\"><v>1</c></row>\n" + Self.rows(1502...2000))
        let path = try workbook("broken.xlsx", sheet: xml)
        let whole = message(path, cut: .never)
        #expect(whole.contains("broken XML"), "\(whole)")
        #expect(whole.contains(":1502:"), "\(whole)")
        #expect(message(path, cut: .at(xml.utf8.count / 3)) == whole)
    }

    @Test func theFirstProblemInThePartIsTheOneReported() throws {
        let bad = { (r: Int) in "<row r=\"\(r)\"><c r=\"C\(r)\" t=\"e\"><v>#DIV/0!</v></c></row>\n" }
        let xml = Self.sheet(Self.rows(1...300) + bad(301) + Self.rows(302...1700) + bad(1701) + Self.rows(1702...2000))
        let path = try workbook("errors.xlsx", sheet: xml)
        let whole = message(path, cut: .never)
        #expect(whole.contains("!C301"), "\(whole)")
        #expect(message(path, cut: .at(xml.utf8.count / 2)) == whole)
        let later = Self.sheet(Self.rows(1...1700) + bad(1701) + Self.rows(1702...2000))
        let second = try workbook("later.xlsx", sheet: later)
        #expect(message(second, cut: .at(later.utf8.count / 2)).contains("!C1701"))
    }

    @Test func aWrongChecksumIsADamagedPart() throws {
        let xml = Self.sheet(Self.rows(1...500))
        let path = try workbook("crc.xlsx", sheet: xml, badChecksum: true)
        #expect(message(path, cut: .never).contains("truncated or damaged"))
        #expect(message(path, cut: .at(xml.utf8.count / 2)).contains("truncated or damaged"))
    }
}
