public import Foundation
public import MakegoodStore

/// What a portal session remembers: who logged in, to which instance, with which password. Everything else (role,
/// contact, groups) is read again on each request, so a change an admin makes applies at once.
public struct WebSession: Codable, Sendable, Equatable {
    public let userID: String
    public let instanceID: String
    /// A fingerprint of the login's password hash when the session began: once the password changes, every session
    /// begun with the old one stops working (a session from before this field existed has none, and stops too).
    public let credential: String?

    public init(userID: String, instanceID: String, credential: String?) {
        self.userID = userID
        self.instanceID = instanceID
        self.credential = credential
    }

    /// A session for a login whose password hash is `passwordHash`.
    public init(userID: UUID, instanceID: UUID, passwordHash: String) {
        self.init(userID: userID.storageKey, instanceID: instanceID.storageKey, credential: Self.credential(of: passwordHash))
    }

    /// Whether the session was begun with the password the login has now.
    func isCurrent(for user: UserRepository.User) -> Bool {
        credential == Self.credential(of: user.passwordHash)
    }

    /// A one-way fingerprint of a password hash: the session row never holds the hash itself.
    static func credential(of passwordHash: String) -> String {
        String(Secrets.fingerprint("makegood session|" + passwordHash).prefix(32))
    }

    /// The session cookie's name.
    static let cookieName = "mg_session"
    /// How long a login lasts without use.
    static let lifetime: Duration = .seconds(12 * 60 * 60)
}
