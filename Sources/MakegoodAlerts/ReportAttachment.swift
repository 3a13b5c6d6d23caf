public import Foundation
import MakegoodReports
public import MakegoodStore

/// An email's Service Recovery Report on its way through the outbox: queued as the JSON of what it shows, drawn
/// into its PDF when the email is sent. The report is fixed when the run queues it; drawing it takes milliseconds,
/// and keeping the drawn file would make the outbox write tens of kilobytes a message (docs/decisions.md).
public enum ReportAttachment {
    /// What a run queues for `report`.
    static func queued(_ report: ServiceRecoveryReport, name: String) throws -> Delivery.Attachment {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Delivery.Attachment(name: name, content: .report(try encoder.encode(report)))
    }

    /// The PDF of a queued report: what `OutboxWorker` is given to draw with.
    @Sendable public static func draw(_ json: Data) throws -> Data {
        try ServiceRecoveryReportPDF.render(json: json)
    }
}
