import Foundation

/// What a portal session remembers: who logged in, to which instance. Everything else (role, contact, groups)
/// is read again on each request, so a change an admin makes applies at once.
public struct WebSession: Codable, Sendable, Equatable {
    public let userID: String
    public let instanceID: String

    public init(userID: String, instanceID: String) {
        self.userID = userID
        self.instanceID = instanceID
    }

    /// The session cookie's name.
    static let cookieName = "mg_session"
    /// How long a login lasts without use.
    static let lifetime: Duration = .seconds(12 * 60 * 60)
}
