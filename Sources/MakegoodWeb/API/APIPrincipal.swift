public import Foundation

/// Who is calling the API: the instance their token belongs to, and a name for audit records.
public struct APIPrincipal: Sendable {
    public let instanceID: UUID
    /// Recorded as "who" on reassignments.
    public let actor: String

    public init(instanceID: UUID, actor: String) {
        self.instanceID = instanceID
        self.actor = actor
    }

    /// Set by the authentication middleware for the handlers that run under it.
    @TaskLocal public static var current: APIPrincipal?

    /// The caller, or a 401 if no middleware authenticated one.
    static func required() throws -> APIPrincipal {
        guard let current else { throw APIError.unauthorized }
        return current
    }
}
