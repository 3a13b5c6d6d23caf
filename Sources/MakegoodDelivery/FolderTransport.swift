import CFileSync
public import Foundation
import MakegoodDomain
public import MakegoodStore
import NIOPosix

/// Writes messages into a folder instead of sending them: `email/<id>.eml` (RFC 5322) and `sms/<id>.json`.
/// Files are named by delivery id, so writing one twice after a crash leaves one file.
///
/// A message counts as sent only once its file is on disk under its name, as a pickup folder's reader expects:
/// it is written under a hidden temporary name, synced, renamed, and synced again. The syncs are shared (see
/// `Batcher`): every message waiting for one is covered by a single `syncfs`, instead of an `fsync` each.
public struct FolderTransport: Transport {
    public let folder: URL
    public let from: String
    let now: @Sendable () -> Date
    private let sync: Batcher<String, Void>

    /// Messages in flight mostly wait for a shared sync, and a sync covers all of them, so many go at once.
    public var parallelSends: Int { 64 }

    public init(folder: URL, from: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.folder = folder
        self.from = from
        self.now = now
        sync = Batcher { directories in
            // Off Swift's cooperative threads: a sync blocks for as long as the disk takes.
            try await NIOThreadPool.singleton.runIfActive { try Self.syncFileSystem(of: directories[0]) }
            return directories.map { _ in () }
        }
    }

    public func send(_ delivery: Delivery) async throws {
        let directory = folder.appendingPathComponent(delivery.channel == .email ? "email" : "sms", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let (name, data) = try file(for: delivery)
            let temporary = directory.appendingPathComponent(".\(name).tmp")
            try Self.write(data, to: temporary.path)
            try await sync.submit(directory.path)
            guard rename(temporary.path, directory.appendingPathComponent(name).path) == 0 else {
                throw DeliveryError("can't rename \(temporary.path): \(String(cString: strerror(errno)))", permanent: false)
            }
            try await sync.submit(directory.path)
        } catch let error as DeliveryError {
            throw error
        } catch {
            throw DeliveryError("can't write to \(directory.path): \(error.localizedDescription)", permanent: false)
        }
    }

    /// The file's name and content.
    private func file(for delivery: Delivery) throws -> (String, Data) {
        switch delivery.channel {
        case .email:
            let message = MIMEMessage(
                from: from, to: delivery.address, toName: nil, subject: delivery.subject ?? "Makegood",
                messageID: "\(delivery.runID ?? delivery.id).\(delivery.contactID)@makegood", date: now(), text: delivery.body, html: delivery.html,
                attachments: try delivery.files(), listUnsubscribe: delivery.listUnsubscribe)
            return ("\(delivery.id).eml", Data(message.rendered().utf8))
        case .sms:
            let record = ["to": delivery.address, "body": delivery.body, "sentAt": now().formatted(.iso8601)]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return ("\(delivery.id).json", try encoder.encode(record))
        }
    }

    /// Writes a new file without syncing it: the shared `syncfs` that follows covers it. (Foundation's
    /// `Data.write(to:)` calls `fsync` for every file, which blocks one of Swift's few threads until the disk answers.)
    private static func write(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DeliveryError("can't create \(path): \(String(cString: strerror(errno)))", permanent: false) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    throw DeliveryError("can't write \(path): \(String(cString: strerror(errno)))", permanent: false)
                }
                offset += written
            }
        }
    }

    private static func syncFileSystem(of path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw DeliveryError("can't open \(path): \(String(cString: strerror(errno)))", permanent: false) }
        defer { close(descriptor) }
        guard makegood_syncfs(descriptor) == 0 else {
            throw DeliveryError("can't sync \(path) to disk: \(String(cString: strerror(errno)))", permanent: false)
        }
    }
}
