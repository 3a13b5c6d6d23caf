import SQLKit

extension Migration {
    /// Portal sessions (shared by every node, so a login works whichever node answers) and failed logins
    /// (counted across nodes, so the rate limit can't be dodged by reaching another one).
    static let createWebTables = Migration(version: 4, name: "create web tables") { sql, _ in
        let statements: [SQLQueryString] = [
            """
            CREATE TABLE web_sessions (
                key_hash TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                expires_at BIGINT)
            """,
            "CREATE INDEX web_sessions_expiry ON web_sessions (expires_at)",
            """
            CREATE TABLE login_failures (
                id TEXT PRIMARY KEY,
                login_key TEXT NOT NULL,
                at BIGINT NOT NULL)
            """,
            "CREATE INDEX login_failures_by_key ON login_failures (login_key, at)",
            // The notes dialog walks the responses of a report by the run that alerted them.
            "CREATE INDEX responses_by_alert_run ON survey_responses (instance_id, alert_run_id)",
        ]
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}
