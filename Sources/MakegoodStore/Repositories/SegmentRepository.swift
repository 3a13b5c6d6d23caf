public import Foundation
public import MakegoodDomain
public import SQLKit

/// The Customer Segments of one instance.
public struct SegmentRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// Creates or renames a segment; returns whether it was created. A new code makes waiting responses valid.
    public func put(_ segment: Segment, now: Date) async throws -> Bool {
        let created = try await find(segment.code) == nil
        if created {
            try await sql.raw(
                "INSERT INTO segments (instance_id, code, name) VALUES (\(bind: scope.key), \(bind: segment.code), \(bind: segment.name))"
            ).run()
            try await scope.responses.revalidate(mentioning: segment.code, now: now)
        } else {
            try await sql.raw(
                "UPDATE segments SET name = \(bind: segment.name) WHERE instance_id = \(bind: scope.key) AND code = \(bind: segment.code)"
            ).run()
        }
        return created
    }

    /// The segment with this code.
    public func find(_ code: String) async throws -> Segment? {
        try await sql.raw("SELECT code, name FROM segments WHERE instance_id = \(bind: scope.key) AND code = \(bind: code)")
            .first().map(Self.decode)
    }

    /// Every segment, by code.
    public func list() async throws -> [Segment] {
        try await sql.raw("SELECT code, name FROM segments WHERE instance_id = \(bind: scope.key) ORDER BY code").all().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> Segment {
        Segment.restored(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self))
    }
}
