import Foundation
import MakegoodDomain
import Testing

/// Ratings, recovery, validity and the srn filter (SPEC §1, §4).
@Suite struct SurveyRuleTests {
    static let received = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("ratings are 1–10", arguments: [(0, false), (1, true), (10, true), (11, false), (-3, false)])
    func rating(value: Int, accepted: Bool) {
        #expect((((try? Rating(value))) != nil) == accepted)
    }

    @Test("NPS bands", arguments: [
        (1, NPSBand.detractor), (6, .detractor), (7, .passive), (8, .passive), (9, .promoter), (10, .promoter),
    ])
    func band(rating: Int, band: NPSBand) throws {
        #expect(try Rating(rating).band == band)
    }

    @Test("needs recovery when the rating is at or below the threshold", arguments: [
        (5, 6, true), (6, 6, true), (7, 6, false), (1, 1, true), (2, 1, false), (9, 9, true), (10, 9, false),
    ])
    func needsRecovery(rating: Int, threshold: Int, expected: Bool) {
        #expect(RecoveryRule.needsRecovery(rating: rating, threshold: threshold) == expected)
    }

    static func submission(ticket: String? = "T-1", group: String? = "TEAM", segment: String? = "ENT", comment: String? = nil)
        throws -> SurveySubmission
    {
        try SurveySubmission(
            ticketId: ticket, supportGroupCode: group, segmentCode: segment, customerName: " Cas ", customerEmail: "",
            agent: nil, rating: try Rating(3), factors: ["Speed", " ", "Knowledge"], comment: comment, receivedAt: received)
    }

    @Test func verbatimOfTenThousandCharactersIsAccepted() throws {
        let japanese = String(repeating: "対", count: 10_000)
        #expect(try Self.submission(comment: japanese).comment == japanese)
        let error = #expect(throws: DomainError.self) { try Self.submission(comment: japanese + "応") }
        #expect(error?.field == "comment")
        // Code points, as JSON Schema's maxLength counts them: a family emoji is five.
        #expect(throws: Never.self) { try Self.submission(comment: String(repeating: "👨‍👩‍👧", count: 2_000)) }
        #expect(throws: DomainError.self) { try Self.submission(comment: String(repeating: "👨‍👩‍👧", count: 2_001)) }
    }

    @Test func blanksBecomeMissing() throws {
        let submission = try Self.submission(ticket: "  ", group: "", segment: "ENT")
        #expect(submission.ticketId == nil && submission.supportGroupCode == nil)
        #expect(submission.customerName == "Cas" && submission.customerEmail == nil)
        #expect(submission.factors == ["Speed", "Knowledge"])
    }

    @Test("problems name the field and the value", arguments: [
        ("T-1", "TEAM", "ENT", [] as [ResponseProblem]),
        (nil, "TEAM", "ENT", [ResponseProblem(field: "ticketId", code: .missing, value: nil)]),
        ("T-1", nil, "ENT", [ResponseProblem(field: "supportGroupCode", code: .missing, value: nil)]),
        ("T-1", "GHOST", "ENT", [ResponseProblem(field: "supportGroupCode", code: .unknown, value: "GHOST")]),
        ("T-1", "TEAM", "NOPE", [ResponseProblem(field: "segmentCode", code: .unknown, value: "NOPE")]),
        (nil, nil, nil, [
            ResponseProblem(field: "ticketId", code: .missing, value: nil),
            ResponseProblem(field: "supportGroupCode", code: .missing, value: nil),
            ResponseProblem(field: "segmentCode", code: .missing, value: nil),
        ]),
    ] as [(String?, String?, String?, [ResponseProblem])])
    func problems(ticket: String?, group: String?, segment: String?, expected: [ResponseProblem]) {
        let problems = ResponseValidity.problems(
            ticketId: ticket, supportGroupCode: group, segmentCode: segment,
            isKnownGroup: { $0 == "TEAM" }, isKnownSegment: { $0 == "ENT" })
        #expect(problems == expected)
        for problem in problems {
            #expect(problem.message.contains(problem.field == "ticketId" ? "ticket id" : problem.value ?? "missing"))
        }
    }

    @Test func validSinceIsKeptSetOrCleared() {
        let earlier = Self.received
        let now = earlier.addingTimeInterval(3_600)
        #expect(ResponseValidity.validSince(wasValidSince: nil, isValidNow: true, now: now) == now)
        #expect(ResponseValidity.validSince(wasValidSince: earlier, isValidNow: true, now: now) == earlier)
        #expect(ResponseValidity.validSince(wasValidSince: earlier, isValidNow: false, now: now) == nil)
    }

    /// (rating, noteCount, spokenCount) at threshold 6, and which filters include it, in the order n y r x w v s.
    @Test("each srn value against a table of facts", arguments: [
        (3, 0, 0, [true, true, true, true, false, false, false]),
        (3, 2, 0, [true, true, true, false, true, true, false]),
        (3, 2, 1, [true, true, true, false, true, false, true]),
        (6, 0, 0, [true, true, true, true, false, false, false]),
        (7, 0, 0, [true, true, false, false, false, false, false]),
        (9, 1, 1, [true, true, false, false, true, false, true]),
        (9, 1, 0, [true, true, false, false, true, true, false]),
    ])
    func srn(rating: Int, notes: Int, spoken: Int, expected: [Bool]) {
        let filters: [SRNFilter] = [.none, .all, .needingRecovery, .needingRecoveryWithoutNotes, .withNotes, .neverSpoken, .hasSpoken]
        #expect(filters.map { $0.includes(rating: rating, threshold: 6, noteCount: notes, spokenCount: spoken) } == expected)
    }

    @Test func srnQueryValues() {
        #expect(SRNFilter(query: nil) == SRNFilter.none)
        #expect(SRNFilter(query: "X") == .needingRecoveryWithoutNotes)
        #expect(SRNFilter(query: "q") == nil)
        #expect(SRNFilter.allCases.map(\.rawValue) == ["n", "y", "r", "x", "w", "v", "s"])
        #expect(!SRNFilter.none.showsNotes && SRNFilter.allCases.filter(\.showsNotes).count == 6)
        #expect(SRNFilter.allCases.compactMap(\.dashboardLabel).count == 5)
    }

    @Test func noteDrafts() {
        #expect(throws: DomainError.self) { try NoteDraft(author: " ", spokeToCustomer: true, text: "x", createdAt: Self.received) }
        #expect(throws: DomainError.self) { try NoteDraft(author: "Lee", spokeToCustomer: true, text: "\n", createdAt: Self.received) }
        #expect((try? NoteDraft(author: " Lee ", spokeToCustomer: false, text: "left voicemail", createdAt: Self.received))?.author == "Lee")
    }
}

/// Local dates and their instants.
@Suite struct LocalDateRuleTests {
    @Test("dates must exist", arguments: [("2026-02-28", true), ("2026-02-29", false), ("2028-02-29", true), ("2026-02-30", false),
                                          ("2026-13-01", false), ("26-01-01", false), ("2026-1-01", false)])
    func parse(text: String, accepted: Bool) {
        #expect((LocalDate(text) != nil) == accepted)
    }

    @Test func dayRangeFollowsTheTimezoneAcrossDST() {
        let sydney = TimeZone(identifier: "Australia/Sydney")!
        let range = LocalDate.instantRange(from: LocalDate("2026-10-04"), to: LocalDate("2026-10-04"), in: sydney)
        #expect(range.lower == RFC3339.parse("2026-10-03T14:00:00Z"))
        #expect(range.upper == RFC3339.parse("2026-10-04T13:00:00Z"))  // a 23-hour day
        let newYork = TimeZone(identifier: "America/New_York")!
        #expect(LocalDate("2026-11-01")!.startOfDay(in: newYork) == RFC3339.parse("2026-11-01T04:00:00Z"))
        #expect(LocalDate(containing: RFC3339.parse("2026-11-01T03:59:00Z")!, in: newYork).description == "2026-10-31")
    }
}

/// Service Recovery Performance figures.
@Suite struct RecoveryPerformanceRuleTests {
    static let alert = Date(timeIntervalSince1970: 1_795_000_000)
    static func at(hours: Double) -> Date { alert.addingTimeInterval(hours * 3_600) }

    @Test func figuresAgainstTheTarget() {
        let facts = [
            RecoveryFacts(alertedAt: Self.alert, firstNoteAt: Self.at(hours: 2), firstSpokenAt: Self.at(hours: 2)),  // within
            RecoveryFacts(alertedAt: Self.alert, firstNoteAt: Self.at(hours: 10), firstSpokenAt: Self.at(hours: 24)),  // exactly at target
            RecoveryFacts(alertedAt: Self.alert, firstNoteAt: Self.at(hours: 20), firstSpokenAt: Self.at(hours: 24.01)),  // just after
            RecoveryFacts(alertedAt: Self.alert, firstNoteAt: Self.at(hours: 30), firstSpokenAt: nil),  // never spoken to
            RecoveryFacts(alertedAt: Self.alert, firstNoteAt: nil, firstSpokenAt: nil),
            RecoveryFacts(alertedAt: nil, firstNoteAt: Self.at(hours: 1), firstSpokenAt: Self.at(hours: 1)),  // not alerted yet
        ]
        let figures = RecoveryPerformance(facts, targetHours: 24)
        #expect(figures.needingRecovery == 6 && figures.withNote == 5 && figures.spokenTo == 4 && figures.alerted == 5)
        #expect(figures.recoveredWithinTargetPercent == 40)
        #expect(figures.medianHoursToFirstNote == 10 && figures.p90HoursToFirstNote == 30)
        #expect(RecoveryPerformance([], targetHours: 24).recoveredWithinTargetPercent == nil)
    }

    /// Counted facts (as the dashboard reads them) give the figures of the same facts one by one.
    @Test func talliesGiveTheSameFiguresAsEachFact() {
        let noted = RecoveryFacts(alertedAt: Self.alert, firstNoteAt: Self.at(hours: 3), firstSpokenAt: Self.at(hours: 30))
        let quiet = RecoveryFacts(alertedAt: Self.alert, firstNoteAt: nil, firstSpokenAt: nil)
        let early = RecoveryFacts(alertedAt: Self.alert, firstNoteAt: Self.at(hours: 1), firstSpokenAt: Self.at(hours: 1))
        let waiting = RecoveryFacts(alertedAt: nil, firstNoteAt: nil, firstSpokenAt: nil)
        let tallies = [(noted, 3), (quiet, 7), (early, 1), (waiting, 2)]
        let oneByOne = tallies.flatMap { Array(repeating: $0.0, count: $0.1) }
        let counted = RecoveryPerformance(tallies: tallies, targetHours: 24)
        #expect(counted == RecoveryPerformance(oneByOne, targetHours: 24))
        #expect(counted.needingRecovery == 13 && counted.alerted == 11 && counted.withNote == 4 && counted.medianHoursToFirstNote == 3)
    }

    @Test("nearest-rank percentiles", arguments: [
        (50.0, [1.0], 1.0), (50.0, [1.0, 2.0], 1.0), (90.0, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 9.0),
        (90.0, [3.0, 4.0], 4.0),
    ])
    func percentile(p: Double, values: [Double], expected: Double) {
        #expect(RecoveryPerformance.percentile(p, of: values) == expected)
    }
}
