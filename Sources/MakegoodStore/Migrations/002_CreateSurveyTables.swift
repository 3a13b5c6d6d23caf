public import SQLKit

extension Migration {
    /// Survey responses, their reassignments, and the append-only notes.
    static let createSurveyTables = Migration(version: 2, name: "create survey tables") { sql, kind in
        var statements: [SQLQueryString] = [
            """
            CREATE TABLE survey_responses (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                ticket_id TEXT,
                support_group_code TEXT,
                segment_code TEXT,
                customer_name TEXT,
                customer_email TEXT,
                agent TEXT,
                rating INTEGER NOT NULL,
                factors TEXT NOT NULL,
                comment TEXT,
                received_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                status TEXT NOT NULL,
                problems TEXT NOT NULL,
                valid_since BIGINT,
                note_thread_id TEXT NOT NULL,
                replaces_id TEXT,
                superseded_by TEXT,
                superseded_at BIGINT,
                alerted_at BIGINT)
            """,
            "CREATE INDEX responses_by_received ON survey_responses (instance_id, received_at)",
            "CREATE INDEX responses_by_group_received ON survey_responses (instance_id, support_group_code, received_at)",
            "CREATE INDEX responses_invalid ON survey_responses (instance_id, status) WHERE status = 'invalid'",
            """
            CREATE UNIQUE INDEX responses_current_ticket ON survey_responses (instance_id, ticket_id)
                WHERE superseded_by IS NULL AND ticket_id IS NOT NULL
            """,
            """
            CREATE TABLE reassignments (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                response_id TEXT NOT NULL REFERENCES survey_responses(id),
                from_code TEXT,
                to_code TEXT NOT NULL,
                by_whom TEXT NOT NULL,
                at BIGINT NOT NULL)
            """,
            "CREATE INDEX reassignments_by_response ON reassignments (instance_id, response_id, at)",
            // A response passes its notes to the one that replaces it by sharing this thread id,
            // so no note row is ever touched after it is written.
            """
            CREATE TABLE notes (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                thread_id TEXT NOT NULL,
                author TEXT NOT NULL,
                spoke_to_customer BOOLEAN NOT NULL,
                text TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                recorded_at BIGINT NOT NULL,
                seq INTEGER NOT NULL,
                UNIQUE (instance_id, thread_id, seq))
            """,
            "CREATE INDEX notes_by_thread ON notes (instance_id, thread_id, created_at)",
        ]
        // The database itself refuses to change a note, whatever code runs against it.
        switch kind {
        case .sqlite:
            statements += [
                """
                CREATE TRIGGER notes_are_append_only_update BEFORE UPDATE ON notes
                BEGIN SELECT RAISE(ABORT, 'Service Recovery Notes are append-only'); END
                """,
                """
                CREATE TRIGGER notes_are_append_only_delete BEFORE DELETE ON notes
                BEGIN SELECT RAISE(ABORT, 'Service Recovery Notes are append-only'); END
                """,
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION notes_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'Service Recovery Notes are append-only'; END $$
                """,
                """
                CREATE TRIGGER notes_are_append_only BEFORE UPDATE OR DELETE ON notes
                FOR EACH ROW EXECUTE FUNCTION notes_are_append_only()
                """,
            ]
        }
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}
