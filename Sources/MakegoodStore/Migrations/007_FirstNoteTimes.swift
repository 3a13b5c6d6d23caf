import SQLKit

extension Migration {
    /// Each response keeps the time of its first note and of its first Spoke = yes note. Notes are append-only, so
    /// these change only when a note is written (NoteRepository.append) or a newer survey takes the thread over
    /// (SurveyResponseRepository.store); the SRP dashboard then reads one row per response instead of looking up its
    /// notes twice.
    static let addFirstNoteTimes = Migration(version: 7, name: "first note times") { sql, kind in
        try await sql.raw("ALTER TABLE survey_responses ADD COLUMN first_note_at BIGINT").run()
        try await sql.raw("ALTER TABLE survey_responses ADD COLUMN first_spoken_at BIGINT").run()
        // Only responses with notes change; the others keep NULL (adding a column without a default rewrites nothing).
        try await sql.raw(
            SQLQueryString(
                "UPDATE survey_responses SET " + Migration.firstNoteTimesFromNotes + """
                     WHERE EXISTS (SELECT 1 FROM notes n
                        WHERE n.instance_id = survey_responses.instance_id AND n.thread_id = survey_responses.note_thread_id)
                    """)
        ).run()
        if kind == .postgres {
            // The SRP dashboard's query answered from the index alone: an instance's recent weeks are a few
            // thousand index pages, where its rows are spread over many more heap pages shared with other
            // instances. (SQLite meets its target without it, and every index slows imports down.)
            try await sql.raw(
                """
                CREATE INDEX responses_recovery ON survey_responses (instance_id, received_at)
                INCLUDE (rating, support_group_code, alerted_at, first_note_at, first_spoken_at)
                WHERE superseded_by IS NULL AND status = 'valid'
                """
            ).run()
        }
    }

    /// `first_note_at = …, first_spoken_at = …` worked out from a response's notes, for `UPDATE survey_responses SET`.
    static let firstNoteTimesFromNotes = """
        first_note_at = (SELECT MIN(n.created_at) FROM notes n
            WHERE n.instance_id = survey_responses.instance_id AND n.thread_id = survey_responses.note_thread_id),
        first_spoken_at = (SELECT MIN(n.created_at) FROM notes n
            WHERE n.instance_id = survey_responses.instance_id AND n.thread_id = survey_responses.note_thread_id
            AND n.spoke_to_customer = TRUE)
        """
}
