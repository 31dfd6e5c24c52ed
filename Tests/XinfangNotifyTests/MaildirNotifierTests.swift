import Foundation
import Testing
import XinfangCore
import XinfangNotify
import XinfangPolicy
import XinfangTesting

@Suite("Maildir notifier")
struct MaildirNotifierTests {
    @Test("delivers one CRLF message into new/ and leaves nothing in tmp/")
    func deliversIntoNew() throws {
        let root = TemporaryFolder.make("notify") + "/Maildir"
        defer { TemporaryFolder.remove((root as NSString).deletingLastPathComponent) }
        let path = try MaildirNotifier(root: root).write(Fixture.message())

        #expect(Fixture.files(in: root + "/tmp").isEmpty)
        #expect(Fixture.files(in: root + "/cur").isEmpty)
        let names = Fixture.files(in: root + "/new")
        #expect(names.count == 1)
        #expect(path == root + "/new/" + names[0])
        #expect(names[0].wholeMatch(of: /\d+\.X[0-9a-f]{32}\..+/) != nil, "unique name \(names[0])")

        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        for (i, byte) in bytes.enumerated() where byte == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
        let mail = ParsedMail(bytes: bytes)
        for name in ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Xinfang-Dedupe-Key"] {
            #expect(mail.headers[name] != nil, "missing \(name)")
        }
        #expect(mail.headers["From"] == " xinfangd@localhost")
        #expect(mail.headers["Content-Type"] == " text/plain; charset=UTF-8")
        #expect(mail.headers["Content-Transfer-Encoding"] == " base64")
        #expect(mail.headers["Message-ID"]?.wholeMatch(of: /\ <[0-9a-f]{32}@xinfangd>/) != nil)
        #expect(mail.headers["Date"]?.wholeMatch(of: /\ (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}/) != nil)
        #expect(mail.decoded("Subject") == Fixture.subject)
        #expect(mail.decoded("To") == "市住房和城乡建设局信访办公室")
        #expect(mail.headers["To"]?.hasSuffix(" <zjj@example.gov.cn>") == true)
        #expect(mail.decoded("X-Xinfang-Dedupe-Key") == Fixture.message().dedupeKey)
        #expect(mail.decodedBody == Fixture.body.replacingOccurrences(of: "\n", with: "\r\n"))  // text/plain canonical form
        #expect(mail.bodyText.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }

    @Test("encoded-words are at most 75 characters, lines at most 76, and each word is whole UTF-8")
    func encodedWordsStayWithinLimits() throws {
        let root = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(root) }
        let mail = ParsedMail(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: try MaildirNotifier(root: root).write(Fixture.message())))))
        let words = mail.encodedWords("Subject")
        #expect(words.count > 2)
        for word in words {
            #expect(word.count <= 75)
            let payload = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            #expect(String(validating: Array(payload), as: UTF8.self) != nil, "\(word) splits a UTF-8 sequence")
        }
        for line in mail.headerLines where line.contains("=?") { #expect(line.count <= 76, "\(line)") }
    }

    @Test("the Message-ID and file name come from the dedupe key: a repeated delivery is found, not written twice")
    func messageIDIsStable() throws {
        let root = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(root) }
        let notifier = MaildirNotifier(root: root)
        let first = try notifier.write(Fixture.message())
        let other = try notifier.write(Fixture.message(dedupeKey: "XF-2026-000123|D6|due|2026-12-10|unit:市住建局"))
        // A second delivery of the same message (the outbox retrying after a crash) finds the first.
        let second = try notifier.write(Fixture.message())
        #expect(first == second && first != other)
        #expect(Fixture.files(in: root + "/new").count == 2)
        func id(_ path: String) throws -> String? { ParsedMail(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path)))).headers["Message-ID"] }
        #expect(try id(first) == id(second))
        #expect(try id(first) != id(other))
        // Also once a mail reader has moved it to cur/ and marked it seen.
        try FileManager.default.moveItem(atPath: first, toPath: root + "/cur/" + (first as NSString).lastPathComponent + ":2,S")
        _ = try notifier.write(Fixture.message())
        #expect(Fixture.files(in: root + "/new").count == 1)
    }

    @Test("an ASCII dedupe key is written as it is")
    func asciiDedupeKeyIsPlain() throws {
        let root = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(root) }
        let key = "digest:5f2c9a0e1b7d4c3a"
        let mail = ParsedMail(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: try MaildirNotifier(root: root).write(Fixture.message(dedupeKey: key))))))
        #expect(mail.headers["X-Xinfang-Dedupe-Key"] == " " + key)
    }

    @Test("a recipient without a mail address, or with a forged one, is a non-retryable error and writes nothing")
    func badAddressIsNotRetryable() throws {
        let root = TemporaryFolder.make("notify")
        defer { TemporaryFolder.remove(root) }
        for address in [nil, "zjj@example.gov.cn\r\nBcc: all@example.com", "no-at-sign", "张三@example.cn"] as [String?] {
            let error = #expect(throws: DeliveryError.self) { try MaildirNotifier(root: root).deliver(Fixture.message(address: address)) }
            #expect(error?.retryable == false)
        }
        #expect(Fixture.files(in: root + "/new").isEmpty && Fixture.files(in: root + "/tmp").isEmpty)
    }

    @Test("a Maildir that cannot be created is a retryable error")
    func unwritableRootIsRetryable() {
        let error = #expect(throws: DeliveryError.self) { try MaildirNotifier(root: "/proc/xinfang/Maildir").deliver(Fixture.message()) }
        #expect(error?.retryable == true)
        #expect(error?.description.contains("/proc/xinfang") == true)
    }
}
