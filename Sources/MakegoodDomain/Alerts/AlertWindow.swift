public import Foundation

/// The span of receipt times a run covers, `(start, end]`, and the rule of which responses it alerts.
public struct AlertWindow: Equatable, Sendable {
    /// Exclusive: the previous run's instant (or 24 hours before a first run).
    public let start: Date
    /// Inclusive: this run's instant.
    public let end: Date
    /// The previous run's window start: responses of window k−1 that were invalid then get a second chance.
    public let previousStart: Date?

    /// The window of a run, following the previous run that actually happened.
    public init(run: Date, previousRun: (instant: Date, windowStart: Date)?) {
        if let previousRun {
            self.start = previousRun.instant
            self.previousStart = previousRun.windowStart
        } else {
            self.start = run.addingTimeInterval(-24 * 3_600)
            self.previousStart = nil
        }
        self.end = run
    }

    /// The earliest receipt time (exclusive) a run looks at: window k−1's start when there was one.
    public var lookbackStart: Date { previousStart ?? start }

    /// SPEC §2: alert when it needs recovery, is valid now, was never alerted, and arrived in window k or k−1.
    public func shouldAlert(receivedAt: Date, needsRecovery: Bool, isValid: Bool, alreadyAlerted: Bool) -> Bool {
        needsRecovery && isValid && !alreadyAlerted && receivedAt > lookbackStart && receivedAt <= end
    }

    /// Whether a receipt time is in this run's own window.
    public func contains(_ instant: Date) -> Bool {
        instant > start && instant <= end
    }
}
