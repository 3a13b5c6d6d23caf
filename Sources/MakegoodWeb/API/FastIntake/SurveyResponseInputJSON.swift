import Foundation
import NIOCore

/// Reads the body of `POST /survey-responses` as the generated route's `JSONDecoder` does, for `SurveyIntakeRoute`,
/// where decoding cost more than storing the response. It reads the common body only: JSON that is not an object of
/// the input's own fields, each once, with string, integer, array or null values as the schema has them, gives nil,
/// and the request goes on to the generated route, which decodes it or says what is wrong with it.
/// `SurveyResponseInputJSONTests` holds it to the decoder: whatever it reads, the decoder reads the same.
struct SurveyResponseInputJSON {
    typealias Input = Components.Schemas.SurveyResponseInput

    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    static func decode(_ buffer: ByteBuffer) -> Input? {
        buffer.withUnsafeReadableBytes { bytes in
            var reader = SurveyResponseInputJSON(bytes: bytes)
            guard let input = reader.input() else { return nil }
            reader.skipSpace()
            return reader.index == bytes.count ? input : nil
        }
    }

    private mutating func input() -> Input? {
        var rating: Int?
        var input = Input(rating: 0)
        let read = object { key, reader in
            switch key {
            case "ticketId": return reader.optionalString(&input.ticketId)
            case "supportGroupCode": return reader.optionalString(&input.supportGroupCode)
            case "segmentCode": return reader.optionalString(&input.segmentCode)
            case "agent": return reader.optionalString(&input.agent)
            case "comment": return reader.optionalString(&input.comment)
            case "rating":
                rating = reader.integer()
                return rating != nil
            case "customer":
                if reader.null() { return true }
                var customer = Components.Schemas.Customer()
                let read = reader.object { key, reader in
                    switch key {
                    case "name": reader.optionalString(&customer.name)
                    case "email": reader.optionalString(&customer.email)
                    default: false
                    }
                }
                input.customer = .init(value1: customer)
                return read
            case "factors":
                if reader.null() { return true }
                input.factors = reader.strings()
                return input.factors != nil
            case "receivedAt":
                var text: String?
                guard reader.optionalString(&text) else { return false }
                guard let text else { return true }
                input.receivedAt = try? APIDateTranscoder().decode(text)
                return input.receivedAt != nil
            default: return false
            }
        }
        guard read, let rating else { return nil }
        input.rating = rating
        return input
    }

    // MARK: - JSON

    /// An object whose every key `field` reads the value of (false: not one this reader takes); a key seen twice is
    /// refused, since which one `JSONDecoder` keeps is its own affair.
    private mutating func object(_ field: (String, inout SurveyResponseInputJSON) -> Bool) -> Bool {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipSpace()
        if take(UInt8(ascii: "}")) { return true }
        var seen: Set<String> = []
        while true {
            skipSpace()
            guard let key = string(), seen.insert(key).inserted else { return false }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipSpace()
            guard field(key, &self) else { return false }
            skipSpace()
            if take(UInt8(ascii: "}")) { return true }
            guard take(UInt8(ascii: ",")) else { return false }
        }
    }

    /// A string or null.
    private mutating func optionalString(_ value: inout String?) -> Bool {
        if null() {
            value = nil
            return true
        }
        value = string()
        return value != nil
    }

    private mutating func strings() -> [String]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var strings: [String] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return strings }
        while true {
            skipSpace()
            guard let string = string() else { return nil }
            strings.append(string)
            skipSpace()
            if take(UInt8(ascii: "]")) { return strings }
            guard take(UInt8(ascii: ",")) else { return nil }
        }
    }

    /// A whole number without sign, fraction or exponent, that fits an Int.
    private mutating func integer() -> Int? {
        let start = index
        var value = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
        return value
    }

    private mutating func null() -> Bool {
        guard bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
            bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// A JSON string; nil for one that is not valid JSON or not valid UTF-8.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            case UInt8(ascii: "\\"):
                return escapedString(from: start)
            case 0..<0x20:
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    /// The rest of a string that has escapes, from its first byte at `start`.
    private mutating func escapedString(from start: Int) -> String? {
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: utf8, as: UTF8.self)
            case 0..<0x20:
                return nil
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    utf8.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    /// The scalar of `XXXX` after `\u` (and of a second `\uXXXX` for a surrogate pair); nil for a lone surrogate.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let first = hex4() else { return nil }
        switch first {
        case 0xD800..<0xDC00:
            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let second = hex4(), (0xDC00..<0xE000).contains(second) else {
                return nil
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        case 0xDC00..<0xE000:
            return nil
        default:
            return Unicode.Scalar(first)
        }
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }
}
