import Foundation
import Testing
import XinfangCore
import XinfangReports
import XinfangTesting

/// The three renderings, read back by independent parsers (Python's csv, html.parser, xml.etree).
@Suite struct BulletinRenderingTests {
    let bulletin = Fixture.bulletin

    struct CSVReading: Decodable {
        let rows: [[String]]
        let rewritten: String
    }

    struct HTMLTable: Decodable {
        struct Row: Decodable {
            let `class`: String?
            let cells: [String]
        }
        let caption: String
        let header: [String]
        let rows: [Row]
    }

    struct SVGReading: Decodable {
        let tag: String
        let title: String
        let texts: [String]
        let labels: [String]
        let rects: Int
        let circles: Int
        let paths: Int
    }

    /// The rows the CSV must hold, built from the figures (not from the CSV text).
    func expectedRows(_ bulletin: Bulletin) -> [[String]] {
        var rows = [Bulletin.csvHeader]
        for section in bulletin.sections {
            for (label, figures) in zip(bulletin.months.map(\.label) + ["全期"], section.months + [section.period]) {
                for kind in MeasureKind.allCases {
                    let m = figures[kind]
                    rows.append([section.unit, label, kind.name, "\(m.numerator)", "\(m.denominator)", m.percentText ?? ""])
                }
            }
        }
        return rows
    }

    @Test func csvRoundTripsThroughPythonsCSVModule() throws {
        let csv = bulletin.csv()
        let reading = try Python.read(CSVReading.self, text: csv, name: "bulletin.csv", with: Python.csvScript)
        // 合计 and 3 units × (2 months + 全期) × 7 measures, and the header.
        #expect(reading.rows.count == 1 + 4 * 3 * 7)
        #expect(reading.rows == expectedRows(bulletin))
        // The town's name survives quoting: comma, quotes, <, >, &.
        let townRow: [String] = [Fixture.town, "2026-02", "按期办结率", "1", "2", "50.0"]
        #expect(reading.rows.contains(townRow))
        // Python writes the same bytes back: same minimal quoting, CRLF line ends.
        #expect(reading.rewritten == csv)
        #expect(csv.contains("\r\n\"城关镇, \"\"河西\"\"街道 <联合> & 社区\",2026-01,及时受理率,2,2,100.0\r\n"))
    }

    @Test func htmlMeasureTablesShowExactlyTheCSVNumbers() throws {
        let html = bulletin.html()
        let tables = try Python.read([HTMLTable].self, text: html, name: "bulletin.html", with: Python.htmlTablesScript)
        let csv = try Python.read(CSVReading.self, text: bulletin.csv(), name: "bulletin.csv", with: Python.csvScript).rows
        #expect(tables.map(\.caption) == bulletin.sections.map(\.unit))

        // Rebuild CSV rows from what a reader of the page sees, and compare them with the CSV.
        var fromHTML = [Bulletin.csvHeader]
        for table in tables {
            #expect(table.header == ["指标", "2026-01", "2026-02", "全期"])
            let months = Array(table.header.dropFirst())
            let measureRows = table.rows.filter { $0.class == "measure" }
            let formulaRows = table.rows.filter { $0.class == "formula" }
            #expect(measureRows.count == MeasureKind.allCases.count)
            // Each measure row is followed by its formula.
            #expect(table.rows.map(\.class) == Array(repeating: ["measure", "formula"], count: MeasureKind.allCases.count).flatMap { $0 })
            for (row, formula) in zip(measureRows, formulaRows) {
                let name = row.cells[0]
                #expect(formula.cells == [MeasureKind.allCases.first { $0.name == name }?.formula ?? "no measure \(name)"])
                for (month, cell) in zip(months, row.cells.dropFirst()) {
                    // "87.5% 7 / 8" or "— 0 / 0"
                    let parts = cell.split(separator: " ").map(String.init)
                    guard parts.count == 4, parts[2] == "/" else {
                        Issue.record("\(table.caption) \(month) \(name): unreadable cell \(cell)")
                        continue
                    }
                    let value = parts[0] == "—" ? "" : parts[0].hasSuffix("%") ? String(parts[0].dropLast()) : "not a percentage: \(parts[0])"
                    fromHTML.append([table.caption, month, name, parts[1], parts[3], value])
                }
            }
        }
        // The same rows: the page is by measure then month, the CSV by month then measure.
        #expect(fromHTML.first == csv.first)
        #expect(fromHTML.count == csv.count)
        let key = { (row: [String]) in row.prefix(3).joined(separator: "\u{1F}") }
        let csvByKey = Dictionary(csv.dropFirst().map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        #expect(csvByKey.count == csv.count - 1, "one CSV row per unit × month × measure")
        for row in fromHTML.dropFirst() {
            #expect(csvByKey[key(row)] == row, "HTML \(row) ≠ CSV \(csvByKey[key(row)] ?? [])")
        }
    }

    @Test func htmlIsOneSelfContainedPage() {
        let html = bulletin.html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        for external in ["<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import"] {
            #expect(!html.contains(external), "\(external)")
        }
        // The only URL is the SVG namespace, which is a name, not a resource.
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "://") == nil)
        // The town's name appears escaped, never raw.
        #expect(!html.contains(Fixture.town))
        #expect(html.contains("城关镇, &quot;河西&quot;街道 &lt;联合&gt; &amp; 社区"))
    }

    @Test func svgChartsAreWellFormedXML() throws {
        let svgs = try Python.read([SVGReading].self, text: bulletin.html(), name: "bulletin.html", with: Python.svgScript)
        #expect(svgs.count == 3)
        #expect(svgs.allSatisfy { $0.tag == "{http://www.w3.org/2000/svg}svg" })
        #expect(svgs.map(\.title) == ["各单位件数（按状态）", "合计：及时受理率、按期办结率逐月变化（%）", "合计：月末超期未办结件数"])
        let bars = svgs[0]
        // One label per unit, the full name (parsed back from XML) as its tooltip, largest first:
        // 县人社局 and 县自然资源局 have 4 answered + 2 pending, the town 3 + 1.
        #expect(bars.labels == [Fixture.hr, Fixture.land, Fixture.town])
        // A long name is cut on the axis (its tooltip has it whole).
        #expect(bars.texts.contains("城关镇, \"河西\"街道…"))
        // Legend 3 swatches; segments: 县人社局 answered, pending, overdue; 县自然资源局 the same; the town answered, pending.
        #expect(bars.rects == 3 + 3 + 3 + 2)
        // Rate lines: 3 series, every month has a value: 3 paths, 6 dots, with the CSV's figures as text.
        #expect(svgs[1].paths == 3)
        #expect(svgs[1].circles == 6)
        // Overdue trend: 1 at the end of January (B3), 2 at the end of February (A1, B3).
        #expect(svgs[2].paths == 1)
        #expect(svgs[2].circles == 2)
        #expect(svgs[2].texts.suffix(2) == ["1", "2"])
    }

    @Test func statusBarsShowTheTop20UnitsWhenThereAreMore() throws {
        // 25 units; unit k has k + 1 cases answered in January, so units 5…24 are the top 20.
        var cases: [BulletinCase] = []
        for k in 0..<25 {
            for i in 0...k {
                cases.append(Fixture.c("U\(k)-\(i)", "单位\(k)", received: "2026-01-02", accepted: "2026-01-03", answered: "2026-01-10"))
            }
        }
        let b = Bulletin.compute(cases: cases, from: Fixture.from, through: Fixture.through, unit: nil)
        let svgs = try Python.read([SVGReading].self, text: b.html(), name: "bulletin.html", with: Python.svgScript)
        #expect(svgs[0].title == "各单位件数（按状态）：件数最多的前 20 个单位（共 25 个）")
        #expect(svgs[0].labels == (5..<25).reversed().map { "单位\($0)" })
        // The tables still show every unit.
        let tables = try Python.read([HTMLTable].self, text: b.html(), name: "bulletin.html", with: Python.htmlTablesScript)
        #expect(tables.count == 26)
    }

    @Test func markdownHasATablePerUnitAndTheFormulasUnderIt() {
        let md = bulletin.markdown()
        #expect(md.hasPrefix("# 信访工作通报（2026-01-01 至 2026-02-28）\n"))
        // The town's heading: Markdown punctuation escaped, no raw HTML.
        #expect(md.contains("\n## 城关镇, \"河西\"街道 &lt;联合\\> &amp; 社区\n"))
        #expect(md.contains("| 2026-02 | 3 | 1 | 2 | 2 | 1 |"))  // 县人社局, February (see the measure tests)
        #expect(md.contains("| 按期办结率 | 75.0%（3/4） | 85.7%（6/7） | 81.8%（9/11） |"))  // 合计
        // Every section lists all seven formulas right after its measure table.
        let sections = md.components(separatedBy: "\n## ").dropFirst()
        #expect(sections.count == 4)
        for section in sections {
            let formulas = MeasureKind.allCases.map { "- \($0.formula)" }.joined(separator: "\n")
            #expect(section.contains("| 一次性化解率 |"))
            #expect(section.contains("|\n\n" + formulas + "\n"))
        }
    }

    @Test(.enabled(if: Chromium.path != nil, "chromium is not installed: no headless screenshot of the HTML bulletin"))
    func htmlRendersInHeadlessChromium() throws {
        let folder = TemporaryFolder.make("reports")
        defer { TemporaryFolder.remove(folder) }
        let page = folder + "/bulletin.html"
        let shot = folder + "/bulletin.png"
        try Data(bulletin.html().utf8).write(to: URL(fileURLWithPath: page))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Chromium.path ?? "/usr/bin/chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,2400",
                             "--screenshot=\(shot)", "file://\(page)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 20_000, "a blank page compresses to a few KiB; charts and tables do not")
    }
}

/// Headless Chromium, when installed (`chromium` or `chromium-browser` on PATH).
enum Chromium {
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()
}
