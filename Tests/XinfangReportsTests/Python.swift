import Foundation
import Testing
import XinfangTesting

/// Python 3's standard library (csv, html.parser, xml.etree) as an independent reader of what the
/// renderings write. Only `python3` on PATH is needed; a machine without it fails these tests.
extension Python {
    /// Writes `text` to a new file and runs `script` on its path; decodes the JSON it prints.
    static func read<T: Decodable>(_ type: T.Type, text: String, name: String, with script: String) throws -> T {
        let folder = TemporaryFolder.make("reports")
        defer { TemporaryFolder.remove(folder) }
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(T.self, from: run(script, [path]))
    }

    /// Reads a CSV file with Python's csv module (strict RFC 4180 quoting), then writes the rows back
    /// with csv.writer (minimal quoting, CRLF): prints {"rows": [[…]], "rewritten": "…"}.
    static let csvScript = #"""
        import csv, io, json, sys
        with open(sys.argv[1], newline='', encoding='utf-8') as f:
            rows = list(csv.reader(f, strict=True))
        out = io.StringIO()
        csv.writer(out, lineterminator='\r\n').writerows(rows)
        print(json.dumps({'rows': rows, 'rewritten': out.getvalue()}, ensure_ascii=False))
        """#

    /// Reads an HTML page with html.parser: every `table.measures` with its caption, header cells and
    /// body rows (class and cell texts, a cell's text pieces joined by one space).
    static let htmlTablesScript = #"""
        import json, sys
        from html.parser import HTMLParser

        class Tables(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.tables, self.table, self.row, self.cell = [], None, None, None
                self.caption, self.head = None, False

            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == 'table' and a.get('class') == 'measures':
                    self.table = {'caption': '', 'header': [], 'rows': []}
                elif self.table is None:
                    return
                elif tag == 'caption':
                    self.caption = []
                elif tag == 'thead':
                    self.head = True
                elif tag == 'tr':
                    self.row = {'class': a.get('class'), 'cells': []}
                elif tag in ('td', 'th'):
                    self.cell = []

            def handle_endtag(self, tag):
                if self.table is None:
                    return
                if tag == 'caption':
                    self.table['caption'] = ''.join(self.caption)
                    self.caption = None
                elif tag == 'thead':
                    self.head = False
                elif tag in ('td', 'th') and self.cell is not None:
                    self.row['cells'].append(' '.join(p.strip() for p in self.cell if p.strip()))
                    self.cell = None
                elif tag == 'tr' and self.row is not None:
                    if self.head:
                        self.table['header'] = self.row['cells']
                    else:
                        self.table['rows'].append(self.row)
                    self.row = None
                elif tag == 'table':
                    self.tables.append(self.table)
                    self.table = None

            def handle_data(self, data):
                if self.caption is not None:
                    self.caption.append(data)
                elif self.cell is not None:
                    self.cell.append(data)

        parser = Tables()
        parser.feed(open(sys.argv[1], encoding='utf-8').read())
        parser.close()
        print(json.dumps(parser.tables, ensure_ascii=False))
        """#

    /// Cuts every `<svg …>…</svg>` out of an HTML page and parses it with xml.etree (an XML parser:
    /// a stray `&` or `<` fails it): per SVG its root tag, its <title>, the visible text of its
    /// <text> elements, the tooltips of those that have one (unit labels), and how many rects,
    /// circles and paths it draws.
    static let svgScript = #"""
        import json, sys
        import xml.etree.ElementTree as ET
        page = open(sys.argv[1], encoding='utf-8').read()
        ns = '{http://www.w3.org/2000/svg}'
        result, start = [], 0
        while True:
            begin = page.find('<svg', start)
            if begin < 0:
                break
            end = page.index('</svg>', begin) + len('</svg>')
            root = ET.fromstring(page[begin:end])
            labels = [t.find(ns + 'title').text for t in root.iter(ns + 'text') if t.find(ns + 'title') is not None]
            result.append({'tag': root.tag, 'title': root.find(ns + 'title').text,
                           'texts': [(t.text or '') + ''.join(c.tail or '' for c in t) for t in root.iter(ns + 'text')],
                           'labels': labels, 'rects': len(list(root.iter(ns + 'rect'))),
                           'circles': len(list(root.iter(ns + 'circle'))), 'paths': len(list(root.iter(ns + 'path')))})
            start = end
        print(json.dumps(result, ensure_ascii=False))
        """#
}
