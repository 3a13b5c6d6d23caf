public import Foundation

/// One client organisation; every other record belongs to exactly one.
public struct Instance: Equatable, Sendable, Identifiable {
    public let id: UUID
    /// The Client Portal Code, a short unique slug used in URLs.
    public let cpc: String
    public var name: String
    public var preferences: Preferences

    public init(id: UUID = UUID(), cpc: String, name: String, preferences: Preferences) {
        self.id = id
        self.cpc = cpc
        self.name = name
        self.preferences = preferences
    }

    /// Checks a Client Portal Code: 2–32 lowercase letters, digits or hyphens, starting with a letter or digit.
    public static func validateCPC(_ cpc: String) throws(DomainError) {
        let allowed = cpc.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard (2...32).contains(cpc.count), allowed, cpc.first != "-" else {
            throw DomainError(
                field: "cpc", "the Client Portal Code must be 2–32 lowercase letters, digits or hyphens; got \(cpc)")
        }
    }
}
