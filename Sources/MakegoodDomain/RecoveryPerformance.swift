public import Foundation

/// What one response needing recovery tells about how it was recovered.
public struct RecoveryFacts: Sendable, Equatable {
    /// When the daily run reported it; nil if no run has.
    public let alertedAt: Date?
    public let firstNoteAt: Date?
    /// The first note that says the customer was spoken to.
    public let firstSpokenAt: Date?

    public init(alertedAt: Date?, firstNoteAt: Date?, firstSpokenAt: Date?) {
        self.alertedAt = alertedAt
        self.firstNoteAt = firstNoteAt
        self.firstSpokenAt = firstSpokenAt
    }
}

/// The Service Recovery Performance figures of SPEC §5 for one group.
public struct RecoveryPerformance: Sendable, Equatable {
    public let needingRecovery: Int
    public let withNote: Int
    public let spokenTo: Int
    public let alerted: Int
    /// Of the alerted, the share whose first Spoke = yes note came within the target; nil when none was alerted.
    public let recoveredWithinTargetPercent: Double?
    public let medianHoursToFirstNote: Double?
    public let p90HoursToFirstNote: Double?

    /// Measures a group's responses needing recovery against the Service Recovery Target.
    public init(_ facts: [RecoveryFacts], targetHours: Int) {
        self.init(tallies: facts.map { ($0, 1) }, targetHours: targetHours)
    }

    /// The same, from facts with how many responses share each.
    public init(tallies: [(facts: RecoveryFacts, count: Int)], targetHours: Int) {
        func total(_ included: (RecoveryFacts) -> Bool) -> Int {
            tallies.reduce(0) { $0 + (included($1.facts) ? $1.count : 0) }
        }
        needingRecovery = total { _ in true }
        withNote = total { $0.firstNoteAt != nil }
        spokenTo = total { $0.firstSpokenAt != nil }
        alerted = total { $0.alertedAt != nil }
        let target = TimeInterval(targetHours) * 3600
        let recovered = total { fact in
            guard let spoken = fact.firstSpokenAt, let alert = fact.alertedAt else { return false }
            return spoken.timeIntervalSince(alert) <= target
        }
        recoveredWithinTargetPercent = alerted == 0 ? nil : Double(recovered) * 100 / Double(alerted)
        // A note written before the alert (the lead heard first) counts as zero hours.
        let hours = tallies.flatMap { tally -> [Double] in
            guard let note = tally.facts.firstNoteAt, let alert = tally.facts.alertedAt else { return [] }
            return Array(repeating: max(0, note.timeIntervalSince(alert)) / 3600, count: tally.count)
        }.sorted()
        medianHoursToFirstNote = Self.percentile(50, of: hours)
        p90HoursToFirstNote = Self.percentile(90, of: hours)
    }

    /// The nearest-rank percentile of sorted values; nil when there are none.
    public static func percentile(_ p: Double, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
