import Foundation
import MakegoodDomain
import NIOCore
import OpenAPIRuntime
import Testing
@testable import MakegoodWeb

/// `SurveyResponseInputJSON` may leave a body to the generated route, but what it reads must be what the generated
/// route's `JSONDecoder` reads.
@Suite struct SurveyResponseInputJSONTests {
    typealias Input = Components.Schemas.SurveyResponseInput

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        let dates = Configuration.makegood.dateTranscoder
        decoder.dateDecodingStrategy = .custom { decoder in try dates.decode(try decoder.singleValueContainer().decode(String.self)) }
        return decoder
    }()

    /// Checks one body: read alike, or left to the decoder. Returns whether the fast reader took it.
    @discardableResult
    static func check(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard let fast = SurveyResponseInputJSON.decode(ByteBuffer(string: body)) else { return false }
        let decoded = try? decoder.decode(Input.self, from: Data(body.utf8))
        #expect(decoded == fast, "\(body.debugDescription)", sourceLocation: sourceLocation)
        return true
    }

    @Test func commonBodiesAreReadAsTheDecoderReadsThem() {
        let bodies = [
            #"{"ticketId":"T-1","supportGroupCode":"G01","segmentCode":"S1","customer":{"name":"Customer 1","email":"c1@example.com"},"agent":"Agent 1","rating":2,"factors":["Speed"],"comment":"Benchmark response.","receivedAt":"2026-11-18T01:00:00Z"}"#,
            #"{"rating":10}"#,
            #" { "rating" : 7 , "factors" : [ ] , "customer" : { } } "#,
            "{\n  \"rating\": 3,\n  \"comment\": \"line one\\nline two \\\"quoted\\\" \\/ \\\\ \\t\\b\\f\\r\",\n  \"agent\": null\n}",
            #"{"rating":1,"comment":"caf\u00e9 \ud83d\ude00 \u2028 \u0000","ticketId":"\u0054-1"}"#,
            #"{"rating":1,"comment":"café 😀 中文","customer":null,"factors":null,"receivedAt":null}"#,
            #"{"rating":5,"receivedAt":"2026-11-18T12:00:00.123456+11:00"}"#,
            #"{"rating":0}"#,
            #"{"rating":4,"factors":["a","b","","\"x\""]}"#,
            #"{"ticket\u0049d":"escaped key","rating":6}"#,
        ]
        for body in bodies {
            #expect(Self.check(body), "the common body \(body.debugDescription) is read, not left to the decoder")
        }
    }

    @Test func bodiesItLeavesToTheDecoder() {
        let bodies = [
            "", "[]", "null", "{", #"{"rating":"7"}"#, #"{"rating":7.0}"#, #"{"rating":1e1}"#, #"{"rating":-1}"#, #"{"rating":07}"#,
            #"{"rating":99999999999999999999}"#, #"{"rating":7,"rating":8}"#, #"{"rating":7,"mood":"x"}"#, #"{"comment":"x"}"#,
            #"{"rating":7,"comment":"\ud83d"}"#, #"{"rating":7,"comment":"\x"}"#, "{\"rating\":7,\"comment\":\"tab\there\"}",
            #"{"rating":7,"factors":[null]}"#, #"{"rating":7,"receivedAt":"yesterday"}"#, #"{"rating":7} x"#,
            #"{"rating":7,"customer":{"phone":"1"}}"#, #"{"rating":7,}"#,
        ]
        for body in bodies {
            #expect(!Self.check(body), "\(body.debugDescription) is left to the generated route")
        }
    }

    /// Bodies made from random pieces and random edits, from a fixed seed so a failure can be run again.
    @Test func randomBodiesAreReadAsTheDecoderReadsThemOrLeftToIt() {
        var random = SeededRandom(seed: 20_261_124)
        let keys = ["ticketId", "supportGroupCode", "segmentCode", "agent", "comment", "rating", "factors", "customer", "receivedAt", "other"]
        let values = [
            #""T-1""#, #""""#, "null", "7", "10", "0", "-3", "7.5", "1e2", #""\u00e9\n\"""#, #""\ud83d\ude00""#, #""😀 é""#,
            "[]", #"["Speed","Knowledge"]"#, "[null]", "{}", #"{"name":"N","email":"e@x"}"#, #"{"name":null}"#, "true",
            #""2026-11-18T01:00:00Z""#, #""2026-11-18T01:00:00.5-05:00""#, #""not a date""#,
        ]
        let text = [#""T-1""#, #""""#, "null", #""\u00e9\n\"""#, #""\ud83d\ude00""#, #""😀 é""#, #""a\/b""#]
        let fitting: [String: [String]] = [
            "ticketId": text, "supportGroupCode": text, "segmentCode": text, "agent": text, "comment": text,
            "rating": ["7", "10", "0", "1", "12345"], "factors": ["[]", #"["Speed","Knowledge"]"#, "null", #"["\u00e9"]"#],
            "customer": ["{}", #"{"name":"N","email":"e@x"}"#, #"{"name":null}"#, "null"],
            "receivedAt": [#""2026-11-18T01:00:00Z""#, #""2026-11-18T01:00:00.5-05:00""#, "null"],
        ]
        let noise: [String] = [" ", "\n", ",", ":", "\"", "\\", "{", "}", "[", "]", "u", "0", "\u{1}", "é", "\\u00", "\\ud800"]
        var taken = 0
        for _ in 0..<3_000 {
            var fields: [String] = []
            for key in keys.shuffled(using: &random).prefix(Int.random(in: 0...6, using: &random)) {
                // Mostly a value of the field's own type, sometimes any value.
                let own = fitting[key] ?? values
                let pool = Int.random(in: 0..<4, using: &random) == 0 ? values : own
                fields.append("\"\(key)\":\(pool.randomElement(using: &random)!)")
            }
            if !fields.contains(where: { $0.hasPrefix("\"rating\"") }) {
                fields.append("\"rating\":\(Int.random(in: 1...10, using: &random))")
            }
            var body = "{" + fields.joined(separator: ",") + "}"
            for _ in 0..<[0, 0, 1, 2].randomElement(using: &random)! where !body.isEmpty {
                var characters = Array(body)
                let at = Int.random(in: 0..<characters.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: characters.insert(contentsOf: noise.randomElement(using: &random)!, at: at)
                case 1: characters.remove(at: at)
                default: characters[at] = Character(noise.randomElement(using: &random)!.prefix(1).description)
                }
                body = String(characters)
            }
            if Self.check(body) { taken += 1 }
        }
        #expect(taken > 500, "enough random bodies were read to compare (\(taken))")
    }
}
