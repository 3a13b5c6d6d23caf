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
        // Leases that ran out first, then queued messages, oldest first. One state a query, so each reads the
        // (state, next_attempt_at) index in order and stops at `limit`: with both states in one query the
        // database sorted the whole backlog on every claim, and a daily run's backlog is thousands of messages.
        var ids = try await due(in: "sending", now: now, limit: limit, instances: instances)
        if ids.count < limit {
            ids += try await due(in: "queued", now: now, limit: limit - ids.count, instances: instances)
        }
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

    /// Ids of messages in `state` due at `now`, oldest first, locked for this transaction on PostgreSQL.
    private func due(in state: String, now: Date, limit: Int, instances: [UUID]?) async throws -> [String] {
        var due: SQLQueryString = "SELECT id FROM deliveries WHERE state = \(bind: state) AND next_attempt_at <= \(bind: Instant.milliseconds(now))"
        if let instances {
            due += instances.isEmpty ? " AND 1 = 0" : " AND instance_id IN (\(binds: instances.map(\.storageKey)))"
        }
        due += " ORDER BY next_attempt_at LIMIT \(literal: limit)"
        // SKIP LOCKED lets several nodes claim side by side on PostgreSQL; SQLite has one writer at a time anyway.
        let rows = try await sql.raw(kind == .postgres ? due + " FOR UPDATE SKIP LOCKED" : due).all()
        return try rows.map { try $0.decode(column: "id", as: String.self) }
    }

    /// Records a message as delivered.
    public func markSent(_ id: String, at instant: Date) async throws {
        try await markSent([(id, instant)])
    }

    /// Records messages as delivered, each at its own time, two hundred to a statement: the daily run's outbox
    /// records 40,000 in a few hundred statements instead of one each.
    public func markSent(_ marks: [(id: String, at: Date)]) async throws {
        for start in stride(from: 0, to: marks.count, by: 200) {
            let chunk = marks[start..<min(start + 200, marks.count)]
            let times: [SQLQueryString] = chunk.map { "WHEN \(bind: $0.id) THEN CAST(\(bind: Instant.milliseconds($0.at)) AS BIGINT)" }
            try await sql.raw(
                "UPDATE deliveries SET state = 'sent', last_error = NULL, sent_at = CASE id " + times.joined(separator: " ")
                    + " END WHERE id IN (\(binds: chunk.map(\.id)))"
            ).run()
        }
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
