extension Bulletin {
    /// The header of `csv()`.
    public static let csvHeader = ["unit", "month", "measure", "numerator", "denominator", "value"]

    /// The measures as CSV (RFC 4180: CRLF line ends, fields quoted when needed, UTF-8 without BOM):
    /// a header, then one row per unit × month × measure, in the order of `sections`, months, then
    /// 全期, measures in `MeasureKind` order. `month` is "2026-01" or 全期; `unit` is 合计 for all
    /// units; `value` is the percentage with one decimal (`Measure.percentText`), empty when the
    /// denominator is 0.
    public func csv() -> String {
        var out = ""
        out.reserveCapacity(64 + sections.count * (months.count + 1) * MeasureKind.allCases.count * 48)
        out += Bulletin.csvHeader.joined(separator: ",")
        out += "\r\n"
        let labels = columnLabels.map(Escaping.csvField)
        let names = MeasureKind.allCases.map { Escaping.csvField($0.name) }
        for section in sections {
            let unit = Escaping.csvField(section.unit)
            for (label, figures) in zip(labels, section.months + [section.period]) {
                for (kind, name) in zip(MeasureKind.allCases, names) {
                    let measure = figures[kind]
                    out += unit
                    out += ","
                    out += label
                    out += ","
                    out += name
                    out += ",\(measure.numerator),\(measure.denominator),"
                    out += measure.percentText ?? ""
                    out += "\r\n"
                }
            }
        }
        return out
    }
}
