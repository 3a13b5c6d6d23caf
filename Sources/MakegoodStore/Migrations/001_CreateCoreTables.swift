public import SQLKit

extension Migration {
    /// Instances, their people and structure, logins and API tokens, and the server's settings.
    static let createCoreTables = Migration(version: 1, name: "create core tables") { sql, _ in
        let statements: [SQLQueryString] = [
            """
            CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)
            """,
            """
            CREATE TABLE instances (
                id TEXT PRIMARY KEY,
                cpc TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                threshold INTEGER NOT NULL,
                alert_time TEXT NOT NULL,
                timezone TEXT NOT NULL,
                weekend_alerts BOOLEAN NOT NULL,
                target_hours INTEGER NOT NULL,
                ticket_url_prefix TEXT,
                created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                name TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT,
                revoked_at BIGINT)
            """,
            "CREATE INDEX api_tokens_by_instance ON api_tokens (instance_id)",
            """
            CREATE TABLE contacts (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                name TEXT NOT NULL,
                email TEXT NOT NULL,
                mobile TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX contacts_by_instance ON contacts (instance_id, name)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                email TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                contact_id TEXT REFERENCES contacts(id),
                created_at BIGINT NOT NULL,
                disabled_at BIGINT,
                UNIQUE (instance_id, email))
            """,
            """
            CREATE TABLE segments (
                instance_id TEXT NOT NULL REFERENCES instances(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (instance_id, code))
            """,
            """
            CREATE TABLE support_groups (
                instance_id TEXT NOT NULL REFERENCES instances(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                department_code TEXT,
                lead_contact_id TEXT NOT NULL REFERENCES contacts(id),
                PRIMARY KEY (instance_id, code),
                UNIQUE (instance_id, name))
            """,
            """
            CREATE TABLE also_alerts (
                instance_id TEXT NOT NULL,
                group_code TEXT NOT NULL,
                contact_id TEXT NOT NULL REFERENCES contacts(id),
                access TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (instance_id, group_code, contact_id),
                FOREIGN KEY (instance_id, group_code) REFERENCES support_groups(instance_id, code) ON DELETE CASCADE)
            """,
            "CREATE INDEX also_alerts_by_contact ON also_alerts (instance_id, contact_id)",
        ]
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}
