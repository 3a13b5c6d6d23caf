public import Foundation

/// A Customer Segment, such as a business unit.
public struct Segment: Equatable, Sendable {
    public let code: String
    public var name: String

    /// A segment read back from storage, already checked when it was written.
    public static func restored(code: String, name: String) -> Segment {
        Segment(unchecked: code, name: name)
    }

    private init(unchecked code: String, name: String) {
        self.code = code
        self.name = name
    }

    public init(code: String, name: String) throws(DomainError) {
        try Code.validate(code, field: "code")
        let name = try PlainText.name(name, field: "name")
        self.code = code
        self.name = name
    }
}

/// The codes that name Support Groups and Segments in URLs and survey data.
public enum Code {
    /// 1–64 characters, none of them white space or control characters (openapi.yaml's `Code` pattern).
    public static func validate(_ code: String, field: String) throws(DomainError) {
        guard (1...64).contains(PlainText.length(code)),
            !code.unicodeScalars.contains(where: { PlainText.isWhiteSpace($0) || $0.properties.generalCategory == .control })
        else {
            throw DomainError(field: field, "\(field) must be 1–64 characters without spaces; got \(code)")
        }
    }
}
