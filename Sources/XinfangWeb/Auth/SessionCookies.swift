import Foundation
import Hummingbird

/// The cookies of a login: the session (`xinfang_session`) and, before it, the login form's CSRF
/// token (`xinfang_login_csrf`, double submit). Both HttpOnly, SameSite=Strict, Path=/, and Secure
/// when the public address is https.
struct SessionCookies: Sendable {
    static let session = "xinfang_session"
    static let loginCSRF = "xinfang_login_csrf"

    let secure: Bool
    let sessionSeconds: Int

    func session(_ token: String) -> Cookie {
        Cookie(name: SessionCookies.session, value: token, maxAge: sessionSeconds, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func loginCSRF(_ token: String) -> Cookie {
        Cookie(name: SessionCookies.loginCSRF, value: token, maxAge: 3600, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that removes `name` (empty, Max-Age=0).
    func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

/// Random tokens for the login form's CSRF cookie: 32 bytes from the system's CSPRNG, base64url.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares two tokens in time independent of where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
