import Crypto
public import Foundation
import HummingbirdBcrypt

/// Random secrets and their slow hashes: passwords, API tokens, signing keys.
public enum Secrets {
    private static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")

    /// A random string of `length` characters that are easy to read and copy.
    public static func random(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// bcrypt cost for passwords people choose or type.
    public static let passwordCost: UInt8 = 12
    /// bcrypt cost for generated API token secrets, which carry ~190 bits of entropy already.
    public static let tokenCost: UInt8 = 10

    public static func hash(_ secret: String, cost: UInt8) -> String {
        Bcrypt.hash(secret, cost: cost)
    }

    public static func verify(_ secret: String, hash: String) -> Bool {
        Bcrypt.verify(secret, hash: hash)
    }

    /// The SHA-256 of a long random secret (a session id, an invitation token), in hex: enough to find it by, and a
    /// copy of the database can't be turned back into it. Passwords need bcrypt instead.
    public static func fingerprint(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// An API token as shown once to its owner: `mg_<id>_<secret>`; only the secret's hash is stored.
public struct APIToken: Sendable, Equatable {
    public let id: String
    public let secret: String

    /// A new random token.
    public static func generate() -> APIToken {
        APIToken(id: Secrets.random(length: 12), secret: Secrets.random(length: 32))
    }

    public init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Reads a token as a client sends it; nil when it is not in our form.
    public init?(_ text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "mg", parts[1].count == 12, parts[2].count == 32,
            parts.dropFirst().allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        self.init(id: String(parts[1]), secret: String(parts[2]))
    }

    public var text: String { "mg_\(id)_\(secret)" }
}
