public import Foundation
import SQLKit

/// A delivery as the alerts history lists it: without its body or attachment.
public struct DeliveryLine: Sendable {
    public let id: String
    public let runID: String?
    public let channel: Delivery.Channel
    public let address: String
    public let state: Delivery.State
    public let attempts: Int
    public let lastError: String?
    public let sentAt: Date?
    /// The attached report's file name, when the message has one.
    public let attachmentName: String?
}

extension DeliveryRepository {
    /// The messages of these runs, light enough for a page, by run.
    public func lines(runs: [String]) async throws -> [String: [DeliveryLine]] {
        guard !runs.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT id, run_id, channel, address, state, attempts, last_error, sent_at, attachment_name FROM deliveries
            WHERE instance_id = \(bind: scope.key) AND run_id IN (\(binds: runs)) ORDER BY channel, address, id
            """
        ).all()
        var lines: [String: [DeliveryLine]] = [:]
        for row in rows {
            let line = DeliveryLine(
                id: try row.decode(column: "id", as: String.self),
                runID: try row.decode(column: "run_id", as: String?.self),
                channel: Delivery.Channel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .email,
                address: try row.decode(column: "address", as: String.self),
                state: Delivery.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .queued,
                attempts: try row.decode(column: "attempts", as: Int.self),
                lastError: try row.decode(column: "last_error", as: String?.self),
                sentAt: try row.decode(column: "sent_at", as: Int64?.self).map(Instant.date),
                attachmentName: try row.decode(column: "attachment_name", as: String?.self))
            lines[line.runID ?? "", default: []].append(line)
        }
        return lines
    }

    /// One message of the instance, whole.
    public func find(_ id: String) async throws -> Delivery? {
        try await sql.raw(
            "SELECT \(unsafeRaw: Self.columns) FROM \(unsafeRaw: Self.tables) WHERE d.instance_id = \(bind: scope.key) AND d.id = \(bind: id)"
        ).first().map(Self.decode)
    }

    /// Queues a failed message again, to be sent at once with a fresh count of attempts; false when it had not failed.
    public func resend(_ id: String, now: Date) async throws -> Bool {
        guard try await find(id)?.state == .failed else { return false }
        try await sql.raw(
            """
            UPDATE deliveries SET state = 'queued', attempts = 0, last_error = NULL, next_attempt_at = \(bind: Instant.milliseconds(now))
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: id) AND state = 'failed'
            """
        ).run()
        return true
    }
}
