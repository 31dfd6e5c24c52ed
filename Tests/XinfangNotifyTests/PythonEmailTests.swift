import Foundation
import Testing
import XinfangNotify
import XinfangTesting

/// Python's `email` package with `policy.default` as an independent reader of what we write.
@Suite("Maildir message read by Python's email package")
struct PythonEmailTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static let script = """
        import sys, json, email, email.policy
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
        to = m['To'].addresses[0]
        defects = [type(d).__name__ for d in m.defects]
        for name in m.keys():
            defects += [type(d).__name__ for d in m[name].defects]
        print(json.dumps({
            'subject': str(m['Subject']), 'to_name': to.display_name, 'to_addr': to.addr_spec,
            'body': m.get_content(), 'message_id': str(m['Message-ID']), 'key': str(m['X-Xinfang-Dedupe-Key']),
            'type': m.get_content_type(), 'charset': m.get_content_charset(),
            'date_has_zone': m['Date'].datetime.tzinfo is not None, 'defects': defects,
        }))
        """

    @Test("python3 decodes the subject, recipient, body and key back to the originals", .enabled(if: python != nil))
    func pythonReadsTheMessage() throws {
        let root = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(root) }
        let message = Fixture.message()
        let path = try MaildirNotifier(root: root).write(message)

        let output = try Python.execute(Self.script, [path])
        #expect(output.status == 0)

        let parsed = try #require(try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any])
        #expect(parsed["subject"] as? String == message.subject)
        #expect(parsed["to_name"] as? String == message.recipient.name)
        #expect(parsed["to_addr"] as? String == message.recipient.address)
        #expect((parsed["body"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == message.body)
        #expect(parsed["key"] as? String == message.dedupeKey)
        #expect(parsed["type"] as? String == "text/plain")
        #expect(parsed["charset"] as? String == "utf-8")
        #expect(parsed["date_has_zone"] as? Bool == true)
        #expect((parsed["message_id"] as? String)?.hasSuffix("@xinfangd>") == true)
        #expect(parsed["defects"] as? [String] == [])
    }
}
