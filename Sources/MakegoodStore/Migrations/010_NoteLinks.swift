import SQLKit

extension Migration {
    /// A note saved through a signed report link records that it was, and the contact the link was sent to, so the
    /// log can say which link wrote it. Notes are append-only; these columns are set once, when the note is written.
    static let recordNoteLinks = Migration(version: 10, name: "note links") { sql, _ in
        try await sql.raw("ALTER TABLE notes ADD COLUMN via_link BOOLEAN NOT NULL DEFAULT FALSE").run()
        try await sql.raw("ALTER TABLE notes ADD COLUMN link_recipient_id TEXT").run()
    }
}
