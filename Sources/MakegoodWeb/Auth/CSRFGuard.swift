import Crypto
import Foundation
import Hummingbird
import MakegoodStore

/// Protects every form against cross-site request forgery with a signed double-submit token: the browser holds a
/// random value in an HttpOnly cookie, each form carries the HMAC of that value, and a POST is accepted only when
/// the two agree. Another site can neither read the cookie nor compute the HMAC, so it can't forge the field.
struct CSRFGuard: Sendable {
    private let keyBytes: Data
    let secureCookies: Bool

    static let cookieName = "mg_csrf"
    static let fieldName = "csrf"

    init(secret: String, secureCookies: Bool) {
        keyBytes = Data(SHA256.hash(data: Data(("makegood csrf|" + secret).utf8)))
        self.secureCookies = secureCookies
    }

    /// The token for a form, and the cookie to set when the browser has none yet.
    func token(for request: Request) -> (token: String, cookie: Cookie?) {
        if let value = request.cookies[Self.cookieName]?.value, value.count == 32 {
            return (sign(String(value)), nil)
        }
        let value = Secrets.random(length: 32)
        let cookie = Cookie(name: Self.cookieName, value: value, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
        return (sign(value), cookie)
    }

    /// Whether a submitted form carries the token that matches the browser's cookie.
    func accepts(_ submitted: String?, for request: Request) -> Bool {
        guard let submitted, let value = request.cookies[Self.cookieName]?.value else { return false }
        let expected = Array(sign(String(value)).utf8)
        let given = Array(submitted.utf8)
        // Compared in constant time, so the time taken says nothing about how much of a guess was right.
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func sign(_ value: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: keyBytes))).base64URLEncoded
    }
}
