import Foundation
import MakegoodDomain
import Testing

/// The weeks of the SRP trend (SPEC §5): counted from the range's first day, in the instance's timezone.
@Suite struct PerformanceTrendTests {
    let sydney = TimeZone(identifier: "Australia/Sydney")!

    @Test("one week per seven days of the range, the last one shorter", arguments: [
        ("2026-11-02", "2026-11-29", 4), ("2026-11-02", "2026-11-02", 1), ("2026-11-02", "2026-11-09", 2), ("2026-09-07", "2026-11-29", 12),
    ])
    func weeks(from: String, to: String, count: Int) {
        let trend = PerformanceTrend(facts: [], from: LocalDate(from)!, to: LocalDate(to)!, in: sydney, targetHours: 24)
        #expect(trend.weeks.count == count)
        #expect(trend.weeks.last?.end == LocalDate(to)!)
    }

    @Test("a response counts in the week of its local date, across the October DST change")
    func localWeeks() {
        let alert = Date(timeIntervalSince1970: 1_791_000_000)
        let facts = RecoveryFacts(alertedAt: alert, firstNoteAt: alert, firstSpokenAt: alert)
        // 2026-10-04 00:30 in Sydney (just after the clocks went forward) is 2026-10-03T14:30Z.
        let justInside = Date(timeIntervalSince1970: 1_791_037_800)
        let trend = PerformanceTrend(
            facts: [(justInside, facts)], from: LocalDate("2026-09-28")!, to: LocalDate("2026-10-11")!, in: sydney, targetHours: 24)
        #expect(trend.weeks.map(\.figures.needingRecovery) == [1, 0])
    }
}
