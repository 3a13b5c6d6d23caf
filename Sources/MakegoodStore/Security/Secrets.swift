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
        // `mg_` + 12 + `_` + 32 ASCII letters and digits, checked byte by byte: every API request is checked.
        let bytes = Array(text.utf8)
        func alphanumeric(_ range: Range<Int>) -> Bool {
            bytes[range].allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        }
        guard bytes.count == 48, bytes[0] == UInt8(ascii: "m"), bytes[1] == UInt8(ascii: "g"), bytes[2] == UInt8(ascii: "_"),
            bytes[15] == UInt8(ascii: "_"), alphanumeric(3..<15), alphanumeric(16..<48)
        else { return nil }
        self.init(id: String(decoding: bytes[3..<15], as: UTF8.self), secret: String(decoding: bytes[16..<48], as: UTF8.self))
    }

    public var text: String { "mg_\(id)_\(secret)" }
}
