import XinfangCore
import XinfangPolicy

/// Renders an `OutgoingMessage` as one RFC 5322 message: MIME text/plain in UTF-8, base64 body,
/// RFC 2047 headers, CRLF line endings.
enum MailMessage {
    /// The message's bytes. Throws a non-retryable error when the recipient has no usable address.
    static func render(_ message: OutgoingMessage, from: String, date: String) throws(DeliveryError) -> [UInt8] {
        guard let address = message.recipient.address else {
            throw DeliveryError("maildir: \(message.recipient.role.rawValue) \(message.recipient.name) has no mail address", retryable: false)
        }
        guard isAddress(address) else {
            throw DeliveryError("maildir: not a mail address for \(message.recipient.name): \(address.debugDescription)", retryable: false)
        }
        guard isAddress(from) else {
            throw DeliveryError("maildir: not a mail address for From: \(from.debugDescription)", retryable: false)
        }
        let key = message.dedupeKey
        var head = ""
        head += HeaderEncoding.field("From", tokens: [from])
        head += HeaderEncoding.encodedField("To", text: message.recipient.name, trailing: ["<\(address)>"])
        head += HeaderEncoding.encodedField("Subject", text: message.subject)
        head += HeaderEncoding.field("Date", tokens: [date])
        head += HeaderEncoding.field("Message-ID", tokens: [messageID(forDedupeKey: key)])
        head += "MIME-Version: 1.0\r\n"
        head += "Content-Type: text/plain; charset=UTF-8\r\n"
        head += "Content-Transfer-Encoding: base64\r\n"
        head += HeaderEncoding.isPlainToken(key)
            ? HeaderEncoding.field("X-Xinfang-Dedupe-Key", tokens: [key])
            : HeaderEncoding.encodedField("X-Xinfang-Dedupe-Key", text: key)
        head += "\r\n"
        return Array(head.utf8) + Array(HeaderEncoding.base64Lines(canonicalText(message.body)).utf8)
    }

    /// `<32 hex digits@xinfangd>`: the first 128 bits of the SHA-256 of the dedupe key, so every
    /// delivery of the same message carries the same Message-ID.
    static func messageID(forDedupeKey key: String) -> String {
        "<\(Digest.hex(key).prefix(32))@xinfangd>"
    }

    /// A plain `local@domain` in printable ASCII without spaces, brackets or quotes: enough to keep
    /// header injection and display-name confusion out; the mail system judges the rest.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && text.utf8.count <= 254
            && text.utf8.allSatisfy { (0x21...0x7E).contains($0) && !"<>()[],;:\\\"".utf8.contains($0) }
    }

    /// The text's UTF-8 with every line break as CRLF: the canonical form of text/plain that base64
    /// must encode (RFC 2046 §4.1.1).
    static func canonicalText(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A && previous != 0x0D { out.append(0x0D) }
            out.append(byte)
            previous = byte
        }
        return out
    }
}
