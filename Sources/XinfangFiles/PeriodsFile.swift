public import XinfangCore

/// `etc/periods.toml`: the escalation-risk periods (敏感时期) the bureau configures.
///
/// ```toml
/// [[periods]]
/// name = "全国两会"
/// first = 2026-03-03
/// last = 2026-03-15
/// level = 2
/// units = []                     # empty: every unit
/// report_cutoff = "16:00"        # the daily report (零报告 included) is due by then
/// ```
public enum PeriodsFile {
    /// Reads and validates the file; every error names file, line and field.
    public static func read(path: String) throws(InputErrors) -> [SensitivePeriod] {
        let root: FieldReader
        do throws(InputError) { root = try DataDocument.read(path: path).reader } catch { throw InputErrors([error]) }
        var periods: [SensitivePeriod] = []
        var errors: [InputError] = []
        do throws(InputError) {
            try root.rejectUnknownKeys(["periods"])
            for entry in try root.tables("periods") {
                try entry.rejectUnknownKeys(["name", "first", "last", "level", "units", "report_cutoff"])
                var cutoff = 16 * 60
                if entry.has("report_cutoff") {
                    let text = try entry.string("report_cutoff")
                    let parts = text.split(separator: ":")
                    guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else {
                        throw entry.error("report_cutoff", "\"\(text)\" is not a time like 16:00")
                    }
                    cutoff = h * 60 + m
                }
                let period = SensitivePeriod(
                    name: try entry.nonEmptyString("name"), first: try entry.day("first"), last: try entry.day("last"),
                    level: entry.has("level") ? try entry.int("level", in: 1...9) : 1,
                    units: entry.has("units") ? try entry.strings("units") : [], dailyReportCutoffMinute: cutoff)
                errors += period.validate(source: path, line: entry.line(), field: entry.path)
                periods.append(period)
            }
        } catch {
            errors.append(error)
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return periods
    }
}
