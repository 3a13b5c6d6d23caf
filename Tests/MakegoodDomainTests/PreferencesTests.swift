import Foundation
import MakegoodDomain
import Testing

/// Preferences (SPEC §1): threshold 1–9, alert time 06:00–18:00, an IANA timezone, targetHours ≥ 1, an http(s) ticket prefix.
@Suite struct PreferencesTests {
    static let sydney = TimeZone(identifier: "Australia/Sydney")!

    @Test("threshold is accepted from 1 to 9 and refused outside, naming the field", arguments: [
        (0, false), (1, true), (9, true), (10, false), (-1, false),
    ])
    func threshold(value: Int, accepted: Bool) throws {
        if accepted {
            #expect(try Preferences(threshold: value, timezone: Self.sydney).threshold == value)
        } else {
            let error = #expect(throws: DomainError.self) { try Preferences(threshold: value, timezone: Self.sydney) }
            #expect(error?.field == "threshold")
            #expect(error?.kind == .invalid)
            #expect(error?.message.contains("got \(value)") == true)
        }
    }

    @Test("alertTime is accepted from 06:00 to 18:00 inclusive", arguments: [
        ("05:59", false), ("06:00", true), ("12:30", true), ("18:00", true), ("18:01", false), ("00:00", false), ("23:59", false),
    ])
    func alertTimeRange(text: String, accepted: Bool) throws {
        let time = try Preferences.parseAlertTime(text)
        if accepted {
            #expect(try Preferences(alertTime: time, timezone: Self.sydney).alertTime == time)
        } else {
            let error = #expect(throws: DomainError.self) { try Preferences(alertTime: time, timezone: Self.sydney) }
            #expect(error?.field == "alertTime")
            #expect(error?.message.contains(text) == true)
        }
    }

    @Test("a malformed alertTime string is refused, naming the field and the text", arguments: [
        "9:00", "09:0", "0900", "09-00", "09:00:00", "24:00", "09:60", "", " 09:00", "09:00 ", "ab:cd", "+9:00", "-1:00",
        "09:5a", "٠٩:٠٠", "０９:００", ":", "09:",
    ])
    func malformedAlertTime(text: String) {
        let error = #expect(throws: DomainError.self) { try Preferences.parseAlertTime(text) }
        #expect(error?.field == "alertTime")
        #expect(error?.message.contains("HH:MM") == true)
    }

    @Test("a well-formed alertTime string is read as hours and minutes", arguments: [
        ("06:00", 6, 0), ("09:05", 9, 5), ("18:00", 18, 0), ("00:00", 0, 0), ("23:59", 23, 59),
    ])
    func wellFormedAlertTime(text: String, hour: Int, minute: Int) throws {
        let time = try Preferences.parseAlertTime(text)
        #expect(time.hour == hour && time.minute == minute)
    }

    @Test("IANA timezone names are accepted, including ones Foundation does not list", arguments: [
        "Australia/Sydney", "Europe/Paris", "America/New_York", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "Europe/Kyiv",
        "Etc/UTC", "Etc/GMT-10",
    ])
    func knownTimezone(name: String) throws {
        #expect(try Preferences.parseTimeZone(name).identifier == name)
    }

    @Test("UTC is accepted as a zero-offset timezone")
    func utcTimezone() throws {
        let zone = try Preferences.parseTimeZone("UTC")
        #expect(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_795_046_400)) == 0)
    }

    @Test("unknown timezone names and abbreviations are refused, naming the field", arguments: [
        "Mars/Olympus", "Australia/Sydnee", "australia/sydney", " Australia/Sydney", "Australia/Sydney ", "", "AEST", "AEDT",
        "EST", "PST", "CET", "IST", "JST", "GMT+10", "Z", "+10:00", "/etc/passwd", "Australia/../UTC",
    ])
    func refusedTimezone(name: String) {
        let error = #expect(throws: DomainError.self) { try Preferences.parseTimeZone(name) }
        #expect(error?.field == "timezone")
        #expect(error?.message.contains("IANA") == true)
    }

    @Test("Australia/Sydney is accepted and used as the preferences' timezone")
    func sydneyTimezone() throws {
        let zone = try Preferences.parseTimeZone("Australia/Sydney")
        #expect(try Preferences(timezone: zone).timezone.identifier == "Australia/Sydney")
    }

    @Test("targetHours must be at least 1", arguments: [(0, false), (-1, false), (1, true), (24, true), (168, true)])
    func targetHours(value: Int, accepted: Bool) throws {
        if accepted {
            #expect(try Preferences(timezone: Self.sydney, targetHours: value).targetHours == value)
        } else {
            let error = #expect(throws: DomainError.self) { try Preferences(timezone: Self.sydney, targetHours: value) }
            #expect(error?.field == "targetHours")
        }
    }

    @Test("defaults are threshold 6, alert at 09:00, weekend alerts on, a 24-hour target and no ticket prefix")
    func defaults() throws {
        let preferences = try Preferences(timezone: Self.sydney)
        #expect(preferences.threshold == 6)
        #expect(preferences.alertTime == LocalTime(hour: 9, minute: 0))
        #expect(preferences.weekendAlerts)
        #expect(preferences.targetHours == 24)
        #expect(preferences.ticketUrlPrefix == nil)
    }

    @Test("a ticketUrlPrefix that is not an http(s) URL is refused, naming the field", arguments: [
        "ftp://files.example.com/", "javascript:alert(1)", "mailto:help@example.com", "help.example.com/tickets/",
        "file:///etc/passwd", "/tickets/", "data:text/html,hi",
    ])
    func nonHTTPPrefix(prefix: String) {
        let error = #expect(throws: DomainError.self) { try Preferences(timezone: Self.sydney, ticketUrlPrefix: prefix) }
        #expect(error?.field == "ticketUrlPrefix")
        #expect(error?.message.contains(prefix) == true)
    }

    @Test("an http(s) ticketUrlPrefix is accepted, trimmed of surrounding spaces", arguments: [
        ("https://help.example.com/tickets/", "https://help.example.com/tickets/"),
        ("http://intranet/t?id=", "http://intranet/t?id="),
        ("HTTPS://HELP.EXAMPLE.COM/", "HTTPS://HELP.EXAMPLE.COM/"),
        ("  https://help.example.com/t/  ", "https://help.example.com/t/"),
    ])
    func httpPrefix(prefix: String, stored: String) throws {
        #expect(try Preferences(timezone: Self.sydney, ticketUrlPrefix: prefix).ticketUrlPrefix == stored)
    }

    @Test("a blank ticketUrlPrefix means no prefix", arguments: ["", "   "])
    func blankPrefix(prefix: String) throws {
        #expect(try Preferences(timezone: Self.sydney, ticketUrlPrefix: prefix).ticketUrlPrefix == nil)
    }

    @Test("ticketURL appends the percent-encoded ticket id to the prefix", arguments: [
        ("12345", "https://help.example.com/t/12345"),
        ("INC-0042", "https://help.example.com/t/INC-0042"),
        ("T 1", "https://help.example.com/t/T%201"),
        ("A#1", "https://help.example.com/t/A%231"),
        ("a?b", "https://help.example.com/t/a%3Fb"),
        ("50%", "https://help.example.com/t/50%25"),
        ("チケット", "https://help.example.com/t/%E3%83%81%E3%82%B1%E3%83%83%E3%83%88"),
    ])
    func ticketURL(ticketId: String, expected: String) throws {
        let preferences = try Preferences(timezone: Self.sydney, ticketUrlPrefix: "https://help.example.com/t/")
        #expect(preferences.ticketURL(for: ticketId) == expected)
    }

    @Test("ticketURL is nil without a prefix or without a ticket id")
    func noTicketURL() throws {
        let withPrefix = try Preferences(timezone: Self.sydney, ticketUrlPrefix: "https://help.example.com/t/")
        #expect(withPrefix.ticketURL(for: nil) == nil)
        #expect(withPrefix.ticketURL(for: "") == nil)
        #expect(try Preferences(timezone: Self.sydney).ticketURL(for: "12345") == nil)
    }
}
