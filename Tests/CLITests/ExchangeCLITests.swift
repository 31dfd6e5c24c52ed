import Foundation
import Testing
import XinfangTesting

/// `xinfangctl import` of exports of the 信访信息系统 and `xinfangctl reconcile`, run as the real
/// binary on fixtures written by scripts/make-exchange-fixture (openpyxl and Python's gbk codec).
@Suite struct ExchangeCLITests {
    let dir: URL
    var store: String { dir.appendingPathComponent("x.sqlite").path }
    var config: String { dir.appendingPathComponent("xinfangd.toml").path }
    let units = ["县人力资源和社会保障局", "县住房和城乡建设局", "县教育局"]

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-exchange-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
            [store]
            path = "\(store)"
            [calendar]
            directory = "\(CLI.packageRoot.path)/etc/calendars"
            [policy]
            default = "cn-2022"

            """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    func run(_ arguments: String...) throws -> CLI.Result {
        try CLI.run(arguments + ["--config", config, "--store", store],
                    environment: ["TZ": "Asia/Shanghai", "RUNTIME_DIRECTORY": dir.path])
    }

    @discardableResult
    func ok(_ arguments: String...) throws -> CLI.Result {
        let result = try CLI.run(arguments + ["--config", config, "--store", store],
                                 environment: ["TZ": "Asia/Shanghai", "RUNTIME_DIRECTORY": dir.path])
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// Writes the fixture export into `sub` (`--newer`: the next export of the same cases).
    func fixture(_ sub: String, newer: Bool = false) throws -> URL {
        let out = dir.appendingPathComponent(sub)
        let process = Process()
        process.executableURL = CLI.packageRoot.appendingPathComponent("scripts/make-exchange-fixture")
        process.arguments = [out.path] + (newer ? ["--newer"] : [])
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return out
    }

    func addUnits() throws {
        for unit in units { try ok("unit", "add", unit) }
    }

    @Test func importsTheWorkbookAndTheGBKFileIdempotently() throws {
        let fx = try fixture("v1")
        try addUnits()
        let xlsx = fx.appendingPathComponent("provincial.xlsx").path
        let first = try ok("import", xlsx)
        #expect(first.stdout.contains("40 row(s); added 40 case(s) and 0 event(s)"), "\(first.stdout)")
        #expect(first.stdout.contains("columns ignored (not in the profile): 证件类型, column V (no header)"), "\(first.stdout)")
        #expect(!first.stdout.contains("测试人") && !first.stdout.contains("1390000"), "no personal data in the summary")
        let again = try ok("import", xlsx)
        #expect(again.stdout.contains("added 0 case(s) and 0 event(s); 40 case(s) unchanged"), "\(again.stdout)")
        let gbk = try ok("import", fx.appendingPathComponent("provincial-gbk.csv").path)
        #expect(gbk.stdout.contains("(GB18030)") && gbk.stdout.contains("added 0 case(s) and 0 event(s); 40 case(s) unchanged"), "\(gbk.stdout)")
        let shown = try ok("case", "show", "XF-FX-000001")
        #expect(shown.stdout.contains("2026-02-02"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("测试人00001"), "the petitioner's name is stored, never shown")
    }

    @Test func aNewerExportAddsCasesAndEventsAndADryRunChangesNothing() throws {
        let v1 = try fixture("v1")
        let v2 = try fixture("v2", newer: true)
        try addUnits()
        try ok("import", v1.appendingPathComponent("provincial.xlsx").path)
        let newer = v2.appendingPathComponent("provincial.xlsx").path
        // The first 20 rows are now 受理 with a 受理日期; the next 3 已作出处理意见 with a 受理日期 and no
        // day for the opinion; 5 rows are new: 5 cases, 23 accepted events, 3 imported states.
        let dry = try ok("import", newer, "--dry-run")
        #expect(dry.stdout.contains("45 row(s); would add 5 case(s) and 23 event(s); 17 case(s) unchanged"), "\(dry.stdout)")
        #expect(dry.stdout.contains("3 imported state(s) would change"), "\(dry.stdout)")
        #expect(dry.stdout.contains("dry run: nothing was changed"))
        let dryAgain = try ok("import", newer, "--dry-run")
        #expect(dryAgain.stdout.contains("would add 5 case(s) and 23 event(s)"), "the dry run stored nothing: \(dryAgain.stdout)")
        let applied = try ok("import", newer)
        #expect(applied.stdout.contains("added 5 case(s) and 23 event(s)"), "\(applied.stdout)")
        #expect(applied.stdout.contains("状态无日期 3 case(s)") && applied.stdout.contains("已作出处理意见 ×3"), "\(applied.stdout)")
        let again = try ok("import", newer)
        #expect(again.stdout.contains("added 0 case(s) and 0 event(s); 45 case(s) unchanged, 23 event(s) already stored"), "\(again.stdout)")
        #expect(!again.stdout.contains("imported state(s) recorded"), "the same file twice changes nothing: \(again.stdout)")
        let shown = try ok("case", "show", "XF-FX-000001")
        // 登记日期 2026-02-05 + 3 days = 受理日期 2026-02-08.
        #expect(shown.stdout.contains("2026-02-08"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("导入状态"), "受理 with its day is an event, not an imported state")
        let opinion = try ok("case", "show", "XF-FX-000021")
        #expect(opinion.stdout.contains("导入状态 imported state: 已作出处理意见") && opinion.stdout.contains("(opinion_issued)"), "\(opinion.stdout)")
    }

    @Test func aChangedFactIsKeptAsRecordedAndUnitComesFromTheOption() throws {
        try addUnits()
        let header = "信访件编号,信访日期,信访目的,信访人数\r\n"
        let first = dir.appendingPathComponent("a.csv").path
        try (header + "XF-K-1,2026-03-02,建议,1\r\n").write(toFile: first, atomically: true, encoding: .utf8)
        let missing = try run("import", first)
        #expect(missing.status == 2 && missing.stderr.contains("no column 去向机构 for the handling unit: give it with --unit"), "\(missing.stderr)")
        let added = try ok("import", first, "--unit", "县教育局")
        #expect(added.stdout.contains("(UTF-8): 1 row(s); added 1 case(s)"), "\(added.stdout)")
        let second = dir.appendingPathComponent("b.csv").path
        try (header + "XF-K-1,2026-03-02,建议,3\r\n").write(toFile: second, atomically: true, encoding: .utf8)
        let kept = try ok("import", second, "--unit", "县教育局")
        #expect(kept.stdout.contains("kept as recorded: XF-K-1 (row 2): the export differs in persons"), "\(kept.stdout)")
        #expect(kept.stdout.contains("added 0 case(s) and 0 event(s)"), "\(kept.stdout)")
        let shown = try ok("case", "show", "XF-K-1", "--json")
        #expect(shown.stdout.contains("\"persons\" : 1"), "nothing recorded is rewritten: \(shown.stdout.prefix(400))")
    }

    @Test func aBadRowRefusesTheWholeExport() throws {
        try addUnits()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys
            from openpyxl import Workbook
            wb = Workbook(); ws = wb.active; ws.title = "导出"
            ws.append(["信访件编号", "信访日期", "信访目的", "去向机构"])
            ws.append(["XF-OK-1", "2026-03-02", "建议", "县教育局"])
            ws.append(["XF-OK-2", "2026-03-02", "建议", "县财政局"])
            wb.save(sys.argv[1])
            """, dir.appendingPathComponent("bad.xlsx").path]
        try process.run()
        process.waitUntilExit()
        let refused = try run("import", dir.appendingPathComponent("bad.xlsx").path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("bad.xlsx:导出!3:unit: unknown unit 县财政局"), "\(refused.stderr)")
        let lookup = try run("case", "show", "XF-OK-1")
        #expect(lookup.status != 0, "nothing was applied")
    }

    /// The four hand-checked rows of the fixture, with the 2026 holiday notice
    /// (国办发明电〔2025〕7号: 春节 2026-02-15…23, 国庆节 2026-10-01…07, 中秋节 2026-09-25…27).
    /// Xinfang's D1 (条例2022 第22条): 15 calendar days from 信访日期, the start day not counted; a due
    /// day on a rest day moves to the next working day.
    ///  1. 信访日期 2026-02-02 + 15 = 2026-02-17, in 春节 → 2026-02-24 (Tue). The source: 登记日期
    ///     2026-02-05 + 15 = 2026-02-20, left in 春节 → from_registration_not_rolled.
    ///  2. 2026-02-02 + 15 = 2026-02-17 → Xinfang 2026-02-24; the source kept 2026-02-17 → not_rolled.
    ///  3. 2026-03-02 + 15 = 2026-03-17, a Tuesday: both agree.
    ///  4. 2026-09-14 + 15 = 2026-09-29, a Tuesday (中秋节 ended on the 27th): Xinfang 2026-09-29. The
    ///     source: 登记日期 2026-09-16 + 15 = 2026-10-01, in 国庆节 → 2026-10-08 (Thu) → from_registration.
    @Test func reconcileExplainsTheHandCheckedRows() throws {
        let fx = try fixture("v1")
        try addUnits()
        let result = try ok("reconcile", fx.appendingPathComponent("provincial.xlsx").path, "--json", "--as-of", "2026-03-01")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let list = try #require(json["disagreements"] as? [[String: Any]])
        func row(_ number: String) -> [String: Any]? { list.first { $0["number"] as? String == number } }
        let one = try #require(row("XF-FX-000001"))
        #expect(one["kind"] as? String == "from_registration_not_rolled")
        #expect(one["xinfangDue"] as? String == "2026-02-24" && one["sourceDue"] as? String == "2026-02-20")
        #expect((one["xinfang"] as? String)?.contains("15 calendar days from 2026-02-02") == true, "\(one)")
        #expect((one["source"] as? String)?.contains("a holiday (春节)") == true, "\(one)")
        let two = try #require(row("XF-FX-000002"))
        #expect(two["kind"] as? String == "not_rolled" && two["xinfangDue"] as? String == "2026-02-24")
        #expect(row("XF-FX-000003") == nil, "row 3 agrees")
        let four = try #require(row("XF-FX-000004"))
        #expect(four["kind"] as? String == "from_registration" && four["xinfangDue"] as? String == "2026-09-29"
                && four["sourceDue"] as? String == "2026-10-08", "\(four)")
        #expect(json["compared"] as? Int == 40)
        let totals = try #require(json["totals"] as? [String: Int])
        #expect(totals.values.reduce(0, +) == list.count)
        let text = try ok("reconcile", fx.appendingPathComponent("provincial-gbk.csv").path, "--as-of", "2026-03-01")
        #expect(text.stdout.contains("XF-FX-000001 (row 2): 限办时间 2026-02-20 ≠ Xinfang 2026-02-24"), "\(text.stdout)")
        #expect(text.stdout.contains("40 compared"), "\(text.stdout)")
    }

    /// Reads a workbook with openpyxl: the first sheet's name and its rows, dates as YYYY-MM-DD.
    func openpyxlRows(_ path: String) throws -> (sheet: String, rows: [[String]]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, json, datetime
            from openpyxl import load_workbook
            ws = load_workbook(sys.argv[1]).worksheets[0]
            def text(v):
                if v is None: return ""
                if isinstance(v, datetime.datetime): return "date:" + v.date().isoformat()
                if isinstance(v, (int, float)): return "number:" + repr(v)
                return str(v)
            print(json.dumps({"sheet": ws.title, "rows": [[text(c) for c in row] for row in ws.iter_rows(values_only=True)]}))
            """, path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (json["sheet"] as? String ?? "", json["rows"] as? [[String]] ?? [])
    }

    @Test func exportedWorkbookAndCSVReadBackByOpenpyxlAndAsText() throws {
        let fx = try fixture("v1")
        try addUnits()
        try ok("import", fx.appendingPathComponent("provincial.xlsx").path)
        let xlsx = dir.appendingPathComponent("out.xlsx").path
        let written = try ok("export", "cases", "--unit", "县教育局", "--format", "xlsx", "--output", xlsx, "--as-of", "2026-03-01")
        // Rows 3, 6, 9 … of 40 go to 县教育局 (every third from the third): 13 cases.
        #expect(written.stdout.contains("13 case(s)"), "\(written.stdout)")
        let book = try openpyxlRows(xlsx)
        #expect(book.sheet == "信访件")
        #expect(book.rows.first?.prefix(5) == ["信访件编号", "信访日期", "信访目的", "信访形式", "去向机构"])
        let third = try #require(book.rows.first { $0.first == "XF-FX-000003" })
        #expect(third[1] == "date:2026-03-02" && third[2] == "建议意见" && third[4] == "县教育局" && third[5] == "number:1", "\(third)")
        // XF-FX-000003: D1 15 days from 2026-03-02 = 2026-03-17, open on 2026-03-01.
        #expect(third[11] == "D1 登记并转送/交办" && third[12] == "date:2026-03-17" && third[13] == "否", "\(third)")
        #expect(!book.rows.joined().joined().contains("测试人"), "no petitioner data in an export")
        let csv = try ok("export", "cases", "--format", "csv", "--status", "open", "--as-of", "2026-03-01")
        #expect(csv.stdout.hasPrefix("\u{FEFF}信访件编号,信访日期,"), "UTF-8 with a byte order mark")
        #expect(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 41)
        let bulletin = dir.appendingPathComponent("bulletin.xlsx").path
        try ok("report", "bulletin", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "xlsx", "--output", bulletin)
        let report = try openpyxlRows(bulletin)
        #expect(report.sheet == "信访通报" && report.rows.first == ["单位", "月份", "指标", "分子", "分母", "比率(%)"], "\(report.rows.prefix(2))")
        #expect(report.rows.count > 1 && report.rows[1][3].hasPrefix("number:"), "\(report.rows.prefix(2))")
    }
}
