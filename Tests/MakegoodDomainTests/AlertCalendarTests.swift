import Foundation
import MakegoodDomain
import Testing

/// The alert instant of each local day, the windows runs cover, across DST changes, downtime and alert-time changes.
@Suite struct AlertCalendarTests {
    static func utc(_ text: String) -> Date { RFC3339.parse(text)! }
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }
    static func calendar(_ time: String, _ zone: String) -> AlertCalendar {
        AlertCalendar(alertTime: LocalTime(time)!, timeZone: TimeZone(identifier: zone)!)
    }

    /// (zone, alert time, local day, expected instant in UTC): ordinary days, and the days clocks change.
    static let instants: [(String, String, String, String)] = [
        // Sydney: DST ends 2026-04-05 at 03:00 (back to 02:00); starts 2026-10-04 at 02:00 (on to 03:00).
        ("Australia/Sydney", "09:00", "2026-04-04", "2026-04-03T22:00:00Z"),
        ("Australia/Sydney", "09:00", "2026-04-05", "2026-04-04T23:00:00Z"),
        ("Australia/Sydney", "02:30", "2026-04-05", "2026-04-04T15:30:00Z"),  // overlap: the first 02:30 (+11:00)
        ("Australia/Sydney", "09:00", "2026-10-03", "2026-10-02T23:00:00Z"),
        ("Australia/Sydney", "09:00", "2026-10-04", "2026-10-03T22:00:00Z"),
        ("Australia/Sydney", "02:30", "2026-10-04", "2026-10-03T16:00:00Z"),  // gap: 03:00 local, the first valid instant
        // New York: DST starts 2026-03-08 at 02:00 (on to 03:00); ends 2026-11-01 at 02:00 (back to 01:00).
        ("America/New_York", "09:00", "2026-03-07", "2026-03-07T14:00:00Z"),
        ("America/New_York", "09:00", "2026-03-08", "2026-03-08T13:00:00Z"),
        ("America/New_York", "02:30", "2026-03-08", "2026-03-08T07:00:00Z"),  // gap: 03:00 EDT
        ("America/New_York", "09:00", "2026-11-01", "2026-11-01T14:00:00Z"),
        ("America/New_York", "01:30", "2026-11-01", "2026-11-01T05:30:00Z"),  // overlap: the first 01:30 (EDT)
        ("America/New_York", "18:00", "2026-11-02", "2026-11-02T23:00:00Z"),
    ]

    @Test("the alert instant of a local day", arguments: instants)
    func alertInstant(zone: String, time: String, day: String, expected: String) {
        #expect(Self.calendar(time, zone).alertInstant(on: Self.day(day)) == Self.utc(expected))
    }

    /// Windows across a DST change are 23 or 25 hours long and follow each other with no gap or overlap.
    @Test(arguments: [
        ("Australia/Sydney", "2026-04-04", [24.0, 25.0, 24.0]), ("Australia/Sydney", "2026-10-03", [24.0, 23.0, 24.0]),
        ("America/New_York", "2026-03-07", [24.0, 23.0, 24.0]), ("America/New_York", "2026-10-31", [24.0, 25.0, 24.0]),
    ])
    func windowsAcrossDSTChange(zone: String, firstDay: String, hours: [Double]) {
        let calendar = Self.calendar("09:00", zone)
        var previous = (instant: calendar.alertInstant(on: Self.day(firstDay).adding(days: -1)), windowStart: Date.distantPast)
        var lengths: [Double] = []
        for offset in 0..<3 {
            let run = calendar.alertInstant(on: Self.day(firstDay).adding(days: offset))
            let window = AlertWindow(run: run, previousRun: previous)
            #expect(window.start == previous.instant)
            lengths.append(window.end.timeIntervalSince(window.start) / 3_600)
            previous = (run, window.start)
        }
        #expect(lengths == hours)
    }

    /// After three days of downtime the missed runs are due in order, each with its own day.
    @Test func downtimeRunsMissedDaysInOrder() {
        let calendar = Self.calendar("09:00", "Australia/Sydney")
        let runs = calendar.dueRuns(after: Self.day("2026-11-16"), upTo: Self.utc("2026-11-19T23:30:00Z"))
        #expect(runs.map(\.day.description) == ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"])
        #expect(runs.map(\.instant) == ["2026-11-16T22:00:00Z", "2026-11-17T22:00:00Z", "2026-11-18T22:00:00Z", "2026-11-19T22:00:00Z"].map(Self.utc))
        #expect(calendar.dueRuns(after: Self.day("2026-11-20"), upTo: Self.utc("2026-11-20T21:59:59Z")).isEmpty)
    }

    /// A first run is the latest alert instant at or before now, and covers the 24 hours before it.
    @Test func firstRunCoversTheDayBefore() throws {
        let calendar = Self.calendar("09:00", "Australia/Sydney")
        let runs = calendar.dueRuns(after: nil, upTo: Self.utc("2026-11-20T03:00:00Z"))
        let run = try #require(runs.first)
        #expect(runs.count == 1 && run.day == Self.day("2026-11-20") && run.instant == Self.utc("2026-11-19T22:00:00Z"))
        let window = AlertWindow(run: run.instant, previousRun: nil)
        #expect(window.start == Self.utc("2026-11-18T22:00:00Z"))
        // Just before the alert time, the latest run is the day before's.
        #expect(calendar.latestRun(atOrBefore: Self.utc("2026-11-19T21:59:00Z")).day == Self.day("2026-11-19"))
    }

    /// When the alert time changes mid-week, the next run is at the new time on the first day without a run,
    /// and its window starts at the previous actual run, so nothing is skipped or counted twice.
    @Test(arguments: [("07:00", "2026-11-18T20:00:00Z", 22.0), ("15:00", "2026-11-19T04:00:00Z", 30.0)])
    func alertTimeChangeMidWeek(newTime: String, expectedRun: String, windowHours: Double) throws {
        let before = Self.calendar("09:00", "Australia/Sydney")
        let lastRun = before.alertInstant(on: Self.day("2026-11-18"))  // Wednesday, 09:00 local
        let after = Self.calendar(newTime, "Australia/Sydney")
        // Changed on Wednesday afternoon: Wednesday has had its run.
        let runs = after.dueRuns(after: Self.day("2026-11-18"), upTo: Self.utc("2026-11-19T12:00:00Z"))
        let run = try #require(runs.first)
        #expect(runs.count == 1 && run.instant == Self.utc(expectedRun))
        let window = AlertWindow(run: run.instant, previousRun: (lastRun, lastRun.addingTimeInterval(-86_400)))
        #expect(window.end.timeIntervalSince(window.start) / 3_600 == windowHours)
    }

    /// Saturdays and Sundays, read in the instance's timezone.
    @Test func weekendDays() {
        let calendar = Self.calendar("09:00", "Pacific/Auckland")
        #expect(calendar.isWeekend(Self.day("2026-11-21")) && calendar.isWeekend(Self.day("2026-11-22")))
        #expect(!calendar.isWeekend(Self.day("2026-11-20")) && !calendar.isWeekend(Self.day("2026-11-23")))
    }
}

/// Which responses a run alerts (SPEC §2).
@Suite struct AlertWindowTests {
    static let a1 = RFC3339.parse("2026-11-17T22:00:00Z")!
    static let a2 = RFC3339.parse("2026-11-18T22:00:00Z")!
    static let window = AlertWindow(run: a2, previousRun: (a1, a1.addingTimeInterval(-86_400)))

    /// (received hours before A(k), needs recovery, valid, alerted before, alerted now)
    @Test(arguments: [
        (1.0, true, true, false, true),  // window k, valid: alerted
        (0.0, true, true, false, true),  // exactly at A(k): in window k
        (-0.1, true, true, false, false),  // after A(k): next run's
        (1.0, false, true, false, false),  // above the threshold
        (1.0, true, false, false, false),  // still invalid
        (30.0, true, true, false, true),  // window k−1, fixed since: second chance
        (30.0, true, true, true, false),  // window k−1, already alerted at A(k−1)
        (48.0, true, true, false, false),  // exactly A(k−2): belongs to window k−2
        (60.0, true, true, false, false),  // older than window k−1 (a back-fill): never
    ])
    func selection(hoursBefore: Double, needsRecovery: Bool, valid: Bool, alerted: Bool, expected: Bool) {
        let received = Self.a2.addingTimeInterval(-hoursBefore * 3_600)
        #expect(Self.window.shouldAlert(receivedAt: received, needsRecovery: needsRecovery, isValid: valid, alreadyAlerted: alerted) == expected)
    }
}
