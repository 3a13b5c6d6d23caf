import SQLKit

extension Migration {
    /// A message's content (subject, bodies, the PDF) moves to a table of its own. SQLite rewrites a whole row on
    /// every update, so each change of a delivery's state copied its 60 kB report twice more (claimed, then sent);
    /// now those updates touch only the small row.
    static let splitDeliveryContents = Migration(version: 6, name: "split delivery contents") { sql, _ in
        let statements: [SQLQueryString] = [
            """
            CREATE TABLE delivery_contents (
                delivery_id TEXT PRIMARY KEY REFERENCES deliveries(id),
                instance_id TEXT NOT NULL REFERENCES instances(id),
                subject TEXT,
                body TEXT NOT NULL,
                html TEXT,
                attachment TEXT)
            """,
            """
            INSERT INTO delivery_contents (delivery_id, instance_id, subject, body, html, attachment)
            SELECT id, instance_id, subject, body, html, attachment FROM deliveries
            """,
            "ALTER TABLE deliveries DROP COLUMN subject",
            "ALTER TABLE deliveries DROP COLUMN body",
            "ALTER TABLE deliveries DROP COLUMN html",
            "ALTER TABLE deliveries DROP COLUMN attachment",
        ]
        for statement in statements {
            try await sql.raw(statement).run()
        }
    }
}
