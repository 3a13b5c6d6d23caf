public import Foundation

/// Service Recovery Performance week by week over a date range (SPEC §5's chart): one point per week, the weeks
/// counted from the range's first day, the last one possibly shorter.
public struct PerformanceTrend: Equatable, Sendable {
    public struct Week: Equatable, Sendable {
        public let start: LocalDate
        /// The last day of the week inside the range.
        public let end: LocalDate
        public let figures: RecoveryPerformance
    }

    public let weeks: [Week]

    /// Groups `facts` (each with the instant it was received) into the weeks of `from`…`to` in `timeZone`.
    public init(facts: [(receivedAt: Date, facts: RecoveryFacts)], from: LocalDate, to: LocalDate, in timeZone: TimeZone, targetHours: Int) {
        var weeks: [Week] = []
        var start = from
        while start <= to {
            let end = min(start.adding(days: 6), to)
            let lower = start.startOfDay(in: timeZone)
            let upper = end.adding(days: 1).startOfDay(in: timeZone)
            let inWeek = facts.filter { $0.receivedAt >= lower && $0.receivedAt < upper }.map(\.facts)
            weeks.append(Week(start: start, end: end, figures: RecoveryPerformance(inWeek, targetHours: targetHours)))
            start = start.adding(days: 7)
        }
        self.weeks = weeks
    }
}
