public import Foundation
public import MakegoodDomain
import SQLKit

/// The hourly digests that tell an instance's admins about responses that arrived with data errors.
public struct DataErrorDigestRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// The hour of the last digest.
    public func lastHour() async throws -> Date? {
        let row = try await sql.raw(
            "SELECT hour_start FROM data_error_digests WHERE instance_id = \(bind: scope.key) ORDER BY hour_start DESC LIMIT 1"
        ).first()
        return try row.map { Instant.date(try $0.decode(column: "hour_start", as: Int64.self)) }
    }

    /// Current invalid responses no digest has told about yet: how many, and the oldest `limit` of them.
    public func untold(limit: Int = 200) async throws -> (count: Int, responses: [SurveyResponse]) {
        let untold: SQLQueryString = """
            FROM survey_responses WHERE instance_id = \(bind: scope.key) AND status = 'invalid' AND superseded_by IS NULL
                AND data_error_digest_id IS NULL
            """
        let count = try await sql.raw("SELECT COUNT(*) AS n " + untold).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("SELECT id " + untold + " ORDER BY created_at, id LIMIT \(literal: limit)").all()
        let ids = try rows.map { UUID(uuidString: try $0.decode(column: "id", as: String.self))! }
        // One query for the page, then back in the order they were stored.
        let byID = Dictionary(uniqueKeysWithValues: try await scope.responses.list(ResponseQuery(ids: ids, includeAll: true)).items.map { ($0.id, $0) })
        let responses = ids.compactMap { byID[$0] }
        return (count, responses)
    }

    /// Marks every untold invalid response as told by a digest.
    public func markTold(by digest: String) async throws {
        try await sql.raw(
            """
            UPDATE survey_responses SET data_error_digest_id = \(bind: digest)
            WHERE instance_id = \(bind: scope.key) AND status = 'invalid' AND superseded_by IS NULL AND data_error_digest_id IS NULL
            """
        ).run()
    }

    /// Claims the digest of an hour; nil when that hour already has one.
    public func claim(hourStart: Date, responses: Int) async throws -> String? {
        let id = UUID().storageKey
        try await sql.raw(
            """
            INSERT INTO data_error_digests (id, instance_id, hour_start, responses)
            VALUES (\(bind: id), \(bind: scope.key), \(bind: Instant.milliseconds(hourStart)), \(bind: responses))
            ON CONFLICT DO NOTHING
            """
        ).run()
        let claimed = try await sql.raw(
            "SELECT id FROM data_error_digests WHERE instance_id = \(bind: scope.key) AND hour_start = \(bind: Instant.milliseconds(hourStart))"
        ).first()?.decode(column: "id", as: String.self)
        return claimed == id ? id : nil
    }
}
