public import Foundation
public import MakegoodStore

/// Writes messages into a folder instead of sending them: `email/<id>.eml` (RFC 5322) and `sms/<id>.json`.
/// Files are named by delivery id, so writing one twice after a crash leaves one file.
public struct FolderTransport: Transport {
    public let folder: URL
    public let from: String
    let now: @Sendable () -> Date

    public init(folder: URL, from: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.folder = folder
        self.from = from
        self.now = now
    }

    public func send(_ delivery: Delivery) async throws {
        let directory = folder.appendingPathComponent(delivery.channel == .email ? "email" : "sms", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            switch delivery.channel {
            case .email:
                let message = MIMEMessage(
                    from: from, to: delivery.address, toName: nil, subject: delivery.subject ?? "Makegood",
                    messageID: "\(delivery.runID ?? delivery.id).\(delivery.contactID)@makegood", date: now(), text: delivery.body, html: delivery.html,
                    attachments: delivery.attachment.map { [($0.name, "application/pdf", $0.data)] } ?? [])
                try Data(message.rendered().utf8).write(to: directory.appendingPathComponent("\(delivery.id).eml"), options: .atomic)
            case .sms:
                let record = ["to": delivery.address, "body": delivery.body, "sentAt": now().formatted(.iso8601)]
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                try encoder.encode(record).write(to: directory.appendingPathComponent("\(delivery.id).json"), options: .atomic)
            }
        } catch {
            throw DeliveryError("can't write to \(directory.path): \(error.localizedDescription)", permanent: false)
        }
    }
}
