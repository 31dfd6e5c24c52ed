/// The signed part of a 签收 link's token, without the signature: the reminder it names and the
/// instant it expires. Pure: the HMAC over `message` is computed by the application layer.
///
/// A token is `<payload>.<mac>`, both base64url without padding: the payload is the reminder id and
/// the expiry (Unix seconds), 8 bytes big-endian each; the MAC is HMAC-SHA256 over `message`.
public struct AckToken: Hashable, Sendable {
    public var reminderID: Int64
    /// Unix seconds; the token is valid strictly before.
    public var expiresAt: Int64

    public init(reminderID: Int64, expiresAt: Int64) {
        self.reminderID = reminderID
        self.expiresAt = expiresAt
    }

    /// How long a link stays valid after its reminder was created: 30 days.
    public static let lifetimeSeconds: Int64 = 30 * 86_400

    /// The token for `reminder`: expiring 30 days after it was created.
    public init(for reminder: Reminder) {
        self.init(reminderID: reminder.id, expiresAt: reminder.createdAt + Self.lifetimeSeconds)
    }

    /// What the MAC covers, domain-separated: `xinfang-ack-v1|<id>|<expires-at>`.
    public var message: [UInt8] { Array("xinfang-ack-v1|\(reminderID)|\(expiresAt)".utf8) }

    /// The payload's 16 bytes.
    public var payload: [UInt8] { Self.bigEndian(reminderID) + Self.bigEndian(expiresAt) }

    /// The token's text for `mac`.
    public func text(mac: [UInt8]) -> String { Base64URL.encode(payload) + "." + Base64URL.encode(mac) }

    /// Splits a token's text into its payload and MAC; nil when malformed (not two canonical
    /// base64url parts, a payload not of 16 bytes, a MAC not of 32 bytes).
    public static func parse(_ text: String) -> (token: AckToken, mac: [UInt8])? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(String(parts[0])), let mac = Base64URL.decode(String(parts[1])),
              payload.count == 16, mac.count == 32 else { return nil }
        return (AckToken(reminderID: integer(payload[0..<8]), expiresAt: integer(payload[8..<16])), mac)
    }

    private static func bigEndian(_ value: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (56 - 8 * UInt64($0))) }
    }

    private static func integer(_ bytes: ArraySlice<UInt8>) -> Int64 {
        Int64(bitPattern: bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
}

/// base64url without padding (RFC 4648 §5), strict: `decode` takes only the canonical text of some
/// bytes (so that two texts never stand for the same token).
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            var chunk = UInt32(bytes[i]) << 16
            if n > 1 { chunk |= UInt32(bytes[i + 1]) << 8 }
            if n > 2 { chunk |= UInt32(bytes[i + 2]) }
            for k in 0...n { out.append(alphabet[Int(chunk >> (18 - 6 * UInt32(k)) & 0x3F)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var bits: UInt32 = 0, count = 0
        var out: [UInt8] = []
        for c in text.utf8 {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            bits = bits << 6 | UInt32(v)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
                bits &= (1 << UInt32(count)) - 1
            }
        }
        guard encode(out) == text else { return nil }
        return out
    }
}
