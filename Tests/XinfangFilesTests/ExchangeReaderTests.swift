import Foundation
import Testing
import XinfangCore
@testable import XinfangFiles

/// Exports of the 信访信息系统 written by independent tools (Python's openpyxl, zipfile, the gbk
/// codec, msoffcrypto-tool), read back through the shipped provincial profile.
@Suite struct ExchangeReaderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-exchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    var profile: ExchangeProfile {
        get throws { try ExchangeProfile.read(path: Self.root.appendingPathComponent("etc/exchange/provincial.toml").path) }
    }

    /// Runs a Python script with `dir` as its first argument.
    func python(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, dir.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python: \(message)")
    }

    func fixture(_ extra: [String] = []) throws {
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent("scripts/make-exchange-fixture")
        process.arguments = [dir.path] + extra
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func refusal(_ file: String, sheet: String? = nil, encoding: ExchangeEncoding? = nil) throws -> String {
        do {
            _ = try ExchangeImport.read(path: path(file), profile: try profile, options: ExchangeOptions(sheet: sheet, encoding: encoding))
        } catch {
            return "\(error)"
        }
        Issue.record("\(file) was read")
        return ""
    }

    // MARK: Reading

    @Test func provincialXLSXFromOpenpyxl() throws {
        try fixture()
        let batch = try ExchangeImport.read(path: path("provincial.xlsx"), profile: try profile)
        #expect(batch.table.sheet == "信访件")
        #expect(batch.headerRow == 2, "the merged title row above the header is skipped")
        #expect(batch.cases.count == 40, "empty trailing rows are not cases")
        #expect(batch.ignoredColumns == ["证件类型", "column V (no header)"])
        let first = batch.cases[0]
        #expect(first.record.facts.number == "XF-FX-000001")
        #expect(first.record.facts.received == Day("2026-02-02"), "a date-formatted cell (an Excel serial)")
        #expect(first.registered == Day("2026-02-05"))
        #expect(first.sourceDue == Day("2026-02-20"), "限办时间 written as text with a time")
        #expect(batch.cases[1].registered == Day("2026-02-02"), "登记日期 typed as text 2026/2/2")
        #expect(first.record.facts.category == .claim, "求决 → 申诉求决")
        #expect(first.record.facts.persons == 6)
        #expect(first.record.facts.repeated, "是否全国初次信访 否 → repeated")
        #expect(first.record.facts.unit == "县人力资源和社会保障局")
        #expect(first.record.facts.title == "劳动社保")
        #expect(first.record.petitioner?.name == "测试人00001", "personal data goes to the petitioner record")
        #expect(first.record.petitioner?.phone == "13900000000")
        #expect(first.state == "待受理" && first.events.isEmpty && first.undated.isEmpty)
        // 信访形式: 来信, 来访, 网上信访, 手机信访, 微信信访, 网上建议, 电话信访, 领导信箱
        #expect(batch.cases.prefix(8).map(\.record.facts.channel) == [.letter, .visit, .online, .online, .online, .online, .phone, .online])
    }

    @Test func gbkCSVFromPythonReadsLikeTheWorkbook() throws {
        try fixture()
        let csv = try ExchangeImport.read(path: path("provincial-gbk.csv"), profile: try profile)
        let xlsx = try ExchangeImport.read(path: path("provincial.xlsx"), profile: try profile)
        #expect(csv.table.encoding == "GB18030", "detected")
        #expect(csv.cases.map(\.record.facts) == xlsx.cases.map(\.record.facts))
        #expect(csv.cases.map(\.sourceDue) == xlsx.cases.map(\.sourceDue))
        let forced = try ExchangeImport.read(path: path("provincial-gbk.csv"), profile: try profile, options: ExchangeOptions(encoding: .gb18030))
        #expect(forced.cases.count == 40)
    }

    @Test func utf8CSVWithAndWithoutBOM() throws {
        try python("""
            import sys
            rows = "信访件编号,信访日期,信访目的,去向机构\\r\\nXF-1,2026-03-02,建议,县教育局\\r\\n"
            open(sys.argv[1] + "/bom.csv", "w", encoding="utf-8-sig").write(rows)
            open(sys.argv[1] + "/plain.csv", "w", encoding="utf-8").write(rows)
            """)
        for name in ["bom.csv", "plain.csv"] {
            let batch = try ExchangeImport.read(path: path(name), profile: try profile)
            #expect(batch.table.encoding == "UTF-8")
            #expect(batch.cases.map(\.record.facts.category) == [.suggestion])
        }
    }

    @Test func undecodableBytesNameTheLineAndTheEncodings() throws {
        try python("""
            import sys
            head = "信访件编号,信访日期,信访目的,去向机构\\r\\nXF-1,2026-03-02,建议,县教育局\\r\\n".encode("gbk")
            open(sys.argv[1] + "/bad.csv", "wb").write(head + b"XF-2,2026-03-02,\\xff\\xff,x\\r\\n")
            """)
        let message = try refusal("bad.csv")
        #expect(message.hasPrefix(path("bad.csv") + ":3: "), "\(message)")
        #expect(message.contains("UTF-8, then GB18030"), "\(message)")
        let utf8 = try refusal("bad.csv", encoding: .utf8)
        // Told UTF-8, the GBK header on line 1 is already undecodable.
        #expect(utf8.hasPrefix(path("bad.csv") + ":1: ") && utf8.contains("encoding tried: UTF-8"), "\(utf8)")
    }

    @Test func sharedAndInlineStringsAndSheetChoice() throws {
        // A workbook written with zipfile by hand: inline strings (openpyxl writes shared ones), a
        // number serial in a date-formatted cell, two sheets.
        try python(#"""
            import sys, zipfile
            ct = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
            wb = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                  '<sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="数据" sheetId="2" r:id="rId2"/></sheets></workbook>')
            rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>'
                    '<Relationship Id="rId2" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>')
            styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>'
                      '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>')
            shared = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>信访件编号</t></si><si><r><t>信访</t></r><r><t>日期</t></r><rPh><t>シン</t></rPh></si></sst>'
            def c(ref, text): return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
            sheet2 = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>' + c("C1", "信访目的") + c("D1", "去向机构") + '</row>'
                      '<row r="2">' + c("A2", "XF-9") + '<c r="B2" s="1"><v>46083</v></c>' + c("C2", "申诉") + c("D2", "县教育局") + '</row>'
                      '</sheetData></worksheet>')
            sheet1 = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">' + c("A1", "说明") + '</row></sheetData></worksheet>'
            with zipfile.ZipFile(sys.argv[1] + "/hand.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("[Content_Types].xml", ct)
                z.writestr("xl/workbook.xml", wb)
                z.writestr("xl/_rels/workbook.xml.rels", rels)
                z.writestr("xl/styles.xml", styles)
                z.writestr("xl/sharedStrings.xml", shared)
                z.writestr("xl/worksheets/sheet1.xml", sheet1)
                z.writestr("xl/worksheets/sheet2.xml", sheet2)
            """#)
        let batch = try ExchangeImport.read(path: path("hand.xlsx"), profile: try profile, options: ExchangeOptions(sheet: "数据"))
        // Excel day 46083: 46083 − 25569 = 20514 days after 1970-01-01 = 2026-03-02.
        #expect(batch.cases.map(\.record.facts.received) == [Day("2026-03-02")!])
        #expect(batch.cases.map(\.record.facts.number) == ["XF-9"])
        let first = try refusal("hand.xlsx")
        #expect(first.contains("no header row with the column 信访件编号"), "the first sheet is read by default: \(first)")
        let missing = try refusal("hand.xlsx", sheet: "汇总")
        #expect(missing.contains("no sheet named \"汇总\"; the workbook has: 说明, 数据"), "\(missing)")
    }

    @Test func aSheetPartOverTenMegabytesIsRead() throws {
        // libxml2 refuses a single pushed chunk over 10 MB: the reader streams the part.
        try python(#"""
            import sys, zipfile
            from openpyxl import Workbook
            wb = Workbook(); ws = wb.active; ws.title = "S"
            ws.append(["信访件编号", "信访日期", "信访目的", "去向机构"])
            wb.save(sys.argv[1] + "/small.xlsx")
            def c(ref, text): return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
            rows = "".join(f'<row r="{r}">' + c(f"A{r}", f"XF-{r:06d}") + c(f"B{r}", "2026-03-02") + c(f"C{r}", "建议")
                           + c(f"D{r}", "县教育局" * 20) + "</row>" for r in range(2, 30002))
            with zipfile.ZipFile(sys.argv[1] + "/small.xlsx") as src, zipfile.ZipFile(sys.argv[1] + "/big.xlsx", "w", zipfile.ZIP_DEFLATED) as dst:
                for item in src.infolist():
                    data = src.read(item.filename)
                    if item.filename == "xl/worksheets/sheet1.xml":
                        data = data.replace(b"</row></sheetData>", b"</row>" + rows.encode() + b"</sheetData>")
                        assert len(data) > 11_000_000, len(data)
                    dst.writestr(item.filename, data)
            """#)
        let batch = try ExchangeImport.read(path: path("big.xlsx"), profile: try profile)
        #expect(batch.cases.count == 30_000)
        #expect(batch.cases.last?.record.facts.number == "XF-030001")
    }

    @Test func aBadCellIsNamedBySheetAndCell() throws {
        try python("""
            import sys
            from openpyxl import Workbook
            wb = Workbook(); ws = wb.active; ws.title = "导出"
            ws.append(["信访件编号", "信访日期", "信访目的", "去向机构", "手机号码"])
            ws.append(["XF-1", "2026-03-02", "建议", "县教育局", "13900000000"])
            ws.append(["XF-2", "2026-02-30", "建议", "县教育局", "13900000001"])
            ws.append(["XF-3", "2026-03-02", "请求", "县教育局", "13900000002"])
            wb.save(sys.argv[1] + "/bad.xlsx")
            """)
        let message = try refusal("bad.xlsx")
        #expect(message.contains(path("bad.xlsx") + ":导出!B3:信访日期: \"2026-02-30\" is not a date"), "\(message)")
        #expect(message.contains(path("bad.xlsx") + ":导出!C4:信访目的: \"请求\" is not one of the profile's words"), "\(message)")
        #expect(!message.contains("1390000"), "no phone number in any message")
    }

    @Test func reconcilingReadsOnlyWhatDecidesTheDeadlines() throws {
        try fixture()
        let imported = try ExchangeImport.read(path: path("provincial.xlsx"), profile: try profile)
        let compared = try ExchangeImport.read(path: path("provincial.xlsx"), profile: try profile, options: ExchangeOptions(purpose: .reconciling))
        #expect(compared.cases.count == 40)
        let first = compared.cases[0]
        #expect(first.record.petitioner == nil, "no personal data read for a reconciliation")
        #expect(first.record.facts.place == nil && first.record.facts.title == nil)
        #expect(imported.cases[0].record.petitioner?.name == "测试人00001")
        #expect(first.record.facts.persons == 6 && first.record.facts.repeated, "what a policy may look at is read")
        #expect(compared.cases.map(\.record.facts.number) == imported.cases.map(\.record.facts.number))
        #expect(compared.cases.map(\.record.facts.received) == imported.cases.map(\.record.facts.received))
        #expect(compared.cases.map(\.record.facts.unit) == imported.cases.map(\.record.facts.unit))
        #expect(compared.cases.map(\.registered) == imported.cases.map(\.registered))
        #expect(compared.cases.map(\.sourceDue) == imported.cases.map(\.sourceDue))
        #expect(compared.ignoredColumns == imported.ignoredColumns)
    }

    @Test func theWhiteSpaceTestIsUnicodes() {
        // The hand-written list behind RowReader.trimmed against the stdlib's property, every scalar.
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if RowReader.isWhiteSpace(scalar) != scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16)): \(RowReader.isWhiteSpace(scalar)), the property says \(scalar.properties.isWhitespace)")
            }
        }
        #expect(RowReader.trimmed("\u{3000}县教育局 ") == "县教育局")
        #expect(RowReader.trimmed("县教育局") == "县教育局")
    }

    // MARK: Refusals

    @Test func truncatedZipIsRefused() throws {
        try fixture(["--xlsx-only"])
        let data = try Data(contentsOf: URL(fileURLWithPath: path("provincial.xlsx")))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path("cut.xlsx")))
        let message = try refusal("cut.xlsx")
        #expect(message.contains("truncated or damaged"), "\(message)")
    }

    @Test func brokenXMLIsRefused() throws {
        try python("""
            import sys, zipfile
            from openpyxl import Workbook
            wb = Workbook(); wb.active.append(["信访件编号"]); wb.save(sys.argv[1] + "/ok.xlsx")
            with zipfile.ZipFile(sys.argv[1] + "/ok.xlsx") as src, zipfile.ZipFile(sys.argv[1] + "/broken.xlsx", "w") as dst:
                for item in src.infolist():
                    data = src.read(item.filename)
                    if item.filename == "xl/worksheets/sheet1.xml": data = data.replace(b"</sheetData>", b"<row>")
                    dst.writestr(item, data)
            """)
        let message = try refusal("broken.xlsx")
        #expect(message.contains("xl/worksheets/sheet1.xml: broken XML"), "\(message)")
    }

    @Test func zipBombIsRefused() throws {
        // 600 MiB of spaces inside the sheet part, deflated to well under 1 MiB (about 1000:1).
        try python("""
            import sys, zipfile
            from openpyxl import Workbook
            wb = Workbook(); wb.active.append(["信访件编号"]); wb.save(sys.argv[1] + "/ok.xlsx")
            with zipfile.ZipFile(sys.argv[1] + "/ok.xlsx") as src, zipfile.ZipFile(sys.argv[1] + "/bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as dst:
                for item in src.infolist():
                    if item.filename == "xl/worksheets/sheet1.xml":
                        with dst.open("xl/worksheets/sheet1.xml", "w") as f:
                            block = b" " * (1 << 20)
                            for _ in range(300): f.write(block)
                    else:
                        dst.writestr(item, src.read(item.filename))
            """)
        let message = try refusal("bomb.xlsx")
        #expect(message.contains("zip bomb"), "\(message)")
    }

    @Test func sheetOverTheRowLimitIsRefused() throws {
        try python("""
            import sys
            from openpyxl import Workbook
            wb = Workbook(); ws = wb.active; ws.title = "S"
            ws.append(["信访件编号", "信访日期", "信访目的", "去向机构"])
            ws.append(["XF-1", "2026-03-02", "建议", "县教育局"])
            ws.cell(row=1048576, column=1, value="XF-LAST")
            wb.save(sys.argv[1] + "/long.xlsx")
            """)
        let message = try refusal("long.xlsx")
        #expect(message.contains(":S!1048576: the sheet has more than 500000 rows"), "\(message)")
    }

    @Test func formulaWithoutCachedValueIsRefusedWithOneItIsRead() throws {
        try python("""
            import sys, zipfile
            from openpyxl import Workbook
            wb = Workbook(); ws = wb.active; ws.title = "S"
            ws.append(["信访件编号", "信访日期", "信访目的", "去向机构", "信访人数"])
            ws.append(["XF-1", "2026-03-02", "建议", "县教育局", "=1+2"])
            wb.save(sys.argv[1] + "/formula.xlsx")
            # The same cell as Excel saves it: the formula with its computed value.
            with zipfile.ZipFile(sys.argv[1] + "/formula.xlsx") as src, zipfile.ZipFile(sys.argv[1] + "/cached.xlsx", "w") as dst:
                for item in src.infolist():
                    data = src.read(item.filename)
                    if item.filename == "xl/worksheets/sheet1.xml":
                        data = data.replace(b"<f>1+2</f><v></v>", b"<f>1+2</f><v>3</v>").replace(b"<f>1+2</f><v />", b"<f>1+2</f><v>3</v>")
                        if b"<v>3</v>" not in data: data = data.replace(b"<f>1+2</f>", b"<f>1+2</f><v>3</v>")
                    dst.writestr(item, data)
            """)
        let message = try refusal("formula.xlsx")
        #expect(message.contains(":S!E2: a formula cell without a computed value"), "\(message)")
        let cached = try ExchangeImport.read(path: path("cached.xlsx"), profile: try profile)
        #expect(cached.cases.map(\.record.facts.persons) == [3])
    }

    @Test func passwordProtectedWorkbookIsRefused() throws {
        try python("""
            import sys, msoffcrypto
            from openpyxl import Workbook
            wb = Workbook(); wb.active.append(["信访件编号"]); wb.save(sys.argv[1] + "/plain.xlsx")
            from msoffcrypto.format.ooxml import OOXMLFile
            with open(sys.argv[1] + "/plain.xlsx", "rb") as f, open(sys.argv[1] + "/locked.xlsx", "wb") as out:
                OOXMLFile(f).encrypt("secret", out)
            """)
        let message = try refusal("locked.xlsx")
        #expect(message.contains("password-protected"), "\(message)")
    }
}
