import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import Testing

/// Each `srn` value lists exactly the responses SPEC §4 says, on every database.
@Suite struct SRNFilterStoreTests {
    /// Tickets: LOW-NONE (2, no notes), LOW-VM (3, voicemail only), LOW-SPOKE (4, spoke), HIGH-NONE (9), HIGH-SPOKE (8, spoke).
    static let expected: [(SRNFilter, Set<String>)] = [
        (.none, ["LOW-NONE", "LOW-VM", "LOW-SPOKE", "HIGH-NONE", "HIGH-SPOKE"]),
        (.all, ["LOW-NONE", "LOW-VM", "LOW-SPOKE", "HIGH-NONE", "HIGH-SPOKE"]),
        (.needingRecovery, ["LOW-NONE", "LOW-VM", "LOW-SPOKE"]),
        (.needingRecoveryWithoutNotes, ["LOW-NONE"]),
        (.withNotes, ["LOW-VM", "LOW-SPOKE", "HIGH-SPOKE"]),
        (.neverSpoken, ["LOW-VM"]),
        (.hasSpoken, ["LOW-SPOKE", "HIGH-SPOKE"]),
    ]

    @Test(arguments: TestDatabase.allCases)
    func eachFilterListsExactlyItsRows(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let ids = try await seed(fixture)
            #expect(ids.count == 5)
            for (filter, tickets) in Self.expected {
                let query = ResponseQuery(srn: filter, threshold: 6)
                let listed = try await fixture.read { try await $0.responses.list(query).items.compactMap(\.submission.ticketId) }
                #expect(Set(listed) == tickets, "srn=\(filter.rawValue)")
                // The SQL and the domain rule agree on every row.
                let all = try await fixture.read { try await $0.responses.list(ResponseQuery()).items }
                let byRule = all.filter {
                    filter.includes(rating: $0.submission.rating.value, threshold: 6, noteCount: $0.notes.count, spokenCount: $0.notes.spokenCount)
                }
                #expect(Set(byRule.compactMap(\.submission.ticketId)) == tickets, "rule for srn=\(filter.rawValue)")
            }
        }
    }

    private func seed(_ fixture: Fixture) async throws -> [UUID] {
        var ids: [UUID] = []
        for (ticket, rating) in [("LOW-NONE", 2), ("LOW-VM", 3), ("LOW-SPOKE", 4), ("HIGH-NONE", 9), ("HIGH-SPOKE", 8)] {
            ids.append(try await fixture.submit(ticket: ticket, rating: rating, at: t0).response.id)
        }
        _ = try await fixture.note(ids[1], spoke: false, text: "voicemail", at: t0)
        _ = try await fixture.note(ids[2], spoke: false, text: "voicemail", at: t0)
        _ = try await fixture.note(ids[2], spoke: true, text: "spoke", at: t0)
        _ = try await fixture.note(ids[4], spoke: true, text: "thanked them", at: t0)
        return ids
    }
}
