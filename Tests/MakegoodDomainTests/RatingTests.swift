import Foundation
import MakegoodDomain
import Testing

/// Q1 ratings, their Net Promoter bands, and the recovery rule (SPEC §1).
@Suite struct RatingTests {
    @Test("a rating is a whole number from 1 to 10", arguments: [(0, false), (1, true), (10, true), (11, false), (-1, false), (5, true)])
    func range(value: Int, accepted: Bool) throws {
        if accepted {
            #expect(try Rating(value).value == value)
        } else {
            let error = #expect(throws: DomainError.self) { try Rating(value) }
            #expect(error?.field == "rating")
            #expect(error?.message.contains("got \(value)") == true)
        }
    }

    @Test("9–10 are Promoters, 7–8 Passives, 1–6 Detractors", arguments: [
        (1, NPSBand.detractor), (2, .detractor), (3, .detractor), (4, .detractor), (5, .detractor), (6, .detractor),
        (7, .passive), (8, .passive), (9, .promoter), (10, .promoter),
    ])
    func band(rating: Int, expected: NPSBand) throws {
        #expect(try Rating(rating).band == expected)
        #expect(NPSBand(rating: rating) == expected)
    }

    @Test("ratings are ordered by value")
    func ordering() throws {
        #expect(try Rating(6) < Rating(7))
        #expect(try Rating(10) == Rating(10))
    }

    @Test("needs recovery when the rating is at or below the threshold", arguments: [
        (5, 6, true),  // below
        (6, 6, true),  // at
        (7, 6, false),  // above
        (1, 1, true), (2, 1, false),
        (9, 9, true), (10, 9, false),
        (1, 9, true), (10, 1, false),
    ])
    func needsRecovery(rating: Int, threshold: Int, expected: Bool) {
        #expect(RecoveryRule.needsRecovery(rating: rating, threshold: threshold) == expected)
    }
}
