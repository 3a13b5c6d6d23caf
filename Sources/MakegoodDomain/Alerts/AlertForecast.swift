public import Foundation

/// The next daily run of an instance and its window, as the portal shows them: when alerts go out next, and whether
/// a response fixed now will still be alerted by that run (SPEC §2).
public struct AlertForecast: Equatable, Sendable {
    public let next: ScheduledRun
    public let window: AlertWindow

    /// `lastRun` is the instance's latest run (its instant and its window's start), if it has had one.
    public init(preferences: Preferences, lastRun: (day: LocalDate, instant: Date, windowStart: Date)?, now: Date) {
        next = AlertCalendar(preferences).nextRun(after: lastRun?.day, now: now)
        window = AlertWindow(run: next.instant, previousRun: lastRun.map { ($0.instant, $0.windowStart) })
    }

    /// Whether the next run will alert this response, if nothing else about it changes.
    public func willAlert(_ response: SurveyResponse, threshold: Int) -> Bool {
        window.shouldAlert(
            receivedAt: response.submission.receivedAt,
            needsRecovery: RecoveryRule.needsRecovery(rating: response.submission.rating.value, threshold: threshold),
            isValid: response.isValid, alreadyAlerted: response.alertedAt != nil)
    }
}
