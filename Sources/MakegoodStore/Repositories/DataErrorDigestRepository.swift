public import Foundation
public import MakegoodDomain
import SQLKit

/// The hourly digests that tell an instance's admins about responses that arrived with data errors.
public struct DataErrorDigestRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// The last digest: the hour it was sent in, and the latest receipt into the store it covered.
    public func last() async throws -> (hourStart: Date, coveredUntil: Int64)? {
        guard let row = try await sql.raw(
            "SELECT hour_start, covered_until FROM data_error_digests WHERE instance_id = \(bind: scope.key) ORDER BY hour_start DESC LIMIT 1"
        ).first() else { return nil }
        return (Instant.date(try row.decode(column: "hour_start", as: Int64.self)), try row.decode(column: "covered_until", as: Int64.self))
    }

    /// Current invalid responses stored after `storedAfter` (milliseconds), oldest first, with when each was stored.
    public func newInvalidResponses(storedAfter: Int64, limit: Int = 200) async throws -> [(response: SurveyResponse, storedAt: Int64)] {
        let rows = try await sql.raw(
            """
            SELECT id, created_at FROM survey_responses
            WHERE instance_id = \(bind: scope.key) AND status = 'invalid' AND superseded_by IS NULL AND created_at > \(bind: storedAfter)
            ORDER BY created_at, id LIMIT \(literal: limit)
            """
        ).all()
        var result: [(SurveyResponse, Int64)] = []
        for row in rows {
            let id = UUID(uuidString: try row.decode(column: "id", as: String.self))!
            if let response = try await scope.responses.find(id) {
                result.append((response, try row.decode(column: "created_at", as: Int64.self)))
            }
        }
        return result
    }

    /// Claims the digest of an hour; nil when that hour already has one.
    public func claim(hourStart: Date, coveredUntil: Int64, responses: Int) async throws -> String? {
        let id = UUID().storageKey
        try await sql.raw(
            """
            INSERT INTO data_error_digests (id, instance_id, hour_start, covered_until, responses)
            VALUES (\(bind: id), \(bind: scope.key), \(bind: Instant.milliseconds(hourStart)), \(bind: coveredUntil), \(bind: responses))
            ON CONFLICT DO NOTHING
            """
        ).run()
        let claimed = try await sql.raw(
            "SELECT id FROM data_error_digests WHERE instance_id = \(bind: scope.key) AND hour_start = \(bind: Instant.milliseconds(hourStart))"
        ).first()?.decode(column: "id", as: String.self)
        return claimed == id ? id : nil
    }
}
