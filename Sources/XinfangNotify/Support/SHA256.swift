import Crypto

/// SHA-256 hex digests (swift-crypto) for Message-IDs and Maildir names derived from dedupe keys.
enum Digest {
    /// The lowercase hex SHA-256 of the text's UTF-8.
    static func hex(_ text: String) -> String {
        Crypto.SHA256.hash(data: Array(text.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }
}
