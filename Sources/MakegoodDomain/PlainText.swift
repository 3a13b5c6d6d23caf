public import Foundation

/// Free text a person or a help desk sends: any Unicode except control characters (a NUL byte can't be stored
/// in PostgreSQL text, and none of them belongs in a name or a comment). Tabs and line breaks are allowed.
///
/// Every response passes through these checks, a million of them in a bulk import, so each has a fast path for the
/// common case that gives the same answer as the general one (PlainTextTests compares them).
public enum PlainText {
    public static func validate(_ text: String?, field: String) throws(DomainError) {
        guard let text else { return }
        if let bad = firstControlCharacter(in: text) {
            throw DomainError(
                field: field,
                "\(field) contains the control character U+\(String(bad.value, radix: 16, uppercase: true)); remove it")
        }
    }

    /// The first character of general category Cc other than tab, line feed and carriage return.
    static func firstControlCharacter(in text: String) -> Unicode.Scalar? {
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F {
                return Unicode.Scalar(byte)
            }
        }
        guard !ascii else { return nil }
        let allowed: Set<Unicode.Scalar> = ["\t", "\n", "\r"]
        return text.unicodeScalars.first { $0.properties.generalCategory == .control && !allowed.contains($0) }
    }

    /// A name (of a contact, group or segment): at most `maxName` characters as sent, no control characters, and
    /// something besides white space; returned trimmed. openapi.yaml's `Name` schema says the same.
    public static func name(_ text: String, field: String) throws(DomainError) -> String {
        let name = trimmed(text)
        guard !name.isEmpty, !isLonger(text, than: maxName) else {
            throw DomainError(field: field, "\(field) is required and at most \(maxName) characters")
        }
        try validate(text, field: field)
        return name
    }

    public static let maxName = 200

    /// The white space `trimmed` removes and a name must have more than: Unicode's separators (Z*), tab, line
    /// breaks and U+0085, as Foundation's `whitespacesAndNewlines` has them.
    public static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The length as JSON Schema's maxLength counts it: Unicode code points.
    public static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// Whether the text has more than `limit` code points; a text of no more bytes than that can't.
    public static func isLonger(_ text: String, than limit: Int) -> Bool {
        text.utf8.count > limit && length(text) > limit
    }

    /// The text without leading and trailing white space and line breaks, as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives it.
    public static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        // A printable ASCII byte at both ends is neither, and ends no multi-byte character.
        if isPrintableASCII(first), isPrintableASCII(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
