import SQLKit

extension Migration {
    /// Daily alert runs and the outbox of messages they queue.
    static let createAlertTables = Migration(version: 3, name: "create alert tables") { sql, _ in
        let statements: [SQLQueryString] = [
            // One run per instance per local day, and per alert instant: claimed before any work starts.
            """
            CREATE TABLE alert_runs (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                local_day TEXT NOT NULL,
                alert_instant BIGINT NOT NULL,
                window_start BIGINT NOT NULL,
                lookback_start BIGINT NOT NULL,
                executed_at BIGINT NOT NULL,
                responses INTEGER NOT NULL,
                recipients INTEGER NOT NULL,
                UNIQUE (instance_id, local_day),
                UNIQUE (instance_id, alert_instant))
            """,
            "ALTER TABLE survey_responses ADD COLUMN alert_run_id TEXT",
            // Which digest told the admins about a response's data error; cleared if it turns invalid again.
            "ALTER TABLE survey_responses ADD COLUMN data_error_digest_id TEXT",
            """
            CREATE TABLE deliveries (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                run_id TEXT REFERENCES alert_runs(id),
                digest_id TEXT,
                contact_id TEXT NOT NULL,
                channel TEXT NOT NULL,
                address TEXT NOT NULL,
                subject TEXT,
                body TEXT NOT NULL,
                html TEXT,
                attachment_name TEXT,
                attachment TEXT,
                item_count INTEGER NOT NULL,
                group_names TEXT NOT NULL,
                state TEXT NOT NULL,
                merged_into TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                last_error TEXT,
                sent_at BIGINT,
                created_at BIGINT NOT NULL,
                UNIQUE (run_id, contact_id, channel))
            """,
            "CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at)",
            // At most one data-error digest an hour per instance: the hour is claimed like a run's day.
            """
            CREATE TABLE data_error_digests (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                hour_start BIGINT NOT NULL,
                responses INTEGER NOT NULL,
                UNIQUE (instance_id, hour_start))
            """,
            "CREATE INDEX deliveries_held ON deliveries (instance_id, contact_id, state)",
            "CREATE INDEX responses_alert_candidates ON survey_responses (instance_id, received_at) WHERE alerted_at IS NULL",
        ]
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}
