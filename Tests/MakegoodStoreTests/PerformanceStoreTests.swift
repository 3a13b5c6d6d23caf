import Foundation
import MakegoodDomain
import MakegoodTestSupport
import SQLKit
import Testing

@testable import MakegoodStore

/// SRP figures (SPEC §5) from the live tables, against a fixture worked out by hand.
@Suite struct PerformanceStoreTests {
    /// The alert that reported the day's responses; the target is 24 hours (the default), the threshold 6.
    let alert = t0.addingTimeInterval(86_400)
    func hours(_ h: Double) -> Date { alert.addingTimeInterval(h * 3600) }

    @Test("a hand-computed fixture gives exactly the expected figures", arguments: TestDatabase.allCases)
    func handComputed(database: TestDatabase) async throws {
        try await database.withStore { store in
            let f = try await Fixture.make(on: store, groups: ["A", "B", "C"])
            // A: spoken exactly at the target boundary (within), spoken after it (not), spoken before the alert (within, 0 h).
            let a1 = try await f.submit(ticket: "a1", group: "A", rating: 2).response.id
            let a2 = try await f.submit(ticket: "a2", group: "A", rating: 3).response.id
            let a3 = try await f.submit(ticket: "a3", group: "A", rating: 1).response.id
            let a4 = try await f.submit(ticket: "a4", group: "A", rating: 8).response.id  // happy: not counted
            _ = try await f.note(a1, spoke: true, at: hours(24))
            _ = try await f.note(a2, spoke: false, at: hours(2))
            _ = try await f.note(a2, spoke: true, at: hours(30))
            _ = try await f.note(a3, spoke: true, at: hours(-1))
            // B: a voicemail only, no note at all, and a duplicate whose spoken note moved to the survey replacing it.
            let b1 = try await f.submit(ticket: "b1", group: "B", rating: 4).response.id
            let b2 = try await f.submit(ticket: "b2", group: "B", rating: 5).response.id
            let b3old = try await f.submit(ticket: "b3", group: "B", rating: 6).response.id
            _ = try await f.note(b1, spoke: false, at: hours(1))
            _ = try await f.note(b3old, spoke: true, at: hours(5))
            try await f.write { try await $0.responses.markAlerted([a1, a2, a3, a4, b1, b2, b3old], run: "run-1", at: alert, targetHours: 24) }
            let b3 = try await f.submit(ticket: "b3", group: "B", rating: 6, at: t0.addingTimeInterval(3600)).response.id
            try await f.write { try await $0.responses.markAlerted([b3], run: "run-2", at: hours(24), targetHours: 24) }
            // C: recovered, but never alerted (no run reported it).
            let c1 = try await f.submit(ticket: "c1", group: "C", rating: 3).response.id
            _ = try await f.note(c1, spoke: true, at: hours(2))

            let groups = try await f.read {
                try await $0.performance.figures(receivedFrom: nil, before: nil, groups: nil, threshold: 6, targetHours: 24)
            }
            let byCode = Dictionary(uniqueKeysWithValues: groups.map { ($0.code, $0.figures) })
            let a = try #require(byCode["A"]), b = try #require(byCode["B"]), c = try #require(byCode["C"])
            #expect([a.needingRecovery, a.withNote, a.spokenTo, a.alerted] as [Int] == [3, 3, 3, 3])
            #expect(abs((a.recoveredWithinTargetPercent ?? 0) - 200.0 / 3) < 0.001)
            #expect(a.medianHoursToFirstNote == 2.0)
            #expect(a.p90HoursToFirstNote == 24.0)
            #expect([b.needingRecovery, b.withNote, b.spokenTo, b.alerted] as [Int] == [3, 2, 1, 3])
            #expect(abs((b.recoveredWithinTargetPercent ?? 0) - 100.0 / 3) < 0.001)
            #expect(b.medianHoursToFirstNote == 0.0)
            #expect(b.p90HoursToFirstNote == 1.0)
            #expect([c.needingRecovery, c.withNote, c.spokenTo, c.alerted] as [Int] == [1, 1, 1, 0])
            #expect(c.recoveredWithinTargetPercent == nil)
            #expect(c.medianHoursToFirstNote == nil)

            // Migration 7 works the same first-note times out from the notes alone.
            try await store.write { session in
                try await session.sql.raw("UPDATE survey_responses SET first_note_at = NULL, first_spoken_at = NULL").run()
                try await session.sql.raw(SQLQueryString("UPDATE survey_responses SET " + Migration.firstNoteTimesFromNotes)).run()
            }
            let backfilled = try await f.read {
                try await $0.performance.figures(receivedFrom: nil, before: nil, groups: nil, threshold: 6, targetHours: 24)
            }
            #expect(backfilled.map(\.figures) == groups.map(\.figures))
        }
    }
}
