import SQLKit

extension Migration {
    /// Invitations to set a password: single use, expiring; only the token's SHA-256 is stored.
    static let createInvitations = Migration(version: 5, name: "create invitations") { sql, _ in
        let statements: [SQLQueryString] = [
            """
            CREATE TABLE invitations (
                token_hash TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                user_id TEXT NOT NULL REFERENCES users(id),
                expires_at BIGINT NOT NULL,
                used_at BIGINT,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX invitations_by_user ON invitations (instance_id, user_id)",
        ]
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}
