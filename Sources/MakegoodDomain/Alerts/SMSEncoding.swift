/// How many SMS segments a text takes: GSM-7 when every character is in its alphabet, else UCS-2.
public enum SMSEncoding: Equatable, Sendable {
    case gsm7, ucs2

    /// GSM 03.38's basic alphabet.
    static let basic = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
    /// The extension table: each of these costs two septets.
    static let extended = Set("^{}\\[~]|€\u{0C}")

    public static func of(_ text: String) -> SMSEncoding {
        text.allSatisfy { basic.contains($0) || extended.contains($0) } ? .gsm7 : .ucs2
    }

    /// The length as the network counts it: septets for GSM-7, UTF-16 units for UCS-2.
    public static func units(_ text: String) -> Int {
        switch of(text) {
        case .gsm7: text.reduce(0) { $0 + (extended.contains($1) ? 2 : 1) }
        case .ucs2: text.utf16.count
        }
    }

    /// The number of segments a text is sent as.
    public static func segments(_ text: String) -> Int {
        let units = units(text)
        let (single, perPart) = of(text) == .gsm7 ? (160, 153) : (70, 67)
        return units <= single ? 1 : (units + perPart - 1) / perPart
    }

    /// The most units that fit in two segments: 306 septets, or 134 UTF-16 units.
    public static func twoSegmentLimit(_ encoding: SMSEncoding) -> Int {
        encoding == .gsm7 ? 306 : 134
    }
}
