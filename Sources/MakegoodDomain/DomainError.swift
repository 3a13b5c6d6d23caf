import Foundation

/// A rule of the domain that a value breaks, naming the field and saying how to fix it.
public struct DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; the API maps it to a status code.
    public enum Kind: String, Sendable {
        /// The value is out of range or badly formed (422).
        case invalid
        /// The value names something that does not exist (422).
        case unknownReference
        /// The change conflicts with the current state (409).
        case conflict
    }

    public let kind: Kind
    /// The JSON field the problem is about, in the API's spelling.
    public let field: String?
    /// A sentence that says what is wrong and how to fix it.
    public let message: String

    public init(_ kind: Kind = .invalid, field: String?, _ message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    public var description: String { field.map { "\($0): \(message)" } ?? message }
}
