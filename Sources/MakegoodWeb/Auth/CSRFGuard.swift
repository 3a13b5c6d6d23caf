import Crypto
import Foundation
import Hummingbird
import MakegoodStore

/// Protects every form against cross-site request forgery with a signed double-submit token: the browser holds a
/// random value in an HttpOnly cookie, each form carries the HMAC of that value and of the browser's session id,
/// and a POST is accepted only when they agree. Another site can neither read the cookies nor compute the HMAC, so
/// it can't forge the field; a token is worthless in another session, and the value is replaced at every login
/// (`freshCookie`), so a token seen before a login does not work after it.
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
            return (sign(String(value), session: Self.session(of: request)), nil)
        }
        let cookie = freshCookie()
        return (sign(cookie.value, session: Self.session(of: request)), cookie)
    }

    /// A cookie with a new random value, for a browser that has none or has just logged in.
    func freshCookie() -> Cookie {
        Cookie(name: Self.cookieName, value: Secrets.random(length: 32), path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// Whether a submitted form carries the token that matches the browser's cookie.
    func accepts(_ submitted: String?, for request: Request) -> Bool {
        guard let submitted, let value = request.cookies[Self.cookieName]?.value else { return false }
        let expected = Array(sign(String(value), session: Self.session(of: request)).utf8)
        let given = Array(submitted.utf8)
        // Compared in constant time, so the time taken says nothing about how much of a guess was right.
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The session id the browser sent, or "" before it has one.
    private static func session(of request: Request) -> String {
        request.cookies[WebSession.cookieName].map { String($0.value) } ?? ""
    }

    private func sign(_ value: String, session: String) -> String {
        let bound = "\(value.utf8.count):\(value)|\(session)"
        return Data(HMAC<SHA256>.authenticationCode(for: Data(bound.utf8), using: SymmetricKey(data: keyBytes))).base64URLEncoded
    }
}
