public import Foundation
public import MakegoodDomain
import SQLKit

/// The Service Recovery Performance of each Support Group, from the live tables.
public struct PerformanceRepository: Sendable {
    let scope: InstanceScope

    /// One group's figures.
    public struct GroupFigures: Sendable {
        public let code: String
        public let name: String
        public let figures: RecoveryPerformance
    }

    /// One response needing recovery: its group, when it came, and how it was recovered.
    public struct Fact: Sendable {
        public let code: String
        public let receivedAt: Date
        public let facts: RecoveryFacts
    }

    /// Figures per group for current, valid responses needing recovery received in `[from, before)`.
    public func figures(receivedFrom from: Date?, before: Date?, groups: [String]?, threshold: Int, targetHours: Int) async throws
        -> [GroupFigures]
    {
        let facts = Dictionary(grouping: try await facts(receivedFrom: from, before: before, groups: groups, threshold: threshold), by: \.code)
        let wanted = groups.map(Set.init)
        return try await scope.supportGroups.list()
            .filter { wanted?.contains($0.code) ?? true }
            .map {
                GroupFigures(
                    code: $0.code, name: $0.name,
                    figures: RecoveryPerformance((facts[$0.code] ?? []).map(\.facts), targetHours: targetHours))
            }
    }

    /// The recovery facts of current, valid responses needing recovery received in `[from, before)`, computed by
    /// the database from the live tables: the first note and the first Spoke = yes note of each.
    public func facts(receivedFrom from: Date?, before: Date?, groups: [String]?, threshold: Int) async throws -> [Fact] {
        let thread: SQLQueryString = "n.instance_id = r.instance_id AND n.thread_id = r.note_thread_id"
        var conditions: [SQLQueryString] = [
            "r.instance_id = \(bind: scope.key)", "r.superseded_by IS NULL", "r.status = 'valid'",
            "r.rating <= \(bind: threshold)",
        ]
        if let from { conditions.append("r.received_at >= \(bind: Instant.milliseconds(from))") }
        if let before { conditions.append("r.received_at < \(bind: Instant.milliseconds(before))") }
        if let groups { conditions.append(groups.isEmpty ? "1 = 0" : "r.support_group_code IN (\(binds: groups))") }
        var statement: SQLQueryString = """
            SELECT r.support_group_code AS code, r.received_at, r.alerted_at,
                (SELECT MIN(n.created_at) FROM notes n WHERE \(thread)) AS first_note_at,
                (SELECT MIN(n.created_at) FROM notes n WHERE \(thread) AND n.spoke_to_customer = \(bind: true)) AS first_spoken_at
            FROM survey_responses r WHERE 
            """
        statement += conditions.joined(separator: " AND ")
        return try await scope.sql.raw(statement).all().map { row in
            Fact(
                code: try row.decode(column: "code", as: String.self),
                receivedAt: Instant.date(try row.decode(column: "received_at", as: Int64.self)),
                facts: RecoveryFacts(
                    alertedAt: try row.decode(column: "alerted_at", as: Int64?.self).map(Instant.date),
                    firstNoteAt: try row.decode(column: "first_note_at", as: Int64?.self).map(Instant.date),
                    firstSpokenAt: try row.decode(column: "first_spoken_at", as: Int64?.self).map(Instant.date)))
        }
    }
}
