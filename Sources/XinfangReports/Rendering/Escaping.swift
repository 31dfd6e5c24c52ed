/// Escaping for the three renderings. Unit names are data: they may hold any character.
enum Escaping {
    /// Text for HTML and for SVG (XML 1.0) alike: `& < > " '` as references, and the characters
    /// XML forbids (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF) as U+FFFD.
    static func markup(_ text: String) -> String {
        var needs = false
        for scalar in text.unicodeScalars where scalar.value < 0x20 || "&<>\"'".unicodeScalars.contains(scalar)
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
            needs = true
            break
        }
        guard needs else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out.append("\u{FFFD}")
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// One CSV field (RFC 4180 §2): quoted when it holds a comma, a quote, CR or LF (or starts or
    /// ends with a space, which some readers trim), quotes doubled inside.
    static func csvField(_ text: String) -> String {
        let needs = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            || text.utf8.first == 0x20 || text.utf8.last == 0x20
        guard needs else { return text }
        var out = "\""
        for ch in text.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        out += "\""
        return out
    }

    /// Text in a Markdown table cell or heading: punctuation Markdown reads is backslash-escaped,
    /// `<` and `&` become references (no raw HTML), line breaks become spaces.
    static func markdown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", "!", "|", "~", ">":
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
