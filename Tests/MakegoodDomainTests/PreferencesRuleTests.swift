import Foundation
import MakegoodDomain
import Testing

/// Preferences and their ranges (SPEC §1).
@Suite struct PreferencesRuleTests {
    static let sydney = TimeZone(identifier: "Australia/Sydney")!

    @Test("threshold must be 1–9", arguments: [(0, false), (1, true), (6, true), (9, true), (10, false)])
    func threshold(value: Int, accepted: Bool) {
        #expect((((try? Preferences(threshold: value, timezone: Self.sydney))) != nil) == accepted)
    }

    @Test("alert time must be 06:00–18:00 inclusive", arguments: [
        ("05:59", false), ("06:00", true), ("12:30", true), ("18:00", true), ("18:01", false),
    ])
    func alertTime(text: String, accepted: Bool) throws {
        let time = try Preferences.parseAlertTime(text)
        #expect((((try? Preferences(alertTime: time, timezone: Self.sydney))) != nil) == accepted)
    }

    @Test("a malformed alert time names the field", arguments: ["9:00", "09:00:00", "9am", "24:00", "09:60", "", "٠٩:٠٠"])
    func malformedAlertTime(text: String) {
        #expect(throws: DomainError(field: "alertTime", "alertTime must be written HH:MM, such as 09:00; got \(text)")) {
            try Preferences.parseAlertTime(text)
        }
    }

    @Test("IANA names are accepted, unknown names refused", arguments: [
        ("Australia/Sydney", true), ("Europe/Paris", true), ("UTC", true), ("America/Argentina/Buenos_Aires", true),
        ("Mars/Olympus", false), ("EST5EDT6", false), ("", false), ("australia/sydney", false),
    ])
    func timezone(name: String, accepted: Bool) {
        #expect((((try? Preferences.parseTimeZone(name))) != nil) == accepted)
    }

    @Test("targetHours must be at least 1", arguments: [(0, false), (-5, false), (1, true), (72, true)])
    func targetHours(value: Int, accepted: Bool) {
        #expect((((try? Preferences(timezone: Self.sydney, targetHours: value))) != nil) == accepted)
    }

    @Test func defaults() throws {
        let preferences = try Preferences(timezone: Self.sydney)
        #expect(preferences.weekendAlerts && preferences.targetHours == 24 && preferences.ticketUrlPrefix == nil)
    }

    @Test func ticketLinks() throws {
        #expect(throws: DomainError.self) { try Preferences(timezone: Self.sydney, ticketUrlPrefix: "javascript:alert(1)") }
        let preferences = try Preferences(timezone: Self.sydney, ticketUrlPrefix: "https://help.example.com/t/")
        #expect(preferences.ticketURL(for: "T 1/2") == "https://help.example.com/t/T%201/2")
        #expect(preferences.ticketURL(for: nil) == nil)
        #expect(try Preferences(timezone: Self.sydney, ticketUrlPrefix: "  ").ticketUrlPrefix == nil)
    }
}

/// Contacts, segments, codes and Client Portal Codes.
@Suite struct ContactRuleTests {
    @Test("mobiles must be E.164", arguments: [
        ("+61412345678", true), ("+14155550123", true), ("+8613912345678901", false), ("+123456789012345", true),
        ("61412345678", false), ("+0412345678", false), ("+6141234", false), ("+61 412 345 678", false), ("+61412abc678", false),
        ("+٦١٤١٢٣٤٥٦٧٨", false),
    ])
    func mobile(text: String, accepted: Bool) {
        #expect(Contact.isE164(text) == accepted)
        #expect((((try? Contact(name: "Lee", email: "lee@example.com", mobile: text))) != nil) == accepted)
    }

    @Test("emails get a light check", arguments: [
        ("lee@example.com", true), ("lee.o'brien+x@mail.example.co.uk", true), ("lee", false), ("lee@", false),
        ("@example.com", false), ("lee@example", false), ("lee @example.com", false), ("a@b@c.com", false),
    ])
    func email(text: String, accepted: Bool) {
        #expect((((try? EmailAddress.validate(text, field: "email"))) != nil) == accepted)
    }

    @Test func nameIsRequired() {
        let error = #expect(throws: DomainError.self) { try Contact(name: "  ", email: "a@b.co", mobile: "+61412345678") }
        #expect(error?.field == "name")
    }

    @Test("Client Portal Codes are short slugs", arguments: [
        ("acme", true), ("a1-b2", true), ("ab", true), ("a", false), ("Acme", false), ("-acme", false), ("ac me", false),
        (String(repeating: "a", count: 33), false),
    ])
    func cpc(text: String, accepted: Bool) {
        #expect((((try? Instance.validateCPC(text))) != nil) == accepted)
    }

    @Test("codes have no spaces", arguments: [("TEAM-1", true), ("チーム", true), ("A B", false), ("", false), ("A\tB", false)])
    func code(text: String, accepted: Bool) {
        #expect((((try? Segment(code: text, name: "Segment"))) != nil) == accepted)
    }
}
