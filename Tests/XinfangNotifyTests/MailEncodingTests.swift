import Foundation
import Testing
@testable import XinfangNotify

@Suite("Mail encoding")
struct MailEncodingTests {
    @Test("SHA-256 matches the FIPS 180-4 examples")
    func sha256Vectors() {
        #expect(Digest.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Digest.hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("encoded-words never split a character, even clusters and combining runs longer than a word")
    func encodedWordsKeepCharactersWhole() throws {
        let family = "👩‍👩‍👧‍👦"  // 25 bytes, one Character
        let zalgo = "e" + String(repeating: "\u{301}", count: 40)  // one Character of 81 bytes
        for text in ["信访" + String(repeating: family, count: 5) + "。", zalgo + "办结", String(repeating: "期限", count: 60), "a"] {
            let words = HeaderEncoding.encodedWords(text, firstWordLength: 67)
            #expect(words[0].count <= 67)
            var bytes: [UInt8] = []
            for word in words {
                #expect(word.count <= 75)
                let payload = Array(try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))))
                #expect(String(validating: payload, as: UTF8.self) != nil)
                bytes += payload
            }
            #expect(String(decoding: bytes, as: UTF8.self) == text)
        }
        #expect(HeaderEncoding.encodedWords("").isEmpty)
    }

    @Test("a family emoji stays in one word when it fits")
    func clustersStayTogether() throws {
        let words = HeaderEncoding.encodedWords(String(repeating: "办", count: 12) + "👩‍👩‍👧‍👦", firstWordLength: 67)
        let decoded = try words.map { String(decoding: try #require(Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))), as: UTF8.self) }
        #expect(decoded.contains("👩‍👩‍👧‍👦"))
    }

    @Test("Date is RFC 5322: weekday, day month year, time and the zone's offset")
    func mailDate() {
        // 2026-12-10T01:00:00Z is a Thursday; 09:00 in Asia/Shanghai.
        #expect(MailDate.format(unixSeconds: 1_796_864_400, utcOffset: 8 * 3600) == "Thu, 10 Dec 2026 09:00:00 +0800")
        #expect(MailDate.format(unixSeconds: 1_796_864_400, utcOffset: -(3 * 3600 + 1800)) == "Wed, 09 Dec 2026 21:30:00 -0330")
        #expect(MailDate.format(unixSeconds: 0, utcOffset: 0) == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    @Test("the Message-ID is the SHA-256 prefix of the dedupe key")
    func messageID() {
        #expect(MailMessage.messageID(forDedupeKey: "abc") == "<ba7816bf8f01cfea414140de5dae2223@xinfangd>")
    }
}
