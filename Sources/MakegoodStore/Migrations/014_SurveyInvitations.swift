import SQLKit

extension Migration {
    /// Surveys Makegood sends itself (issue 22): one invitation per ticket, the addresses that unsubscribed from an
    /// instance, and the `List-Unsubscribe` address an email carries. An address is kept as the customer typed it
    /// and, lower-cased, as its key, so the quiet period and unsubscribing hold whatever its case. Preferences gain
    /// the quiet period and how long a survey's links are answered.
    static let createSurveyInvitations = Migration(version: 14, name: "survey invitations") { sql, _ in
        let statements: [SQLQueryString] = [
            """
            CREATE TABLE survey_invitations (
                id TEXT PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES instances(id),
                ticket_id TEXT NOT NULL,
                support_group_code TEXT,
                segment_code TEXT,
                customer_name TEXT,
                customer_email TEXT NOT NULL,
                email_key TEXT NOT NULL,
                agent TEXT,
                language TEXT,
                state TEXT NOT NULL,
                skipped TEXT,
                send_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                sends INTEGER NOT NULL,
                opened_at BIGINT,
                answered_at BIGINT,
                created_at BIGINT NOT NULL,
                case_id TEXT,
                rating INTEGER,
                factors TEXT,
                comment TEXT)
            """,
            // A ticket's first survey, once; a case's re-survey (`case_id` set, its answer kept on the row as the
            // case's outcome), once.
            "CREATE UNIQUE INDEX survey_invitations_by_ticket ON survey_invitations (instance_id, ticket_id) WHERE case_id IS NULL",
            "CREATE UNIQUE INDEX survey_invitations_by_case ON survey_invitations (instance_id, case_id) WHERE case_id IS NOT NULL",
            // The quiet period: when an address was last sent a survey.
            "CREATE INDEX survey_invitations_by_email ON survey_invitations (instance_id, email_key, send_at)",
            """
            CREATE TABLE survey_unsubscribes (
                instance_id TEXT NOT NULL REFERENCES instances(id),
                email_key TEXT NOT NULL,
                invitation_id TEXT NOT NULL,
                at BIGINT NOT NULL,
                PRIMARY KEY (instance_id, email_key))
            """,
            // What the survey says, per language (none: the built-in English).
            """
            CREATE TABLE survey_texts (
                instance_id TEXT NOT NULL REFERENCES instances(id),
                language_key TEXT NOT NULL,
                language TEXT NOT NULL,
                rating_question TEXT NOT NULL,
                factors_question TEXT NOT NULL,
                comment_question TEXT NOT NULL,
                thank_you TEXT NOT NULL,
                factors TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (instance_id, language_key))
            """,
            "ALTER TABLE delivery_contents ADD COLUMN list_unsubscribe TEXT",
            // The invitation log finds each invitation's emails: the invitation is their recipient.
            "CREATE INDEX deliveries_by_recipient ON deliveries (instance_id, contact_id)",
            "ALTER TABLE instances ADD COLUMN survey_quiet_days INTEGER NOT NULL DEFAULT 7",
            "ALTER TABLE instances ADD COLUMN survey_link_days INTEGER NOT NULL DEFAULT 30",
            // NULL: no re-survey.
            "ALTER TABLE instances ADD COLUMN resurvey_after_days INTEGER",
        ]
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}
