import SQLKit

extension Migration {
    /// Recovery cases (issue 21): the case's current state in `recovery_cases`, one row per note thread, and every
    /// change to it in `case_events`, which the database keeps append-only as it does notes. The row is what the
    /// events add up to; it exists so My queue reads one row per case.
    static let createRecoveryCases = Migration(version: 11, name: "recovery cases") { sql, kind in
        var statements: [SQLQueryString] = [
            """
            CREATE TABLE recovery_cases (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                thread_id TEXT NOT NULL,
                response_id TEXT NOT NULL,
                alert_run_id TEXT,
                alerted_at BIGINT NOT NULL,
                due_at BIGINT NOT NULL,
                owner_id TEXT,
                state TEXT NOT NULL,
                resolution TEXT,
                contacted_at BIGINT,
                closed_at BIGINT,
                UNIQUE (instance_id, thread_id))
            """,
            "CREATE INDEX cases_by_state ON recovery_cases (instance_id, state, due_at)",
            "CREATE INDEX cases_by_response ON recovery_cases (instance_id, response_id)",
            """
            CREATE TABLE case_events (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                case_id TEXT NOT NULL REFERENCES recovery_cases(id),
                change TEXT NOT NULL,
                owner_id TEXT,
                resolution TEXT,
                by_whom TEXT NOT NULL,
                at BIGINT NOT NULL,
                seq INTEGER NOT NULL,
                UNIQUE (instance_id, case_id, seq))
            """,
            // Every response an alert reported is a case from the start: contacted if a Spoke = yes note came first.
            """
            INSERT INTO recovery_cases (id, instance_id, thread_id, response_id, alert_run_id, alerted_at, due_at, state, contacted_at)
            SELECT r.id, r.instance_id, r.note_thread_id, r.id, r.alert_run_id, r.alerted_at,
                r.alerted_at + i.target_hours * 3600000,
                CASE WHEN r.first_spoken_at IS NULL THEN 'open' ELSE 'contacted' END, r.first_spoken_at
            FROM survey_responses r JOIN instances i ON i.id = r.instance_id
            WHERE r.alerted_at IS NOT NULL AND r.superseded_by IS NULL
            """,
            """
            INSERT INTO case_events (id, instance_id, case_id, change, by_whom, at, seq)
            SELECT id, instance_id, id, 'opened', 'Makegood', alerted_at, 1 FROM recovery_cases
            """,
        ]
        switch kind {
        case .sqlite:
            statements += [
                """
                CREATE TRIGGER case_events_are_append_only_update BEFORE UPDATE ON case_events
                BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END
                """,
                """
                CREATE TRIGGER case_events_are_append_only_delete BEFORE DELETE ON case_events
                BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END
                """,
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION case_events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'case events are append-only'; END $$
                """,
                """
                CREATE TRIGGER case_events_are_append_only BEFORE UPDATE OR DELETE ON case_events
                FOR EACH ROW EXECUTE FUNCTION case_events_are_append_only()
                """,
            ]
        }
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}
