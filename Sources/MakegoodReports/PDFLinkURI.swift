/// The one way a URL becomes a PDF link annotation's target. Cairo copies the text of `uri='…'` into the PDF's
/// `/URI (…)` string as it is, so a `)` or `\` from a ticket id (or a ticket URL prefix) would end that string early
/// and let the rest of the text say where the link goes, or make it another kind of action. Every byte that is not
/// an unreserved character or one of the URL delimiters below is percent-encoded, so no PDF string syntax, quote,
/// space or non-ASCII byte ever reaches cairo; what a PDF reader opens is the same URL a browser would make of it.
public enum PDFLinkURI {
    /// `url` with everything but `A–Z a–z 0–9 - . _ ~`, the delimiters `: / ? # [ ] @ ! $ & * + , ; =` and an
    /// existing `%XX` escape percent-encoded.
    public static func encode(_ url: String) -> String {
        let bytes = Array(url.utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.count + 16)
        for (index, byte) in bytes.enumerated() {
            if isLiteral(byte) || (byte == UInt8(ascii: "%") && isEscape(bytes, at: index)) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hexDigits[Int(byte >> 4)])
                encoded.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Unreserved characters (RFC 3986 §2.3) and the delimiters a link needs (§2.2), without `'`, `(` and `)`.
    private static func isLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            literalPunctuation.contains(byte)
        }
    }

    private static let literalPunctuation = Set("-._~:/?#[]@!$&*+,;=".utf8)

    /// Whether the `%` at `index` starts a `%XX` escape, which is kept as it is rather than encoded again.
    private static func isEscape(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 2 < bytes.count else { return false }
        return isHexDigit(bytes[index + 1]) && isHexDigit(bytes[index + 2])
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "a")...UInt8(ascii: "f"): true
        default: false
        }
    }
}
