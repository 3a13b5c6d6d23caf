public import Foundation
public import SQLKit

/// API tokens: a public id, and only a slow hash of the secret part.
public struct APITokenRepository: Sendable {
    let sql: any SQLDatabase

    /// A stored token: whose it is and the hash to check the secret against.
    public struct Record: Sendable {
        public let id: String
        public let instanceID: UUID
        public let name: String
        public let secretHash: String
        public let revoked: Bool
    }

    /// Stores a token's hash.
    public func create(id: String, instanceID: UUID, name: String, secretHash: String, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO api_tokens (id, instance_id, name, secret_hash, created_at)
            VALUES (\(bind: id), \(bind: instanceID.storageKey), \(bind: name), \(bind: secretHash), \(bind: Instant.milliseconds(now)))
            """
        ).run()
    }

    /// The token with this public id, if any.
    public func find(id: String) async throws -> Record? {
        guard let row = try await sql.raw("SELECT * FROM api_tokens WHERE id = \(bind: id)").first() else { return nil }
        return Record(
            id: try row.decode(column: "id", as: String.self),
            instanceID: UUID(uuidString: try row.decode(column: "instance_id", as: String.self))!,
            name: try row.decode(column: "name", as: String.self),
            secretHash: try row.decode(column: "secret_hash", as: String.self),
            revoked: try row.decode(column: "revoked_at", as: Int64?.self) != nil)
    }

    /// Records that a token was used.
    public func touch(id: String, now: Date) async throws {
        try await sql.raw("UPDATE api_tokens SET last_used_at = \(bind: Instant.milliseconds(now)) WHERE id = \(bind: id)").run()
    }

    /// Revokes every token of an instance that has this name (the demo's, before it issues a fresh one).
    public func revoke(named name: String, instanceID: UUID, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE api_tokens SET revoked_at = \(bind: Instant.milliseconds(now))
            WHERE instance_id = \(bind: instanceID.storageKey) AND name = \(bind: name) AND revoked_at IS NULL
            """
        ).run()
    }
}

extension APITokenRepository {
    /// A token as the portal lists it: never its secret.
    public struct Listing: Sendable {
        public let id: String
        public let name: String
        public let createdAt: Date
        public let lastUsedAt: Date?
        public let revokedAt: Date?
    }

    /// The instance's tokens, newest first.
    public func list(instanceID: UUID) async throws -> [Listing] {
        try await sql.raw(
            "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE instance_id = \(bind: instanceID.storageKey) ORDER BY created_at DESC, id"
        ).all().map { row in
            Listing(
                id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                createdAt: Instant.date(try row.decode(column: "created_at", as: Int64.self)),
                lastUsedAt: try row.decode(column: "last_used_at", as: Int64?.self).map(Instant.date),
                revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Instant.date))
        }
    }

    /// Revokes one token of the instance.
    public func revoke(id: String, instanceID: UUID, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE api_tokens SET revoked_at = \(bind: Instant.milliseconds(now))
            WHERE instance_id = \(bind: instanceID.storageKey) AND id = \(bind: id) AND revoked_at IS NULL
            """
        ).run()
    }
}
