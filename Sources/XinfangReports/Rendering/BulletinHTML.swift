extension Bulletin {
    /// The bulletin as one self-contained HTML page (UTF-8, lang=zh-CN, no script, no external
    /// resource): the counting rules, three inline SVG charts (cases by status per unit, the on-time
    /// rates month by month, the overdue trend), then per unit (in the order of `sections`) a table
    /// of cases by status and a table of measures, each measure's formula in the row under it.
    ///
    /// A measure table's caption is the unit's name; its header row is 指标 and the column labels;
    /// a measure cell reads "87.5%" (or "—") then "7 / 8": exactly the `value`, `numerator` and
    /// `denominator` of the matching `csv()` row.
    public func html() -> String {
        var out = ""
        out.reserveCapacity(16_384 + sections.count * (months.count + 1) * 1200)
        let title = "信访工作通报（\(from) 至 \(through)）"
        out += """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Escaping.markup(title))</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; margin: 0.8em 0; }
            caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            td.n b { font-weight: 600; } td.n small { display: block; color: #666; }
            tr.formula td { border-top: none; color: #555; font-size: 0.85em; background: #fafafa; }
            figure { margin: 1.5em 0; } figcaption { color: #444; margin-bottom: 0.4em; }
            ul.rules { color: #444; }
            </style>
            </head>
            <body>
            <h1>\(Escaping.markup(title))</h1>

            """
        if let unitFilter {
            out += "<p>单位：\(Escaping.markup(unitFilter))</p>\n"
        } else {
            out += "<p>单位：全部（\(units.count) 个）</p>\n"
        }
        out += "<p>统计口径：</p>\n<ul class=\"rules\">\n"
        for rule in Bulletin.countingRules { out += "<li>\(Escaping.markup(rule))</li>\n" }
        out += "</ul>\n"

        let scope = sections.first ?? total
        for chart in [BulletinCharts.statusBars(units), BulletinCharts.rateLines(scope, months: months),
                      BulletinCharts.overdueTrend(scope, months: months)] {
            out += "<figure>\n<figcaption>\(Escaping.markup(chart.caption))</figcaption>\n"
            out += chart.svg
            out += "\n</figure>\n"
        }

        let labels = columnLabels
        let header = labels.map { "<th>\($0)</th>" }.joined()
        for section in sections {
            let unit = Escaping.markup(section.unit)
            let columns = section.months + [section.period]
            out += "<section>\n<h2>\(unit)</h2>\n"
            out += "<table class=\"counts\">\n<caption>\(unit)：件数</caption>\n"
            out += "<thead><tr><th>月份</th><th>收到</th><th>受理</th><th>办结</th><th>在办（月末）</th><th>超期（月末）</th></tr></thead>\n<tbody>\n"
            for (label, f) in zip(labels, columns) {
                out += "<tr><th>\(label)</th><td class=\"n\">\(f.received)</td><td class=\"n\">\(f.accepted)</td>"
                out += "<td class=\"n\">\(f.answered)</td><td class=\"n\">\(f.pending)</td><td class=\"n\">\(f.overdue)</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            out += "<table class=\"measures\">\n<caption>\(unit)</caption>\n"
            out += "<thead><tr><th>指标</th>\(header)</tr></thead>\n<tbody>\n"
            for kind in MeasureKind.allCases {
                out += "<tr class=\"measure\"><th>\(kind.name)</th>"
                for figures in columns {
                    let measure = figures[kind]
                    out += "<td class=\"n\"><b>\(measure.percentText.map { "\($0)%" } ?? "—")</b>"
                    out += "<small>\(measure.numerator) / \(measure.denominator)</small></td>"
                }
                out += "</tr>\n<tr class=\"formula\"><td colspan=\"\(labels.count + 1)\">\(Escaping.markup(kind.formula))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }
}
