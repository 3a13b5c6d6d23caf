public import MakegoodStore
import Foundation

/// Something that hands a message to the outside world (a folder, SMTP, an SMS provider).
public protocol Transport: Sendable {
    /// Sends one message; throws `DeliveryError` to say whether a retry can help.
    func send(_ delivery: Delivery) async throws

    /// How many messages it may be given at once.
    var parallelSends: Int { get }
}

extension Transport {
    /// A provider's servers are shared, so a few connections at a time.
    public var parallelSends: Int { 8 }
}

/// Why a send failed, and whether trying again can help.
public struct DeliveryError: Error, CustomStringConvertible {
    public let description: String
    /// A permanent failure (a rejected address) is not retried.
    public let permanent: Bool

    public init(_ description: String, permanent: Bool) {
        self.description = description
        self.permanent = permanent
    }
}

extension Delivery {
    /// The files to attach, as a message gives them to `MIMEMessage`. A report must have been drawn by now
    /// (`OutboxWorker`): an email is never sent without the attachment it was queued with.
    func files() throws -> [(name: String, contentType: String, data: Data)] {
        guard let attachment else { return [] }
        guard let bytes = attachment.bytes else {
            throw DeliveryError("the report \(attachment.name) was not drawn before sending", permanent: false)
        }
        return [(attachment.name, "application/pdf", bytes)]
    }
}
