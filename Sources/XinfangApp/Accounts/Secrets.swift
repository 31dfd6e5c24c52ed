import Crypto
import Foundation
import XinfangCore
import HummingbirdBcrypt
import Synchronization

/// The secrets of accounts: random tokens, their SHA-256 (what the store keeps), bcrypt.
enum Secrets {
    /// 32 random bytes from the system's generator (getrandom(2)), base64url without padding: 43
    /// characters, safe in a cookie, a header and a URL.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of a token, hex: the key the store finds a session or an API token by.
    static func sha256(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(token.utf8)))
    }

    static func hash(password: String, cost: UInt8) -> String { Bcrypt.hash(password, cost: cost) }

    static func verify(password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A login with an unknown name (or an account without a password) verifies against this hash
    /// of the same cost, so that it takes as long as a wrong password: the time does not tell
    /// which names exist. Made once per cost, on first use.
    static func decoyHash(cost: UInt8) -> String {
        decoys.withLock { decoys in
            if let hash = decoys[cost] { return hash }
            let hash = Bcrypt.hash(randomToken(), cost: cost)
            decoys[cost] = hash
            return hash
        }
    }

    private static let decoys = Mutex<[UInt8: String]>([:])
}
