public import Foundation

/// When an instance's daily alert runs happen, and which window of time each covers (SPEC §2).
public struct AlertCalendar: Sendable {
    public let alertTime: LocalTime
    public let timeZone: TimeZone

    public init(alertTime: LocalTime, timeZone: TimeZone) {
        self.alertTime = alertTime
        self.timeZone = timeZone
    }

    public init(_ preferences: Preferences) {
        self.init(alertTime: preferences.alertTime, timeZone: preferences.timezone)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The alert instant of a local day: the alert time on that day; in a DST gap the first valid instant
    /// after it, in a DST overlap the first occurrence.
    public func alertInstant(on day: LocalDate) -> Date {
        let start = day.startOfDay(in: timeZone)
        let wanted = DateComponents(hour: alertTime.hour, minute: alertTime.minute)
        if alertTime.minutesSinceMidnight == 0 { return start }
        // nextTime: a wall time that does not exist (a gap) becomes the first instant after the gap.
        return calendar.nextDate(
            after: start.addingTimeInterval(-1), matching: wanted, matchingPolicy: .nextTime, repeatedTimePolicy: .first,
            direction: .forward)!
    }

    /// The local day an instant falls on.
    public func day(of instant: Date) -> LocalDate {
        LocalDate(containing: instant, in: timeZone)
    }

    /// The latest alert instant at or before `instant`, with its day.
    public func latestRun(atOrBefore instant: Date) -> ScheduledRun {
        var day = self.day(of: instant)
        var at = alertInstant(on: day)
        while at > instant {
            day = day.adding(days: -1)
            at = alertInstant(on: day)
        }
        return ScheduledRun(day: day, instant: at)
    }

    /// The runs due up to `instant`, in order, after the last run that happened (on `lastRunDay`).
    /// With no run yet, only the latest run at or before `instant` is due: a first run covers the 24 hours before it.
    public func dueRuns(after lastRunDay: LocalDate?, upTo instant: Date) -> [ScheduledRun] {
        guard let lastRunDay else {
            return [latestRun(atOrBefore: instant)]
        }
        var runs: [ScheduledRun] = []
        var day = lastRunDay.adding(days: 1)
        while true {
            let at = alertInstant(on: day)
            guard at <= instant else { break }
            runs.append(ScheduledRun(day: day, instant: at))
            day = day.adding(days: 1)
        }
        return runs
    }

    /// The next run after the last one (or the first at or after `now` when none has run), for showing admins.
    public func nextRun(after lastRunDay: LocalDate?, now: Date) -> ScheduledRun {
        var day = lastRunDay.map { $0.adding(days: 1) } ?? self.day(of: now)
        while lastRunDay == nil && alertInstant(on: day) < now {
            day = day.adding(days: 1)
        }
        return ScheduledRun(day: day, instant: alertInstant(on: day))
    }

    /// Whether a local day is a Saturday or a Sunday.
    public func isWeekend(_ day: LocalDate) -> Bool {
        let weekday = calendar.component(.weekday, from: day.startOfDay(in: timeZone).addingTimeInterval(43_200))
        return weekday == 1 || weekday == 7
    }
}

/// One daily run: the local day it belongs to and its instant.
public struct ScheduledRun: Equatable, Sendable, CustomStringConvertible {
    public let day: LocalDate
    public let instant: Date

    public init(day: LocalDate, instant: Date) {
        self.day = day
        self.instant = instant
    }

    public var description: String { "\(day) at \(RFC3339.format(instant))" }
}
