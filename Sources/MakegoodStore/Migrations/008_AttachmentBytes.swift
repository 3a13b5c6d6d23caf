import Foundation
import SQLKit

extension Migration {
    /// A message's PDF is kept as bytes instead of base64 text: a third smaller, no encoding when a run queues it and
    /// no decoding when the outbox sends it. PostgreSQL stores it uncompressed (`STORAGE EXTERNAL`): a PDF is
    /// compressed already, and trying again cost more time than any other part of queuing a message.
    static let storeAttachmentsAsBytes = Migration(version: 8, name: "attachments as bytes") { sql, kind in
        try await sql.raw("ALTER TABLE delivery_contents ADD COLUMN attachment_bytes \(unsafeRaw: kind == .postgres ? "BYTEA" : "BLOB")").run()
        switch kind {
        case .postgres:
            try await sql.raw(
                "UPDATE delivery_contents SET attachment_bytes = decode(attachment, 'base64') WHERE attachment IS NOT NULL"
            ).run()
        case .sqlite:
            // SQLite has no base64 function: the rows are decoded here, a page of them at a time.
            var after = ""
            while true {
                let rows = try await sql.raw(
                    """
                    SELECT delivery_id, attachment FROM delivery_contents
                    WHERE attachment IS NOT NULL AND delivery_id > \(bind: after) ORDER BY delivery_id LIMIT 500
                    """
                ).all()
                guard let last = rows.last else { break }
                for row in rows {
                    let text = try row.decode(column: "attachment", as: String.self)
                    try await sql.raw(
                        """
                        UPDATE delivery_contents SET attachment_bytes = \(bind: Data(base64Encoded: text) ?? Data(text.utf8))
                        WHERE delivery_id = \(bind: try row.decode(column: "delivery_id", as: String.self))
                        """
                    ).run()
                }
                after = try last.decode(column: "delivery_id", as: String.self)
            }
        }
        try await sql.raw("ALTER TABLE delivery_contents DROP COLUMN attachment").run()
        try await sql.raw("ALTER TABLE delivery_contents RENAME COLUMN attachment_bytes TO attachment").run()
        if kind == .postgres {
            try await sql.raw("ALTER TABLE delivery_contents ALTER COLUMN attachment SET STORAGE EXTERNAL").run()
        }
    }
}
