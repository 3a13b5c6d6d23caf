import MakegoodDomain
import SQLKit

/// Which of some Support Group and Segment codes exist in an instance, looked up in two queries.
struct KnownCodes: Sendable {
    let groups: Set<String>
    let segments: Set<String>

    static func load(groups: some Collection<String>, segments: some Collection<String>, in scope: InstanceScope) async throws
        -> KnownCodes
    {
        func existing(_ table: String, _ codes: some Collection<String>) async throws -> Set<String> {
            guard !codes.isEmpty else { return [] }
            let rows = try await scope.sql.raw(
                "SELECT code FROM \(ident: table) WHERE instance_id = \(bind: scope.key) AND code IN (\(binds: Array(Set(codes))))"
            ).all()
            return Set(try rows.map { try $0.decode(column: "code", as: String.self) })
        }
        return KnownCodes(groups: try await existing("support_groups", groups), segments: try await existing("segments", segments))
    }

    /// The problems of SPEC §1 for a response with these values.
    func problems(ticketId: String?, group: String?, segment: String?) -> [ResponseProblem] {
        ResponseValidity.problems(
            ticketId: ticketId, supportGroupCode: group, segmentCode: segment,
            isKnownGroup: groups.contains, isKnownSegment: segments.contains)
    }
}
