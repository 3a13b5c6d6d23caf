public import Foundation
import SQLKit

/// The outbox across instances, for the worker that sends it.
public struct OutboxRepository: Sendable {
    let sql: any SQLDatabase
    let kind: Database.Kind

    /// Claims up to `limit` messages that are due, leasing them for `lease` so no other worker sends them meanwhile;
    /// a worker that dies mid-send leaves a lease that expires, and the message is sent again.
    /// With `instances`, only their messages are claimed.
    public func claimDue(now: Date, limit: Int, lease: TimeInterval, instances: [UUID]? = nil) async throws -> [Delivery] {
        var due: SQLQueryString = "SELECT id FROM deliveries WHERE state IN ('queued', 'sending') AND next_attempt_at <= \(bind: Instant.milliseconds(now))"
        if let instances {
            due += instances.isEmpty ? " AND 1 = 0" : " AND instance_id IN (\(binds: instances.map(\.storageKey)))"
        }
        due += " ORDER BY next_attempt_at, id LIMIT \(literal: limit)"
        // SKIP LOCKED lets several nodes claim side by side on PostgreSQL; SQLite has one writer at a time anyway.
        let rows = try await sql.raw(kind == .postgres ? due + " FOR UPDATE SKIP LOCKED" : due).all()
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        guard !ids.isEmpty else { return [] }
        try await sql.raw(
            """
            UPDATE deliveries SET state = 'sending', attempts = attempts + 1,
                next_attempt_at = \(bind: Instant.milliseconds(now.addingTimeInterval(lease)))
            WHERE id IN (\(binds: ids))
            """
        ).run()
        return try await sql.raw(
            """
            SELECT \(unsafeRaw: DeliveryRepository.columns) FROM \(unsafeRaw: DeliveryRepository.tables)
            WHERE d.id IN (\(binds: ids)) ORDER BY d.created_at, d.id
            """
        ).all()
            .map(DeliveryRepository.decode)
    }

    /// Records a message as delivered.
    public func markSent(_ id: String, at instant: Date) async throws {
        try await sql.raw(
            "UPDATE deliveries SET state = 'sent', sent_at = \(bind: Instant.milliseconds(instant)), last_error = NULL WHERE id = \(bind: id)"
        ).run()
    }

    /// Records a failed attempt: retried at `retryAt`, or failed for good when that is nil.
    public func markAttemptFailed(_ id: String, error: String, retryAt: Date?) async throws {
        if let retryAt {
            try await sql.raw(
                """
                UPDATE deliveries SET state = 'queued', last_error = \(bind: error), next_attempt_at = \(bind: Instant.milliseconds(retryAt))
                WHERE id = \(bind: id)
                """
            ).run()
        } else {
            try await sql.raw("UPDATE deliveries SET state = 'failed', last_error = \(bind: error) WHERE id = \(bind: id)").run()
        }
    }
}
