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
        let tallies = Dictionary(grouping: try await tallies(receivedFrom: from, before: before, groups: groups, threshold: threshold), by: \.code)
        let wanted = groups.map(Set.init)
        return try await scope.supportGroups.list()
            .filter { wanted?.contains($0.code) ?? true }
            .map {
                GroupFigures(
                    code: $0.code, name: $0.name,
                    figures: RecoveryPerformance(tallies: (tallies[$0.code] ?? []).map { ($0.facts, $0.count) }, targetHours: targetHours))
            }
    }

    /// How many responses of a group share the same recovery facts.
    public struct Tally: Sendable {
        public let code: String
        public let facts: RecoveryFacts
        public let count: Int
    }

    /// The recovery facts of current, valid responses needing recovery received in `[from, before)`, computed by
    /// the database from the live tables: the first note and the first Spoke = yes note of each.
    public func facts(receivedFrom from: Date?, before: Date?, groups: [String]?, threshold: Int) async throws -> [Fact] {
        try await scope.sql.raw(recoveryFacts(from, before, groups, threshold)).all().map { row in
            Fact(
                code: try row.decode(column: "code", as: String.self),
                receivedAt: Instant.date(try row.decode(column: "received_at", as: Int64.self)),
                facts: try Self.decodeFacts(row))
        }
    }

    /// The same facts counted: responses alike in group, alert and notes make one row. Every response the same run
    /// alerted and nobody has written about yet is alike, so the figures of a busy period take far fewer rows than
    /// responses (each response with a note is still a row of its own).
    public func tallies(receivedFrom from: Date?, before: Date?, groups: [String]?, threshold: Int) async throws -> [Tally] {
        let statement: SQLQueryString = """
            SELECT code, alerted_at, first_note_at, first_spoken_at, COUNT(*) AS responses
            FROM (\(recoveryFacts(from, before, groups, threshold))) f
            GROUP BY code, alerted_at, first_note_at, first_spoken_at
            """
        return try await scope.sql.raw(statement).all().map { row in
            Tally(
                code: try row.decode(column: "code", as: String.self), facts: try Self.decodeFacts(row),
                count: try row.decode(column: "responses", as: Int.self))
        }
    }

    /// One row per response: its group, when it came and was alerted, its first note and first Spoke = yes note.
    private func recoveryFacts(_ from: Date?, _ before: Date?, _ groups: [String]?, _ threshold: Int) -> SQLQueryString {
        var conditions: [SQLQueryString] = [
            "r.instance_id = \(bind: scope.key)", "r.superseded_by IS NULL", "r.status = 'valid'",
            "r.rating <= \(bind: threshold)",
        ]
        if let from { conditions.append("r.received_at >= \(bind: Instant.milliseconds(from))") }
        if let before { conditions.append("r.received_at < \(bind: Instant.milliseconds(before))") }
        if let groups { conditions.append(groups.isEmpty ? "1 = 0" : "r.support_group_code IN (\(binds: groups))") }
        var statement: SQLQueryString = """
            SELECT r.support_group_code AS code, r.received_at, r.alerted_at, r.first_note_at, r.first_spoken_at
            FROM survey_responses r WHERE 
            """
        statement += conditions.joined(separator: " AND ")
        return statement
    }

    private static func decodeFacts(_ row: any SQLRow) throws -> RecoveryFacts {
        RecoveryFacts(
            alertedAt: try row.decode(column: "alerted_at", as: Int64?.self).map(Instant.date),
            firstNoteAt: try row.decode(column: "first_note_at", as: Int64?.self).map(Instant.date),
            firstSpokenAt: try row.decode(column: "first_spoken_at", as: Int64?.self).map(Instant.date))
    }
}
