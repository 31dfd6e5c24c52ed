import Foundation
import Testing
import XinfangCore
import XinfangNotify
import XinfangPolicy
import XinfangTesting

@Suite("Maildir notifier: 签收 links in the body")
struct MaildirAckLinkTests {
    static let link: @Sendable (Reminder) -> String = { "https://xf.example.cn/ack/token-\($0.id)" }

    static func body(_ message: OutgoingMessage, link: (@Sendable (Reminder) -> String)?) throws -> String {
        let root = TemporaryFolder.make("notify-link") + "/Maildir"
        defer { TemporaryFolder.remove((root as NSString).deletingLastPathComponent) }
        let path = try MaildirNotifier(root: root, ackLink: link).write(message)
        return try #require(ParsedMail(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))).decodedBody)
    }

    @Test("a reminder's mail ends with 签收：<link> and a line in English; without links configured it has none")
    func single() throws {
        let text = try Self.body(Fixture.message(), link: Self.link)
        let expected = Fixture.body + "\n\n签收：https://xf.example.cn/ack/token-42\n"
            + "Acknowledge (签收) this reminder by opening the link above; it is valid for 30 days.\n"
        #expect(text == expected.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try Self.body(Fixture.message(), link: nil) == Fixture.body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("a digest carries one link per reminder, each after that reminder's subject")
    func digest() throws {
        var second = Fixture.reminder(dedupeKey: "XF-2026-000124|D6|due|2026-12-11|unit:市住建局")
        second.id = 43
        second.subject = "【办理期限提醒】XF-2026-000124 应于2026-12-11前办结"
        var message = Fixture.message()
        message.reminders.append(second)
        let lines = try Self.body(message, link: Self.link).components(separatedBy: "\r\n")
        let links = lines.filter { $0.hasPrefix("签收：") }
        #expect(links == ["签收：https://xf.example.cn/ack/token-42", "签收：https://xf.example.cn/ack/token-43"])
        let at43 = try #require(lines.firstIndex(of: "签收：https://xf.example.cn/ack/token-43"))
        #expect(lines[at43 - 1] == second.subject)
    }
}
