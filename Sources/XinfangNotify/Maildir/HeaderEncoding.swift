import Foundation

/// RFC 2047 encoded-words (UTF-8, B encoding) and RFC 5322 header folding.
///
/// Every line of a header that carries encoded-words stays within 76 characters (RFC 2047 §2), every
/// encoded-word within 75, and a word never splits a character: not a UTF-8 sequence, and not a
/// grapheme cluster either unless that one cluster is too long for a word on its own.
enum HeaderEncoding {
    /// RFC 2047 §2: the longest encoded-word.
    static let maxWordLength = 75
    /// RFC 2047 §2: the longest line of a header field that contains encoded-words.
    static let maxLineLength = 76
    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// `Name: token token …`, folded (CRLF + space) between tokens so each line fits in 76 characters
    /// where the tokens allow; tokens are never split. Ends with CRLF.
    static func field(_ name: String, tokens: [String]) -> String {
        var out = name + ":"
        var lineLength = out.count
        for token in tokens {
            if lineLength + 1 + token.count > maxLineLength && lineLength > name.count + 1 {
                out += "\r\n"
                lineLength = 0
            }
            out += " " + token
            lineLength += 1 + token.count
        }
        return out + "\r\n"
    }

    /// `Name: =?UTF-8?B?…?= …` for any text, ready to write. The first word is sized to share the line
    /// with the field name; an empty text gives an empty field.
    static func encodedField(_ name: String, text: String, trailing: [String] = []) -> String {
        let first = maxLineLength - name.count - 2
        return field(name, tokens: encodedWords(text, firstWordLength: first) + trailing)
    }

    /// The text as encoded-words: the first at most `firstWordLength` characters long, the others at
    /// most 75. Empty text gives no words (an encoded-word may not be empty).
    static func encodedWords(_ text: String, firstWordLength: Int = maxWordLength) -> [String] {
        let overhead = prefix.count + suffix.count
        // Base64 turns 3 bytes into 4 characters; at least one 4-byte scalar must fit in a word.
        func payload(_ length: Int) -> Int { max(6, (length - overhead) / 4 * 3) }
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = payload(min(firstWordLength, maxWordLength))

        func flush() {
            guard !chunk.isEmpty else { return }
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
            chunk = []
            limit = payload(maxWordLength)
        }
        func add(_ bytes: some Collection<UInt8>) {
            if chunk.count + bytes.count > limit { flush() }
            chunk.append(contentsOf: bytes)
        }

        for character in text {
            let bytes = Array(character.utf8)
            if bytes.count <= payload(maxWordLength) {
                add(bytes)
            } else {
                // One cluster too long for any word (a long combining sequence): split between scalars.
                for scalar in character.unicodeScalars { add(Array(String(scalar).utf8)) }
            }
        }
        flush()
        return words
    }

    /// True when `text` can stand in a header as it is: printable ASCII, no spaces, short enough for
    /// one line (RFC 5322 §2.1.1 allows 998 characters).
    static func isPlainToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 900 && text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// The bytes as base64 in lines of 76 characters, each ending in CRLF (RFC 2045 §6.8).
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        var out = ""
        out.reserveCapacity(encoded.count + encoded.count / 38 + 2)
        for start in stride(from: 0, to: encoded.count, by: 76) {
            out += String(decoding: encoded[start..<min(start + 76, encoded.count)], as: UTF8.self) + "\r\n"
        }
        return out
    }
}
