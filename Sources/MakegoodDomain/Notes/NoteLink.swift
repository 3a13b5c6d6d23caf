public import Foundation

/// A note written through a signed report link rather than by someone logged in: the link is the only credential, so
/// the log says which one it was, by the contact it was sent to, for anyone who later asks who wrote it.
public struct NoteLink: Equatable, Sendable {
    /// The contact the link was sent to; nil for a link that names no recipient (one sent before links named them).
    public let recipient: UUID?

    public init(recipient: UUID?) {
        self.recipient = recipient
    }
}
