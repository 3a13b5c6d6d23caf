import MakegoodDomain
import SQLKit

/// Which of some Support Group and Segment codes exist in an instance, looked up in one query.
struct KnownCodes: Sendable {
    var groups: Set<String>
    var segments: Set<String>

    static func load(groups: some Collection<String>, segments: some Collection<String>, in scope: InstanceScope) async throws
        -> KnownCodes
    {
        let groups = Array(Set(groups))
        let segments = Array(Set(segments))
        // One query for both kinds: a batch of survey responses waits for each round trip.
        var parts: [SQLQueryString] = []
        if !groups.isEmpty {
            parts.append("SELECT 'g' AS kind, code FROM support_groups WHERE instance_id = \(bind: scope.key) AND code IN (\(binds: groups))")
        }
        if !segments.isEmpty {
            parts.append("SELECT 's' AS kind, code FROM segments WHERE instance_id = \(bind: scope.key) AND code IN (\(binds: segments))")
        }
        guard !parts.isEmpty else { return KnownCodes(groups: [], segments: []) }
        var known = KnownCodes(groups: [], segments: [])
        for row in try await scope.sql.raw(parts.joined(separator: " UNION ALL ")).all() {
            let code = try row.decode(column: "code", as: String.self)
            if try row.decode(column: "kind", as: String.self) == "g" { known.groups.insert(code) } else { known.segments.insert(code) }
        }
        return known
    }

    /// The problems of SPEC §1 for a response with these values.
    func problems(ticketId: String?, group: String?, segment: String?) -> [ResponseProblem] {
        ResponseValidity.problems(
            ticketId: ticketId, supportGroupCode: group, segmentCode: segment,
            isKnownGroup: groups.contains, isKnownSegment: segments.contains)
    }
}
