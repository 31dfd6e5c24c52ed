/// The three charts of the HTML bulletin, drawn as inline SVG.
enum BulletinCharts {
    static let answeredColor = "#4e79a7"
    static let pendingColor = "#f2b134"
    static let overdueColor = "#e15759"
    static let rateColors: [MeasureKind: String] = [
        .timelyAcceptance: "#59a14f", .onTimeAnswer: "#4e79a7", .onTimeAnswerWithOverdue: "#b07aa1",
    ]
    static let rateKinds: [MeasureKind] = [.timelyAcceptance, .onTimeAnswer, .onTimeAnswerWithOverdue]
    static let width = 820

    /// Cases by status per unit, as stacked horizontal bars over the whole period: answered in the
    /// period, in hand at its end (not overdue), overdue at its end. The `limit` units with the most
    /// such cases (ties by name) when there are more.
    static func statusBars(_ units: [BulletinUnit], limit: Int = 20) -> (svg: String, caption: String) {
        let ranked = units.sorted {
            let a = $0.period.answered + $0.period.pending, b = $1.period.answered + $1.period.pending
            return a != b ? a > b : $0.unit < $1.unit
        }
        let shown = Array(ranked.prefix(limit))
        let caption = units.count > limit
            ? "各单位件数（按状态）：件数最多的前 \(limit) 个单位（共 \(units.count) 个）"
            : "各单位件数（按状态）"
        let labelWidth = 190.0, right = 60.0, top = 44.0, row = 24.0, bar = 16.0, bottom = 34.0
        let height = Int(top + Double(max(shown.count, 1)) * row + bottom)
        var svg = SVGWriter(width: width, height: height, label: caption)
        var x = labelWidth
        x = svg.legend("期内办结", x: x, y: 20, color: answeredColor)
        x = svg.legend("期末在办（未超期）", x: x, y: 20, color: pendingColor)
        _ = svg.legend("期末超期", x: x, y: 20, color: overdueColor)
        let plot = Double(width) - labelWidth - right
        let largest = shown.map { $0.period.answered + $0.period.pending }.max() ?? 0
        let axis = Numbers.niceAxis(largest)
        let scale = plot / Double(axis.max)
        let axisY = top + Double(max(shown.count, 1)) * row
        for tick in stride(from: 0, through: axis.max, by: axis.step) {
            let tx = labelWidth + Double(tick) * scale
            svg.line(x1: tx, y1: top - 4, x2: tx, y2: axisY, stroke: "#ddd", dashed: tick != 0)
            svg.text("\(tick)", x: tx, y: axisY + 16, anchor: "middle", fill: "#666")
        }
        if shown.isEmpty {
            svg.text("无数据", x: labelWidth + plot / 2, y: top + row / 2 + 4, anchor: "middle", fill: "#999")
        }
        for (index, unit) in shown.enumerated() {
            let y = top + Double(index) * row + (row - bar) / 2
            let p = unit.period
            svg.text(abbreviated(unit.unit), x: labelWidth - 8, y: y + bar - 3, anchor: "end", title: unit.unit)
            var left = labelWidth
            for (count, color, status) in [(p.answered, answeredColor, "期内办结"),
                                           (p.pending - p.overdue, pendingColor, "期末在办（未超期）"),
                                           (p.overdue, overdueColor, "期末超期")] where count > 0 {
                let w = Double(count) * scale
                svg.rect(x: left, y: y, width: w, height: bar, fill: color, title: "\(unit.unit) \(status) \(count) 件")
                left += w
            }
            svg.text("\(p.answered + p.pending)", x: left + 4, y: y + bar - 3, fill: "#666")
        }
        return (svg.finish(), caption)
    }

    /// The on-time rates month by month (lines), 0–100 %, for one scope (合计 or the filtered unit).
    static func rateLines(_ scope: BulletinUnit, months: [BulletinMonth]) -> (svg: String, caption: String) {
        let caption = "\(scope.unit)：及时受理率、按期办结率逐月变化（%）"
        var frame = MonthFrame(months: months, height: 300, label: caption)
        frame.yAxis(max: 100, step: 20, suffix: "%")
        var x = frame.left
        for kind in rateKinds { x = frame.svg.legend(kind.name, x: x, y: 20, color: rateColors[kind]!) }
        for kind in rateKinds {
            let color = rateColors[kind]!
            let points: [(x: Double, y: Double)?] = scope.months.enumerated().map { m, figures in
                figures[kind].percentTenths.map { (frame.x(m), frame.y(Double($0) / 10, max: 100)) }
            }
            frame.svg.polyline(points, stroke: color)
            for (m, figures) in scope.months.enumerated() {
                let measure = figures[kind]
                guard let point = points[m], let text = measure.percentText else { continue }
                frame.svg.circle(x: point.x, y: point.y, radius: 3.5, fill: color,
                                 title: "\(months[m].label) \(kind.name) \(text)%（\(measure.numerator)/\(measure.denominator)）")
            }
        }
        return (frame.svg.finish(), caption)
    }

    /// Overdue pending cases at each month's end (a line), for one scope.
    static func overdueTrend(_ scope: BulletinUnit, months: [BulletinMonth]) -> (svg: String, caption: String) {
        let caption = "\(scope.unit)：月末超期未办结件数"
        var frame = MonthFrame(months: months, height: 260, label: caption)
        let axis = Numbers.niceAxis(scope.months.map(\.overdue).max() ?? 0)
        frame.yAxis(max: axis.max, step: axis.step, suffix: "")
        _ = frame.svg.legend("超期未办结（月末）", x: frame.left, y: 20, color: overdueColor)
        let points: [(x: Double, y: Double)?] = scope.months.enumerated().map { m, figures in
            (frame.x(m), frame.y(Double(figures.overdue), max: Double(axis.max)))
        }
        frame.svg.polyline(points, stroke: overdueColor)
        for (m, figures) in scope.months.enumerated() {
            guard let point = points[m] else { continue }
            frame.svg.circle(x: point.x, y: point.y, radius: 3.5, fill: overdueColor,
                             title: "\(months[m].label) 超期未办结 \(figures.overdue) 件")
            frame.svg.text("\(figures.overdue)", x: point.x, y: point.y - 8, anchor: "middle", fill: overdueColor)
        }
        return (frame.svg.finish(), caption)
    }

    /// A unit name cut to 11 characters for an axis label (the full name is its tooltip).
    static func abbreviated(_ name: String) -> String {
        name.count <= 12 ? name : String(name.prefix(11)) + "…"
    }
}

/// A chart with months along x and a value axis along y.
struct MonthFrame {
    var svg: SVGWriter
    let months: [BulletinMonth]
    let left = 56.0, right = 24.0, top = 40.0, bottom = 36.0
    let height: Double

    init(months: [BulletinMonth], height: Int, label: String) {
        self.months = months
        self.height = Double(height)
        svg = SVGWriter(width: BulletinCharts.width, height: height, label: label)
        let every = max(1, (months.count + 11) / 12)
        for (m, month) in months.enumerated() where m % every == 0 {
            svg.text(month.label, x: x(m), y: self.height - bottom + 18, anchor: "middle", fill: "#666")
        }
    }

    /// The x of month `m`: spread over the plot, centred when alone.
    func x(_ m: Int) -> Double {
        let plot = Double(BulletinCharts.width) - left - right
        guard months.count > 1 else { return left + plot / 2 }
        return left + 12 + Double(m) * (plot - 24) / Double(months.count - 1)
    }

    /// The y of `value` on an axis from 0 to `max`.
    func y(_ value: Double, max: Double) -> Double {
        let plot = height - top - bottom
        return top + plot - value / max * plot
    }

    /// Grid lines and labels from 0 to `max`.
    mutating func yAxis(max: Int, step: Int, suffix: String) {
        for tick in stride(from: 0, through: max, by: step) {
            let ty = y(Double(tick), max: Double(max))
            svg.line(x1: left, y1: ty, x2: Double(BulletinCharts.width) - right, y2: ty, stroke: "#ddd", dashed: tick != 0)
            svg.text("\(tick)\(suffix)", x: left - 6, y: ty + 4, anchor: "end", fill: "#666")
        }
    }
}
