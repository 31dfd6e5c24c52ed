/// Finds the line of a field in a TOML text, so that errors found after parsing can name it.
///
/// TOMLKit does not keep source positions of values; this scanner recovers them for the layouts
/// Xinfang's files use: `[table]` and `[[array]]` headers, `key = value` lines, and arrays of inline
/// tables written one entry per line (TOML requires an inline table to stay on one line).
/// Paths look like `holidays[2].from`, `case.received`, `events[0].type`.
struct TOMLSourceMap {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var openArray: (path: String, count: Int)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if var array = openArray {
                if line.hasPrefix("{") {
                    lines["\(array.path)[\(array.count)]"] = lineNumber
                    array.count += 1
                }
                openArray = line.hasSuffix("]") ? nil : array  // `]` alone, or `{ … } ]`, closes it
                continue
            }
            if line.hasPrefix("[[") {
                let name = String(line.dropFirst(2).prefix { $0 != "]" }).trimmingWhitespace()
                let n = arrayCounts[name, default: 0]
                arrayCounts[name] = n + 1
                table = "\(name)[\(n)]"
                lines[table] = lineNumber
                continue
            }
            if line.hasPrefix("[") {
                table = String(line.dropFirst().prefix { $0 != "]" }).trimmingWhitespace()
                lines[table] = lineNumber
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            var key = String(line[..<eq]).trimmingWhitespace()
            if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
            let path = table.isEmpty ? key : "\(table).\(key)"
            lines[path] = lineNumber
            let value = line[line.index(after: eq)...].trimmingWhitespace()
            if value.hasPrefix("[") {
                let rest = value.dropFirst().trimmingWhitespace()
                if rest.isEmpty || rest.hasPrefix("#") {
                    openArray = (path, 0)
                } else if rest.hasPrefix("{") {
                    // Entries on the opening line itself: `key = [ { … },` — count them, keep the array open if unclosed.
                    let entries = rest.components(separatedBy: "{").count - 1
                    for i in 0..<entries { lines["\(path)[\(i)]"] = lineNumber }
                    if !rest.hasSuffix("]") { openArray = (path, entries) }
                }
            }
        }
    }

    /// The line of `path`, or of the nearest enclosing entry or table that has one.
    func line(of path: String) -> Int? {
        var path = Substring(path)
        while !path.isEmpty {
            if let line = lines[String(path)] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
