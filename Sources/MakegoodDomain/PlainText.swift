public import Foundation

/// Free text a person or a help desk sends: any Unicode except control characters (a NUL byte can't be stored
/// in PostgreSQL text, and none of them belongs in a name or a comment). Tabs and line breaks are allowed.
public enum PlainText {
    public static func validate(_ text: String?, field: String) throws(DomainError) {
        guard let text else { return }
        let allowed: Set<Unicode.Scalar> = ["\t", "\n", "\r"]
        if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            throw DomainError(
                field: field,
                "\(field) contains the control character U+\(String(bad.value, radix: 16, uppercase: true)); remove it")
        }
    }

    /// The length as JSON Schema's maxLength counts it: Unicode code points.
    public static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }
}
