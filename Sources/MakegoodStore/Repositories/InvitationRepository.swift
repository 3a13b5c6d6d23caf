public import Foundation
public import SQLKit

/// Single-use, expiring invitations to set a portal password. The token travels only in the emailed link; the
/// database keeps its SHA-256, so a copy of the database can't accept an invitation.
public struct InvitationRepository: Sendable {
    let sql: any SQLDatabase

    /// How long an invitation link works.
    public static let lifetime: TimeInterval = 7 * 86_400

    /// Creates an invitation for a login and returns its token (shown once, in the link).
    public func create(instanceID: UUID, userID: UUID, now: Date) async throws -> String {
        let token = Secrets.random(length: 40)
        try await sql.raw(
            """
            INSERT INTO invitations (token_hash, instance_id, user_id, expires_at, created_at)
            VALUES (\(bind: Secrets.fingerprint(token)), \(bind: instanceID.storageKey), \(bind: userID.storageKey),
                \(bind: Instant.milliseconds(now.addingTimeInterval(Self.lifetime))), \(bind: Instant.milliseconds(now)))
            """
        ).run()
        return token
    }

    /// The instance and login an unused, unexpired token is for.
    public func find(token: String, now: Date) async throws -> (instanceID: UUID, userID: UUID)? {
        guard
            let row = try await sql.raw(
                """
                SELECT instance_id, user_id FROM invitations WHERE token_hash = \(bind: Secrets.fingerprint(token)) AND used_at IS NULL
                    AND expires_at > \(bind: Instant.milliseconds(now))
                """
            ).first()
        else { return nil }
        return (
            UUID(uuidString: try row.decode(column: "instance_id", as: String.self))!,
            UUID(uuidString: try row.decode(column: "user_id", as: String.self))!
        )
    }

    /// Marks a token used; false when it already was (two tabs racing, or two nodes), so only one of them sets the
    /// password: the one whose `UPDATE` changed the row, which the database decides even between two transactions.
    public func use(token: String, now: Date) async throws -> Bool {
        let changed = try await sql.raw(
            """
            UPDATE invitations SET used_at = \(bind: Instant.milliseconds(now))
            WHERE token_hash = \(bind: Secrets.fingerprint(token)) AND used_at IS NULL RETURNING token_hash
            """
        ).all()
        return changed.count == 1
    }
}
