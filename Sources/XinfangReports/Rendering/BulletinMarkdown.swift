extension Bulletin {
    /// What a rendering shows, in order: the one unit when filtered, otherwise 合计 and then every
    /// unit by name. Markdown, CSV and HTML all show exactly these.
    public var sections: [BulletinUnit] {
        unitFilter == nil ? [total] + units : units
    }

    /// The column labels of a measure or count table: every month, then 全期.
    var columnLabels: [String] { months.map(\.label) + [Bulletin.periodLabel] }

    /// The rules a reader needs to read the numbers (printed at the top of Markdown and HTML).
    static let countingRules: [String] = [
        "收到件数、重复信访率按收到日所在月份计；受理件数、及时受理率、一次性化解率按受理日所在月份计；办结件数、按期办结率、参评率、满意率按办结日所在月份计。",
        "在办、超期为月末（全期为期末）的存量：已受理、尚未办结；超期指已过办理期限（含延期）。期末之后发生的受理、办结不计入。",
        "比率以百分数表示，保留一位小数，四舍五入（按分子分母精确计算）；分母为 0 时不计算，记为“—”。",
    ]

    /// The bulletin as Markdown: the counting rules, then per unit a table of cases by status and a
    /// table of measures, each measure's formula listed under it.
    public func markdown() -> String {
        var out = ""
        out.reserveCapacity(2048 + sections.count * (months.count + 1) * 700)
        out += "# 信访工作通报（\(from) 至 \(through)）\n\n"
        if let unitFilter {
            out += "单位：\(Escaping.markdown(unitFilter))\n\n"
        } else {
            out += "单位：全部（\(units.count) 个）\n\n"
        }
        out += "统计口径：\n\n"
        for rule in Bulletin.countingRules { out += "- \(rule)\n" }
        out += "\n"
        let labels = columnLabels
        for section in sections {
            out += "## \(Escaping.markdown(section.unit))\n\n"
            out += "| 月份 | 收到 | 受理 | 办结 | 在办（月末） | 超期（月末） |\n"
            out += "|---|---:|---:|---:|---:|---:|\n"
            for (label, figures) in zip(labels, section.months + [section.period]) {
                out += "| \(label) | \(figures.received) | \(figures.accepted) | \(figures.answered) | \(figures.pending) | \(figures.overdue) |\n"
            }
            out += "\n| 指标 |"
            for label in labels { out += " \(label) |" }
            out += "\n|---|"
            for _ in labels { out += "---:|" }
            out += "\n"
            for kind in MeasureKind.allCases {
                out += "| \(kind.name) |"
                for figures in section.months + [section.period] {
                    let measure = figures[kind]
                    out += " \(measure.percentText.map { "\($0)%" } ?? "—")（\(measure.numerator)/\(measure.denominator)） |"
                }
                out += "\n"
            }
            out += "\n"
            for kind in MeasureKind.allCases { out += "- \(kind.formula)\n" }
            out += "\n"
        }
        return out
    }
}
