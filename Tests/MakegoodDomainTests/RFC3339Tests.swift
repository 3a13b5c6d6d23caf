import Foundation
@testable import MakegoodDomain
import Testing

/// The fast reading of whole-second dates must agree with Foundation's ISO 8601 style wherever it answers.
@Suite struct RFC3339Tests {
    static func foundation(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    @Test func wholeSecondsAgreeWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "2026-11-23T09:00:00Z", "2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:00Z",
            "1583-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-03-29T01:30:00+01:00", "2026-10-25T01:30:00-07:30",
            "2026-11-23T09:00:00+14:00", "2026-11-23T09:00:00-00:00",
        ]
        for _ in 0..<2_000 {
            let year = Int.random(in: 1900...2100, using: &generator)
            let month = Int.random(in: 1...12, using: &generator)
            let day = Int.random(in: 1...28, using: &generator)
            let zone = ["Z", "+05:30", "-08:00", "+00:00"].randomElement(using: &generator)!
            texts.append(String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d%@", year, month, day, Int.random(in: 0...23, using: &generator),
                Int.random(in: 0...59, using: &generator), Int.random(in: 0...59, using: &generator), zone))
        }
        for text in texts {
            let fast = RFC3339.parseStrict(text)
            #expect(fast != nil, "\(text)")
            #expect(fast == Self.foundation(text), "\(text)")
        }
    }

    /// The fast writing gives what Foundation's `ISO8601DateFormatter` (the API's dates until now) gives, fractions
    /// of a second, negative instants and the edges of the four-digit years included.
    @Test func writingAgreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        var instants: [TimeInterval] = [
            0, -0.5, 0.999, 1_795_424_400, 1_795_424_400.987, 951_782_399, 951_868_800, -1, -86_400, -86_400.25,
            -12_212_553_600,  // 1583-01-01
            253_402_300_799.9,  // 9999-12-31T23:59:59
        ]
        for _ in 0..<5_000 {
            instants.append(TimeInterval.random(in: -12_000_000_000...7_000_000_000, using: &generator))
        }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(RFC3339.formatWholeSeconds(date) == formatter.string(from: date), "\(instant)")
        }
        // Outside the four-digit Gregorian years it leaves the writing to Foundation.
        let old = Date(timeIntervalSince1970: -20_000_000_000)
        #expect(RFC3339.formatWholeSeconds(old) == old.formatted(.iso8601))
    }

    /// The strict reading takes what JSON Schema's `date-time` format takes (as schemathesis' validator, jsonschema-rs,
    /// judges it) and refuses the rest; `parse` also reads what Foundation reads, for the CLI.
    @Test("the strict reading is JSON Schema's date-time", arguments: [
        ("2026-11-23T09:00:00Z", 1_795_424_400.0), ("2026-11-23t09:00:00z", 1_795_424_400), ("2026-11-23T09:00:00.250Z", 1_795_424_400.25),
        ("2026-11-23T10:00:00.5+01:00", 1_795_424_400.5), ("2026-12-31T23:59:60Z", 1_798_761_599),
        ("2026-12-31T22:59:60-01:00", 1_798_761_599), ("0000-01-01T00:00:00Z", -62_167_219_200),
    ])
    func strictAccepts(text: String, instant: TimeInterval) {
        #expect(RFC3339.parseStrict(text)?.timeIntervalSince1970 == instant, "\(text)")
    }

    @Test("the strict reading refuses what JSON Schema's date-time refuses", arguments: [
        "2026-02-29T09:00:00Z", "2026-04-31T09:00:00Z", "2026-13-01T09:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T09:60:00Z",
        "2026-11-23 09:00:00Z", "2026-11-23T09:00:00", "2026-11-23T09:00:00.Z", "2026-11-23T09:00:00+0100",
        "2026-11-23T09:00:00+24:00", "2026-11-23T09:00:60Z", "2026-12-31T23:59:60+01:00", " 2026-11-23T09:00:00Z",
        "2026-11-23T09:00:00Zx", "yesterday", "", "2026-1a-23T09:00:00Z",
    ])
    func strictRefuses(text: String) {
        #expect(RFC3339.parseStrict(text) == nil, "\(text)")
    }

    @Test func parseAlsoReadsWhatFoundationReads() {
        #expect(RFC3339.parse(" 2026-11-23T09:00:00Z ") == Date(timeIntervalSince1970: 1_795_424_400))
        #expect(RFC3339.parse("yesterday") == nil)
    }
}
