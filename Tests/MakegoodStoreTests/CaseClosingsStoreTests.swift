import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import SQLKit
import Testing

/// The SRP's closed cases counted ahead (migration 13), on SQLite and on PostgreSQL: after every way a closed case
/// can change, `case_closings` holds what counting `recovery_cases` afresh gives, and the SRP's tallies follow.
@Suite struct CaseClosingsStoreTests {
    let alert = t0.addingTimeInterval(3_600)

    /// What the triggers keep, against counting every closed case again.
    func expectCountsAgree(_ store: Store, _ step: String) async throws {
        let (kept, counted) = try await store.read { session in
            let kept = try await session.sql.raw(
                """
                SELECT instance_id, support_group_code AS code, alerted_at, resolution, hours, cases FROM case_closings
                ORDER BY instance_id, code, alerted_at, resolution, hours
                """
            ).all().map(Self.describe)
            let counted = try await session.sql.raw(
                """
                SELECT instance_id, COALESCE(support_group_code, '') AS code, alerted_at, COALESCE(resolution, '') AS resolution,
                    (closed_at - alerted_at) / 3600000 AS hours, COUNT(*) AS cases
                FROM recovery_cases WHERE state = 'closed'
                GROUP BY instance_id, COALESCE(support_group_code, ''), alerted_at, COALESCE(resolution, ''), (closed_at - alerted_at) / 3600000
                ORDER BY instance_id, code, alerted_at, resolution, hours
                """
            ).all().map(Self.describe)
            return (kept, counted)
        }
        #expect(kept == counted, "after \(step)")
    }

    static func describe(_ row: any SQLRow) throws -> String {
        let code = try row.decode(column: "code", as: String.self), resolution = try row.decode(column: "resolution", as: String.self)
        let at = try row.decode(column: "alerted_at", as: Int.self), hours = try row.decode(column: "hours", as: Int.self)
        return "\(try row.decode(column: "instance_id", as: String.self)) \(code) \(at) \(resolution) \(hours)h ×\(try row.decode(column: "cases", as: Int.self))"
    }

    /// The closed tallies of the SRP for the period holding the alert, as "group resolution hours×count".
    func closedTallies(_ f: Fixture, from: Date? = nil, before: Date? = nil) async throws -> [String] {
        let (lower, upper) = (from ?? alert, before ?? alert.addingTimeInterval(86_400))
        return try await f.read { try await $0.cases.measureTallies(alertedFrom: lower, before: upper, groups: ["TEAM", "OTHER"], now: upper) }
            .filter { $0.tally.state == .closed }
            .map { "\($0.code ?? "-") \($0.tally.resolution?.rawValue ?? "-") \(($0.tally.minutesToClose ?? -60) / 60)h×\($0.tally.count)" }
            .sorted()
    }

    @Test("closing, closing again, reopening, a reassignment and a duplicate keep the closed counts true", arguments: TestDatabase.allCases)
    func countsFollowEveryChange(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store, groups: ["TEAM", "OTHER"])
            let other = try await Fixture.make(on: store, cpc: "other", groups: ["TEAM", "OTHER"])
            var submitted: [UUID] = []
            for ticket in ["K-1", "K-2", "K-3"] {
                submitted.append(try await f.submit(ticket: ticket).response.id)
            }
            let ids = submitted
            let theirs = try await other.submit(ticket: "K-1").response.id
            let at = alert
            try await f.write { try await $0.responses.markAlerted(ids, run: "run-1", at: at, targetHours: 24) }
            try await other.write { try await $0.responses.markAlerted([theirs], run: "run-9", at: at, targetHours: 24) }
            func close(_ fixture: Fixture, _ id: UUID, _ resolution: CaseResolution, afterHours hours: Double) async throws {
                let instant = at.addingTimeInterval(hours * 3_600)
                _ = try await fixture.write { try await $0.cases.apply(.close(resolution, withNote: true), to: id, by: "Lee", at: instant, group: nil) }
            }
            try await expectCountsAgree(store, "the alert")
            #expect(try await closedTallies(f).isEmpty)

            try await close(f, ids[0], .recovered, afterHours: 2.5)
            try await close(f, ids[1], .recovered, afterHours: 2.2)
            try await close(f, ids[2], .unreachable, afterHours: 30)
            try await close(other, theirs, .notRecovered, afterHours: 1)
            try await expectCountsAgree(store, "closing")
            #expect(try await closedTallies(f) == ["TEAM recovered 2h×2", "TEAM unreachable 30h×1"])
            #expect(try await closedTallies(other) == ["TEAM notRecovered 1h×1"])

            // A reassignment moves a closed case to its new group.
            let first = ids[0]
            _ = try await f.write { try await $0.responses.reassign(first, to: "OTHER", by: "admin@acme.example", now: at) }
            try await expectCountsAgree(store, "the reassignment")
            #expect(try await closedTallies(f) == ["OTHER recovered 2h×1", "TEAM recovered 2h×1", "TEAM unreachable 30h×1"])

            // Reopening uncounts it; closing it again counts it by its new resolution and time.
            let third = ids[2]
            _ = try await f.write { try await $0.cases.apply(.reopen, to: third, by: "Ann Admin", at: at, group: nil) }
            try await expectCountsAgree(store, "reopening")
            #expect(try await closedTallies(f) == ["OTHER recovered 2h×1", "TEAM recovered 2h×1"])
            try await close(f, third, .recovered, afterHours: 50)
            try await expectCountsAgree(store, "closing again")
            #expect(try await closedTallies(f) == ["OTHER recovered 2h×1", "TEAM recovered 2h×1", "TEAM recovered 50h×1"])

            // A duplicate for another group keeps the case and takes it along.
            try await f.submit(ticket: "K-2", group: "OTHER", rating: 2, at: t0.addingTimeInterval(60))
            try await expectCountsAgree(store, "the duplicate")
            #expect(try await closedTallies(f) == ["OTHER recovered 2h×2", "TEAM recovered 50h×1"])

            // The period is of alerts: the day before holds none of them.
            #expect(try await closedTallies(f, from: alert.addingTimeInterval(-86_400), before: alert).isEmpty)
            #expect(try await closedTallies(other) == ["TEAM notRecovered 1h×1"])
        }
    }
}
