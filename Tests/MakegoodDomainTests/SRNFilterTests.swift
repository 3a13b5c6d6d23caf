import Foundation
import MakegoodDomain
import Testing

/// The Service Recovery Notes filter `srn` (SPEC §4, §5).
@Suite struct SRNFilterTests {
    /// (rating, threshold, noteCount, spokenCount, the srn values that include it).
    @Test("each srn value includes exactly the responses its rule describes", arguments: [
        (3, 6, 0, 0, "nyrx"),  // needs recovery, no notes
        (3, 6, 2, 0, "nyrwv"),  // needs recovery, notes, never spoken
        (3, 6, 2, 1, "nyrws"),  // needs recovery, spoken once
        (5, 6, 4, 4, "nyrws"),  // every note spoken
        (6, 6, 0, 0, "nyrx"),  // at the threshold
        (6, 6, 1, 1, "nyrws"),
        (7, 6, 0, 0, "ny"),  // above the threshold
        (7, 6, 1, 0, "nywv"),  // above, with notes
        (10, 6, 3, 2, "nyws"),
        (1, 1, 0, 0, "nyrx"),  // lowest threshold
        (2, 1, 0, 0, "ny"),
        (9, 9, 1, 0, "nyrwv"),  // highest threshold
        (10, 9, 0, 0, "ny"),
    ])
    func includes(rating: Int, threshold: Int, noteCount: Int, spokenCount: Int, included: String) throws {
        let expected = try Set(included.map { try #require(SRNFilter(rawValue: String($0))) })
        for filter in SRNFilter.allCases {
            #expect(
                filter.includes(rating: rating, threshold: threshold, noteCount: noteCount, spokenCount: spokenCount)
                    == expected.contains(filter),
                "srn=\(filter.rawValue)")
        }
    }

    @Test("an absent srn means n")
    func absent() {
        #expect(SRNFilter(query: nil) == SRNFilter.none)
    }

    @Test("each srn letter is read, in lower or upper case", arguments: [
        ("n", SRNFilter.none), ("y", .all), ("r", .needingRecovery), ("x", .needingRecoveryWithoutNotes), ("w", .withNotes),
        ("v", .neverSpoken), ("s", .hasSpoken),
        ("N", .none), ("Y", .all), ("R", .needingRecovery), ("X", .needingRecoveryWithoutNotes), ("W", .withNotes),
        ("V", .neverSpoken), ("S", .hasSpoken),
    ])
    func letters(query: String, expected: SRNFilter) {
        #expect(SRNFilter(query: query) == expected)
    }

    @Test("an unknown srn value is refused", arguments: ["q", "", "yes", "rr", " y", "y ", "1", "ｙ"])
    func unknown(query: String) {
        #expect(SRNFilter(query: query) == nil)
    }

    @Test("the values are n y r x w v s")
    func values() {
        #expect(SRNFilter.allCases.map(\.rawValue) == ["n", "y", "r", "x", "w", "v", "s"])
    }

    @Test("any srn other than n shows notes and the pencil link", arguments: SRNFilter.allCases)
    func showsNotes(filter: SRNFilter) {
        #expect(filter.showsNotes == (filter != .none))
    }

    @Test("the dashboard's ServiceRecoveryNotes filter offers r x w v s with their labels", arguments: [
        (SRNFilter.none, nil), (.all, nil), (.needingRecovery, "All needing recovery"), (.needingRecoveryWithoutNotes, "No SR notes"),
        (.withNotes, "With SR notes"), (.neverSpoken, "SR notes - Never spoken"), (.hasSpoken, "SR notes - Has spoken"),
    ] as [(SRNFilter, String?)])
    func dashboardLabel(filter: SRNFilter, label: String?) {
        #expect(filter.dashboardLabel == label)
    }
}
