import Foundation
import MakegoodDomain
import Testing

/// A wall-clock `HH:MM` time.
@Suite struct LocalTimeTests {
    @Test("hours 0–23 and minutes 0–59 make a time; anything else does not", arguments: [
        (0, 0, true), (23, 59, true), (24, 0, false), (-1, 0, false), (12, 60, false), (12, -1, false),
    ])
    func components(hour: Int, minute: Int, valid: Bool) {
        #expect((LocalTime(hour: hour, minute: minute) != nil) == valid)
    }

    @Test("a time prints as zero-padded HH:MM and parses back", arguments: ["00:00", "06:05", "09:00", "18:00", "23:59"])
    func roundTrip(text: String) throws {
        let time = try #require(LocalTime(text))
        #expect(time.description == text)
    }

    @Test("times are ordered by minutes since midnight")
    func ordering() throws {
        let early = try #require(LocalTime("05:59"))
        let six = try #require(LocalTime("06:00"))
        #expect(early < six)
        #expect(six.minutesSinceMidnight == 360)
        #expect(try #require(LocalTime("18:01")).minutesSinceMidnight == 1_081)
    }
}
