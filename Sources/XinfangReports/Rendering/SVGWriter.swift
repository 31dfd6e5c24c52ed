/// Writes one self-contained SVG element (XML 1.0, SVG namespace, presentation attributes only),
/// every text escaped.
struct SVGWriter {
    private(set) var out = ""

    init(width: Int, height: Int, label: String) {
        out.reserveCapacity(8192)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
        out += "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(Escaping.markup(label))\" "
        out += "font-family=\"sans-serif\" font-size=\"12\">"
        out += "<title>\(Escaping.markup(label))</title>"
    }

    /// A filled rectangle, with a tooltip.
    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil) {
        out += "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"\(fill)\""
        closing(title, element: "rect")
    }

    /// A straight line.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false) {
        out += "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\""
        if dashed { out += " stroke-dasharray=\"3 3\"" }
        out += "/>"
    }

    /// Connected points; a nil breaks the line.
    mutating func polyline(_ points: [(x: Double, y: Double)?], stroke: String, width: Double = 2) {
        var d = ""
        var pen = false
        for point in points {
            guard let point else { pen = false; continue }
            d += pen ? " L" : (d.isEmpty ? "M" : " M")
            d += "\(c(point.x)) \(c(point.y))"
            pen = true
        }
        guard !d.isEmpty else { return }
        out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\" stroke-linejoin=\"round\"/>"
    }

    /// A dot, with a tooltip.
    mutating func circle(x: Double, y: Double, radius: Double, fill: String, title: String? = nil) {
        out += "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(radius))\" fill=\"\(fill)\""
        closing(title, element: "circle")
    }

    /// A text; `anchor` is start, middle or end.
    mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", fill: String = "#333",
                       size: Int? = nil, title: String? = nil) {
        out += "<text x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let size { out += " font-size=\"\(size)\"" }
        out += ">"
        if let title { out += "<title>\(Escaping.markup(title))</title>" }
        out += Escaping.markup(text)
        out += "</text>"
    }

    /// A legend entry: a swatch and its label; returns the x after it.
    mutating func legend(_ label: String, x: Double, y: Double, color: String) -> Double {
        rect(x: x, y: y - 10, width: 12, height: 12, fill: color)
        text(label, x: x + 16, y: y)
        return x + 16 + Double(label.count) * 12 + 18
    }

    /// The closed element.
    mutating func finish() -> String {
        out += "</svg>"
        return out
    }

    /// Ends an opened element: empty, or holding its tooltip.
    private mutating func closing(_ title: String?, element: String) {
        if let title {
            out += "><title>\(Escaping.markup(title))</title></\(element)>"
        } else {
            out += "/>"
        }
    }

    private func c(_ value: Double) -> String { Numbers.coordinate(value) }
}
