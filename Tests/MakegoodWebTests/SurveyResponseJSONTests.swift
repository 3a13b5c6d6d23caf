import Foundation
import MakegoodDomain
import OpenAPIRuntime
import Testing
@testable import MakegoodWeb

/// `SurveyResponseJSON` must write what the API's `JSONEncoder` writes, byte for byte.
@Suite struct SurveyResponseJSONTests {
    /// The generated route's encoder: `Configuration.makegood`.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let dates = Configuration.makegood.dateTranscoder
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(try dates.encode(date))
        }
        return encoder
    }()

    static func response(_ text: (Int) -> String?, full: Bool) -> Components.Schemas.SurveyResponse {
        let at = Date(timeIntervalSince1970: 1_795_000_000.987)
        return Components.Schemas.SurveyResponse(
            id: "0194f0a4-6d2e-7000-8000-000000000001", ticketId: text(0), supportGroupCode: text(1), segmentCode: text(2),
            customer: .init(name: text(3), email: text(4)), agent: text(5), rating: full ? 10 : 1,
            band: full ? .promoter : .detractor, factors: full ? [text(6) ?? "", "Speed", ""] : [], comment: text(7),
            receivedAt: at, status: full ? .valid : .invalid,
            problems: full ? [] : [
                .init(field: "supportGroupCode", code: .unknown, message: text(8) ?? "m", value: text(9)),
                .init(field: "ticketId", code: .missing, message: "the ticket id is missing; set ticketId", value: nil),
            ],
            needsRecovery: !full, validSince: full ? at.addingTimeInterval(0.5) : nil, replaces: full ? text(10) : nil,
            reassignments: full ? [.init(from: text(11), to: "NEW", by: text(12) ?? "x", at: at), .init(from: nil, to: "B", by: "y", at: at)] : [],
            noteCount: full ? 12_345 : 0, latestNoteAt: full ? at.addingTimeInterval(-1) : nil)
    }

    @Test func everyCharacterAndEveryOptionalIsWrittenAsTheEncoderWritesIt() throws {
        var every = ""
        for byte in 0..<0x80 { every.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        every += "é ü 😀 \u{2028}\u{2029}\u{FEFF}\u{7F} </script> \"quoted\" C:\\path"
        let texts: [(Int) -> String?] = [{ _ in nil }, { _ in "" }, { _ in every }, { "field \($0) / \u{0}" }]
        for text in texts {
            for full in [true, false] {
                let response = Self.response(text, full: full)
                let written = String(decoding: SurveyResponseJSON.encode(response), as: UTF8.self)
                let encoded = String(decoding: try Self.encoder.encode(response), as: UTF8.self)
                #expect(written == encoded)
            }
        }
    }

    /// Random text from a fixed seed, so a failure can be run again.
    @Test func randomTextIsWrittenAsTheEncoderWritesIt() throws {
        var random = SeededRandom(seed: 2026_11_24)
        let alphabet: [Unicode.Scalar] = (0..<0x80).map { Unicode.Scalar(UInt8($0)) } + ["é", "ß", "€", "😀", "\u{2028}", "中"]
        for _ in 0..<200 {
            let strings = (0..<13).map { _ in
                String(String.UnicodeScalarView((0..<Int.random(in: 0...20, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
            }
            let response = Self.response({ strings[$0] }, full: Bool.random(using: &random))
            #expect(SurveyResponseJSON.encode(response) == Array(try Self.encoder.encode(response)))
        }
    }
}
