import Foundation
import XinfangCore
import XinfangPolicy

/// Messages, temporary folders and a mail parser for the notifier tests; the parser is written
/// independently of the encoder (Foundation base64, no shared code).
enum Fixture {
    /// Long enough to need several encoded-words; mixes ASCII, CJK punctuation and an emoji.
    static let subject = "【办理期限提醒】XF-2026-000123 应于2026-12-10前办结，请承办单位按期出具信访处理意见书并书面答复信访人。⚠️👩‍👩‍👧"
    static let body = "市信访局：\n\n信访事项 XF-2026-000123（承办单位：市住房和城乡建设局）应于2026年12月10日（周四）前办结。\n依据：《信访工作条例》第三十二条。\n"

    static func reminder(dedupeKey: String = "XF-2026-000123|D6|before-3wd|2026-12-10|unit:市住建局") -> Reminder {
        Reminder(
            id: 42, dedupeKey: dedupeKey, caseNumber: "XF-2026-000123", unit: "市住房和城乡建设局", deadlineKind: .handling,
            milestone: "before-3wd", due: Day(year: 2026, month: 12, day: 10)!,
            recipient: Recipient(role: .unit, name: "市住房和城乡建设局", address: "zjj@example.gov.cn"),
            subject: subject, body: body, fireAt: 1_796_000_000, createdAt: 1_796_000_030, lateBySeconds: nil
        )
    }

    static func message(address: String? = "zjj@example.gov.cn", dedupeKey: String = "XF-2026-000123|D6|before-3wd|2026-12-10|unit:市住建局") -> OutgoingMessage {
        let r = reminder(dedupeKey: dedupeKey)
        return OutgoingMessage(
            recipient: Recipient(role: .unit, name: "市住房和城乡建设局信访办公室", address: address),
            subject: subject, body: body, dedupeKey: dedupeKey, reminders: [r]
        )
    }

    static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}

/// A written message split back into unfolded headers and the body, by hand.
struct ParsedMail {
    var raw: String
    var headerLines: [String]
    var headers: [String: String]
    var bodyText: String

    init(bytes: [UInt8]) {
        raw = String(decoding: bytes, as: UTF8.self)
        let parts = raw.components(separatedBy: "\r\n\r\n")
        headerLines = parts[0].components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        var name = ""
        for line in headerLines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                headers[name, default: ""] += line
            } else if let colon = line.firstIndex(of: ":") {
                name = String(line[..<colon])
                headers[name] = String(line[line.index(after: colon)...])
            }
        }
        self.headers = headers
        bodyText = parts.dropFirst().joined(separator: "\r\n\r\n")
    }

    /// The encoded-words of a header, in order.
    func encodedWords(_ name: String) -> [String] {
        let text = headers[name] ?? ""
        let regex = try! NSRegularExpression(pattern: #"=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?="#)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    /// RFC 2047 decoding of a header made only of encoded-words (whitespace between them dropped).
    func decoded(_ name: String) -> String? {
        var bytes: [UInt8] = []
        for word in encodedWords(name) {
            guard let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return nil }
            bytes += data
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The body after base64 decoding.
    var decodedBody: String? {
        guard let data = Data(base64Encoded: bodyText.replacingOccurrences(of: "\r\n", with: "")) else { return nil }
        return String(validating: Array(data), as: UTF8.self)
    }
}
