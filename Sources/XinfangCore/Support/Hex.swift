/// Bytes as lowercase hexadecimal, two digits each: how digests (SHA-256 of tokens, of the audit
/// chain's rows, of plugin files) are written. `String(format: "%02x")` per byte cost a Foundation
/// format call each: 7 % of an API request's CPU was hashing its bearer token.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
