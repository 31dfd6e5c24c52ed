import Testing
@testable import XinfangWeb

@Suite("HTML.escape: the parts of a page written in Swift are escaped as Mustache's {{…}} escapes")
struct HTMLEscapeTests {
    @Test("<, >, &, \" and ' are replaced; other text, Chinese included, is kept as it is")
    func escapes() {
        #expect(HTML.escape("<script>alert('x')</script> & \"引号\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;引号&quot;")
        #expect(HTML.escape("拖欠工资 XF-2026-900001 2026-09-18") == "拖欠工资 XF-2026-900001 2026-09-18")
        #expect(HTML.escape("") == "")
        #expect(HTML.escape("👨‍👩‍👧<") == "👨‍👩‍👧&lt;")
    }
}
