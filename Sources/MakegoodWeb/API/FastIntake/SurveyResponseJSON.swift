import Foundation
import MakegoodDomain

/// Writes a survey response as the API's `JSONEncoder` does (`Configuration.makegood`: keys in byte order, no
/// white space, `/` escaped, instants as whole-second UTC), without its keyed containers: for `SurveyIntakeRoute`,
/// where encoding took more time than storing the response. `SurveyResponseJSONTests` holds it to the encoder's bytes.
struct SurveyResponseJSON {
    private var bytes: [UInt8] = []

    static func encode(_ response: Components.Schemas.SurveyResponse) -> [UInt8] {
        var json = SurveyResponseJSON()
        json.bytes.reserveCapacity(768)
        json.write(response)
        return json.bytes
    }

    private mutating func write(_ r: Components.Schemas.SurveyResponse) {
        var object = Object()
        object.field("agent", r.agent, &self)
        object.field("band", r.band.rawValue, &self)
        object.field("comment", r.comment, &self)
        object.key("customer", &self)
        var customer = Object()
        customer.field("email", r.customer.email, &self)
        customer.field("name", r.customer.name, &self)
        customer.end(&self)
        object.key("factors", &self)
        array(r.factors) { $0.string($1) }
        object.field("id", r.id, &self)
        object.field("latestNoteAt", r.latestNoteAt.map(RFC3339.formatWholeSeconds), &self)
        object.key("needsRecovery", &self)
        raw(r.needsRecovery ? "true" : "false")
        object.key("noteCount", &self)
        raw(String(r.noteCount))
        object.key("problems", &self)
        array(r.problems) { json, problem in
            var item = Object()
            item.field("code", problem.code.rawValue, &json)
            item.field("field", problem.field, &json)
            item.field("message", problem.message, &json)
            item.field("value", problem.value, &json)
            item.end(&json)
        }
        object.key("rating", &self)
        raw(String(r.rating))
        object.key("reassignments", &self)
        array(r.reassignments) { json, reassignment in
            var item = Object()
            item.field("at", RFC3339.formatWholeSeconds(reassignment.at), &json)
            item.field("by", reassignment.by, &json)
            item.field("from", reassignment.from, &json)
            item.field("to", reassignment.to, &json)
            item.end(&json)
        }
        object.field("receivedAt", RFC3339.formatWholeSeconds(r.receivedAt), &self)
        object.field("replaces", r.replaces, &self)
        object.field("segmentCode", r.segmentCode, &self)
        object.field("status", r.status.rawValue, &self)
        object.field("supportGroupCode", r.supportGroupCode, &self)
        object.field("ticketId", r.ticketId, &self)
        object.field("validSince", r.validSince.map(RFC3339.formatWholeSeconds), &self)
        object.end(&self)
    }

    /// An object being written: its fields must come in byte order of their keys, as `.sortedKeys` puts them.
    private struct Object {
        private var empty = true

        mutating func key(_ key: StaticString, _ json: inout SurveyResponseJSON) {
            json.bytes.append(empty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            empty = false
            json.bytes.append(UInt8(ascii: "\""))
            json.bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            json.bytes.append(contentsOf: "\":".utf8)
        }

        /// A string field, left out when nil (as the synthesized `encodeIfPresent` does).
        mutating func field(_ key: StaticString, _ value: String?, _ json: inout SurveyResponseJSON) {
            guard let value else { return }
            self.key(key, &json)
            json.string(value)
        }

        func end(_ json: inout SurveyResponseJSON) {
            json.bytes.append(contentsOf: empty ? "{}".utf8 : "}".utf8)
        }
    }

    private mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func array<T>(_ items: [T], _ element: (inout SurveyResponseJSON, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A JSON string: quote, backslash and `/` escaped, control characters as `\b \t \n \f \r` or `\u00xx`, the rest
    /// as its UTF-8.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "/"): bytes.append(contentsOf: #"\/"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
