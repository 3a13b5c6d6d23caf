import Foundation
import MakegoodDomain
import Testing

/// Local calendar dates, `yyyy-mm-dd`, and the instants they span in a timezone.
@Suite struct LocalDateTests {
    static let sydney = TimeZone(identifier: "Australia/Sydney")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let santiago = TimeZone(identifier: "America/Santiago")!
    static let utc = TimeZone(identifier: "UTC")!

    static func instant(_ text: String) -> Date { RFC3339.parse(text)! }
    static func date(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test("dates that exist, written exactly yyyy-mm-dd, are read", arguments: [
        ("2026-02-28", 2026, 2, 28), ("2028-02-29", 2028, 2, 29), ("2000-02-29", 2000, 2, 29), ("2026-12-31", 2026, 12, 31),
        ("2026-04-30", 2026, 4, 30), ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31),
    ])
    func parsed(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(LocalDate(text))
        #expect(date.year == year && date.month == month && date.day == day)
        #expect(date.description == text)
    }

    @Test("dates that do not exist or are not written yyyy-mm-dd are refused", arguments: [
        "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
        "0000-01-01", "26-01-01", "2026-1-01", "2026-01-1", "2026/01/01", "20260101", "", "2026-01-01T00:00",
        " 2026-01-01", "2026-01-01 ", "2026-+1-01", "+026-01-01", "2026-01-+1", "-026-01-01", "2026--1-01", "٢٠٢٦-٠١-٠١",
        "２０２６-０１-０１", "2026-0a-01",
    ])
    func refused(text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test("a date made from numbers must exist", arguments: [
        (2026, 2, 28, true), (2026, 2, 29, false), (2024, 2, 29, true), (2026, 2, 30, false), (2026, 13, 1, false), (0, 1, 1, false),
        (10_000, 1, 1, false),
    ])
    func fromNumbers(year: Int, month: Int, day: Int, exists: Bool) {
        #expect((LocalDate(year: year, month: month, day: day) != nil) == exists)
    }

    @Test("dates are ordered by year, then month, then day")
    func ordering() {
        #expect(Self.date("2026-01-31") < Self.date("2026-02-01"))
        #expect(Self.date("2025-12-31") < Self.date("2026-01-01"))
        #expect(!(Self.date("2026-03-08") < Self.date("2026-03-08")))
        #expect([Self.date("2026-03-09"), Self.date("2026-03-08"), Self.date("2025-12-31")].sorted().map(\.description)
            == ["2025-12-31", "2026-03-08", "2026-03-09"])
    }

    @Test("adding days crosses month, year and leap-day boundaries, both ways", arguments: [
        ("2026-01-31", 1, "2026-02-01"), ("2026-12-31", 1, "2027-01-01"), ("2028-02-28", 1, "2028-02-29"),
        ("2026-02-28", 1, "2026-03-01"), ("2026-03-01", -1, "2026-02-28"), ("2026-01-01", -1, "2025-12-31"),
        ("2026-03-08", 0, "2026-03-08"), ("2026-10-04", 7, "2026-10-11"), ("2026-01-01", 365, "2027-01-01"),
    ])
    func adding(from: String, days: Int, expected: String) {
        #expect(Self.date(from).adding(days: days).description == expected)
    }

    @Test("the local date of an instant depends on the timezone", arguments: [
        ("2026-10-03T13:59:59Z", "Australia/Sydney", "2026-10-03"),
        ("2026-10-03T14:00:00Z", "Australia/Sydney", "2026-10-04"),
        ("2026-10-03T14:00:00Z", "UTC", "2026-10-03"),
        ("2026-03-08T04:59:59Z", "America/New_York", "2026-03-07"),
        ("2026-03-08T05:00:00Z", "America/New_York", "2026-03-08"),
        ("2026-11-01T03:59:00Z", "America/New_York", "2026-10-31"),
    ])
    func containing(instant: String, zone: String, expected: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(LocalDate(containing: Self.instant(instant), in: timeZone).description == expected)
    }

    /// Sydney: DST starts 2026-10-04 at 02:00 (+10 → +11) and ends 2026-04-05 at 03:00 (+11 → +10).
    /// New York: DST starts 2026-03-08 at 02:00 (−5 → −4) and ends 2026-11-01 at 02:00 (−4 → −5).
    /// Santiago: DST starts at midnight on 2026-09-06 (−4 → −3), so that day begins at 01:00.
    @Test("the start of a day is its first instant in the timezone, across DST changes", arguments: [
        ("2026-10-03", "Australia/Sydney", "2026-10-02T14:00:00Z"),
        ("2026-10-04", "Australia/Sydney", "2026-10-03T14:00:00Z"),
        ("2026-10-05", "Australia/Sydney", "2026-10-04T13:00:00Z"),
        ("2026-04-05", "Australia/Sydney", "2026-04-04T13:00:00Z"),
        ("2026-04-06", "Australia/Sydney", "2026-04-05T14:00:00Z"),
        ("2026-03-08", "America/New_York", "2026-03-08T05:00:00Z"),
        ("2026-03-09", "America/New_York", "2026-03-09T04:00:00Z"),
        ("2026-11-01", "America/New_York", "2026-11-01T04:00:00Z"),
        ("2026-11-02", "America/New_York", "2026-11-02T05:00:00Z"),
        ("2026-09-06", "America/Santiago", "2026-09-06T04:00:00Z"),  // midnight does not exist: 01:00 −3
        ("2026-09-05", "America/Santiago", "2026-09-05T04:00:00Z"),
        ("2026-10-04", "UTC", "2026-10-04T00:00:00Z"),
    ])
    func startOfDay(date: String, zone: String, expected: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(Self.date(date).startOfDay(in: timeZone) == Self.instant(expected))
    }

    @Test("a local day lasts 23 or 25 hours on the days clocks change", arguments: [
        ("2026-10-04", "Australia/Sydney", 23.0), ("2026-04-05", "Australia/Sydney", 25.0), ("2026-10-05", "Australia/Sydney", 24.0),
        ("2026-03-08", "America/New_York", 23.0), ("2026-11-01", "America/New_York", 25.0), ("2026-03-09", "America/New_York", 24.0),
        ("2026-09-06", "America/Santiago", 23.0),
    ])
    func dayLength(date: String, zone: String, hours: Double) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let range = LocalDate.instantRange(from: Self.date(date), to: Self.date(date), in: timeZone)
        let lower = try #require(range.lower)
        let upper = try #require(range.upper)
        #expect(upper.timeIntervalSince(lower) / 3_600 == hours)
    }

    @Test("instantRange is [start of from, start of the day after to) in the timezone", arguments: [
        ("2026-10-04", "2026-10-04", "Australia/Sydney", "2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z"),
        ("2026-10-01", "2026-10-07", "Australia/Sydney", "2026-09-30T14:00:00Z", "2026-10-07T13:00:00Z"),
        ("2026-03-08", "2026-03-08", "America/New_York", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"),
        ("2026-03-01", "2026-03-31", "America/New_York", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z"),
        ("2026-12-31", "2026-12-31", "UTC", "2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z"),
    ])
    func instantRange(from: String, to: String, zone: String, lower: String, upper: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let range = LocalDate.instantRange(from: Self.date(from), to: Self.date(to), in: timeZone)
        #expect(range.lower == Self.instant(lower))
        #expect(range.upper == Self.instant(upper))
    }

    @Test("either end of instantRange may be open")
    func openEnds() {
        let onlyFrom = LocalDate.instantRange(from: Self.date("2026-03-08"), to: nil, in: Self.newYork)
        #expect(onlyFrom.lower == Self.instant("2026-03-08T05:00:00Z") && onlyFrom.upper == nil)
        let onlyTo = LocalDate.instantRange(from: nil, to: Self.date("2026-10-04"), in: Self.sydney)
        #expect(onlyTo.lower == nil && onlyTo.upper == Self.instant("2026-10-04T13:00:00Z"))
        let neither = LocalDate.instantRange(from: nil, to: nil, in: Self.utc)
        #expect(neither.lower == nil && neither.upper == nil)
    }

    @Test("an instant falls on the local date whose range contains it")
    func rangeAgreesWithContaining() {
        let date = Self.date("2026-10-04")
        let range = LocalDate.instantRange(from: date, to: date, in: Self.sydney)
        #expect(LocalDate(containing: range.lower!, in: Self.sydney) == date)
        #expect(LocalDate(containing: range.upper!.addingTimeInterval(-1), in: Self.sydney) == date)
        #expect(LocalDate(containing: range.upper!, in: Self.sydney) == date.adding(days: 1))
    }
}
