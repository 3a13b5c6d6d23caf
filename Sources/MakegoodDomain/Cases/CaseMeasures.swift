public import Foundation

/// How a group's recovery cases stand and ended (issue 21, on the SRP dashboard): how many are still open and how
/// many of those are overdue, how the closed ones were resolved, the share recovered, and how long closing took.
public struct CaseMeasures: Equatable, Sendable {
    /// Cases alike in state, resolution, whether overdue now, and minutes from the alert to closing, counted.
    public struct Tally: Equatable, Sendable {
        public let state: CaseState
        public let resolution: CaseResolution?
        public let overdue: Bool
        /// For a closed case, whole minutes from its alert to its closing.
        public let minutesToClose: Int?
        public let count: Int

        public init(state: CaseState, resolution: CaseResolution?, overdue: Bool, minutesToClose: Int?, count: Int) {
            self.state = state
            self.resolution = resolution
            self.overdue = overdue
            self.minutesToClose = minutesToClose
            self.count = count
        }
    }

    /// Not closed yet: open or contacted, as My queue counts them.
    public let open: Int
    /// Open (nobody spoken to) and past due.
    public let overdue: Int
    public let closed: [CaseResolution: Int]
    /// Closed as recovered ÷ closed; nil when none is closed.
    public let recoveredPercent: Double?
    /// The median of the hours from the alert to closing, of the closed cases.
    public let medianHoursToClose: Double?

    public var closedCount: Int { closed.values.reduce(0, +) }

    public init(_ tallies: [Tally]) {
        open = tallies.filter { $0.state != .closed }.reduce(0) { $0 + $1.count }
        overdue = tallies.filter { $0.state == .open && $0.overdue }.reduce(0) { $0 + $1.count }
        var closed: [CaseResolution: Int] = [:]
        for tally in tallies where tally.state == .closed {
            closed[tally.resolution ?? .recovered, default: 0] += tally.count
        }
        self.closed = closed
        let total = closed.values.reduce(0, +)
        recoveredPercent = total == 0 ? nil : Double(closed[.recovered] ?? 0) * 100 / Double(total)
        let hours = tallies.flatMap { tally -> [Double] in
            guard tally.state == .closed, let minutes = tally.minutesToClose else { return [] }
            return Array(repeating: Double(max(0, minutes)) / 60, count: tally.count)
        }.sorted()
        medianHoursToClose = RecoveryPerformance.percentile(50, of: hours)
    }
}
