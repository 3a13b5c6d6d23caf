import SQLKit

extension Migration {
    /// An email's Service Recovery Report is kept as the JSON it is drawn from, and drawn into its PDF when the email
    /// is sent: a few kilobytes a message instead of the drawn file (a daily run of 20,000 emails wrote 520 MB of
    /// PDFs into the outbox). Messages queued before keep their PDF in `attachment`.
    static let keepReportsToDraw = Migration(version: 9, name: "reports drawn when sent") { sql, _ in
        try await sql.raw("ALTER TABLE delivery_contents ADD COLUMN attachment_report TEXT").run()
    }
}
