/// Whether recovered customers were won back (issue 22, on the SRP): of a group's re-surveys, how many were
/// answered, the average rating before (the response the case was opened for) and after (the re-survey's), and the
/// share of the detractors (1–6) among those answered who became promoters (9–10) or passives (7–8).
public struct ResurveyMeasures: Equatable, Sendable {
    /// Re-surveys alike in group, rating before and rating after (nil: not answered), counted.
    public struct Tally: Equatable, Sendable {
        public let group: String
        public let before: Int
        public let after: Int?
        public let count: Int

        public init(group: String, before: Int, after: Int?, count: Int) {
            self.group = group
            self.before = before
            self.after = after
            self.count = count
        }
    }

    public let resurveyed: Int
    public let answered: Int
    /// Of the answered ones, before and after; nil when none was answered.
    public let averageBefore: Double?
    public let averageAfter: Double?
    /// Of the answered re-surveys of detractors, the share now promoters, and now passives; nil when there are none.
    public let detractorsToPromotersPercent: Double?
    public let detractorsToPassivesPercent: Double?

    public init(_ tallies: [Tally]) {
        resurveyed = tallies.reduce(0) { $0 + $1.count }
        typealias Pair = (before: Int, after: Int, count: Int)
        let pairs: [Pair] = tallies.compactMap { tally in tally.after.map { (before: tally.before, after: $0, count: tally.count) } }
        let answered = pairs.reduce(0) { $0 + $1.count }
        self.answered = answered
        func average(_ value: (Pair) -> Int) -> Double? {
            answered == 0 ? nil : Double(pairs.reduce(0) { $0 + value($1) * $1.count }) / Double(answered)
        }
        averageBefore = average { $0.before }
        averageAfter = average { $0.after }
        let detractors = pairs.filter { NPSBand(rating: $0.before) == .detractor }
        let count = detractors.reduce(0) { $0 + $1.count }
        func share(_ band: NPSBand) -> Double? {
            count == 0 ? nil : Double(detractors.filter { NPSBand(rating: $0.after) == band }.reduce(0) { $0 + $1.count }) * 100 / Double(count)
        }
        detractorsToPromotersPercent = share(.promoter)
        detractorsToPassivesPercent = share(.passive)
    }
}
