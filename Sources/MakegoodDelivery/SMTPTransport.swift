public import Foundation
public import MakegoodStore
import NIOCore
import NIOPosix
import NIOSSL

/// Sends email over SMTP (RFC 5321): EHLO, STARTTLS or implicit TLS, AUTH PLAIN/LOGIN, one message per connection.
public struct SMTPTransport: Transport {
    let configuration: SMTPConfiguration
    let now: @Sendable () -> Date

    public init(configuration: SMTPConfiguration, now: @escaping @Sendable () -> Date = Date.init) {
        self.configuration = configuration
        self.now = now
    }

    public func send(_ delivery: Delivery) async throws {
        let message = MIMEMessage(
            from: configuration.from, to: delivery.address, toName: nil, subject: delivery.subject ?? "Makegood",
            // Stable per (run, recipient), so a resent copy is recognisable as the same message.
            messageID: "\(delivery.runID ?? delivery.id).\(delivery.contactID)@makegood", date: now(), text: delivery.body, html: delivery.html,
            attachments: try delivery.files(), listUnsubscribe: delivery.listUnsubscribe)
        do {
            // A server that stops answering must not hold the worker: the attempt fails and is retried later.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await SMTPSession.send(
                        message, envelopeFrom: Self.address(in: configuration.from), to: delivery.address, configuration: configuration)
                }
                group.addTask {
                    try await Task.sleep(for: configuration.timeout)
                    throw DeliveryError("SMTP server \(configuration.host):\(configuration.port) did not answer within \(configuration.timeout)", permanent: false)
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let error as SMTPReplyError {
            throw DeliveryError(error.description, permanent: error.code >= 500)
        } catch let error as DeliveryError {
            throw error
        } catch {
            throw DeliveryError("SMTP server \(configuration.host):\(configuration.port) unreachable: \(error)", permanent: false)
        }
    }

    /// The bare address of `Name <address>`.
    static func address(in text: String) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return text }
        return String(text[text.index(after: open)..<close])
    }
}

/// A reply the server gave that ends the attempt.
struct SMTPReplyError: Error, CustomStringConvertible {
    let code: Int
    let command: String
    let text: String
    var description: String { "SMTP server answered \(code) to \(command): \(text)" }
}

/// One SMTP conversation on one connection.
enum SMTPSession {
    static func send(_ message: MIMEMessage, envelopeFrom: String, to recipient: String, configuration: SMTPConfiguration) async throws {
        let tls = try NIOSSLContext(configuration: .makeClientConfiguration())
        let host = configuration.host
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(15))
            .connect(host: host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if configuration.security == .implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            func reply(to command: String, expect: ClosedRange<Int>) async throws -> [String] {
                var texts: [String] = []
                while true {
                    guard let buffer = try await lines.next() else {
                        throw SMTPReplyError(code: 421, command: command, text: "the connection closed")
                    }
                    let line = String(buffer: buffer).trimmingCharacters(in: .newlines)
                    let code = Int(line.prefix(3)) ?? 0
                    texts.append(String(line.dropFirst(4)))
                    // "250-" continues a multi-line reply; "250 " ends it.
                    if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" {
                        guard expect.contains(code) else { throw SMTPReplyError(code: code, command: command, text: texts.joined(separator: " ")) }
                        return texts
                    }
                }
            }
            func command(_ text: String, expect: ClosedRange<Int>, shown: String? = nil) async throws -> [String] {
                try await outbound.write(ByteBuffer(string: text + "\r\n"))
                return try await reply(to: shown ?? text, expect: expect)
            }

            _ = try await reply(to: "connect", expect: 220...220)
            var extensions = try await command("EHLO makegood", expect: 250...250)
            let offersTLS = extensions.contains { $0.uppercased() == "STARTTLS" }
            if configuration.security == .startTLSRequired && !offersTLS {
                throw DeliveryError("\(host) does not offer STARTTLS, and MAKEGOOD_SMTP_URL requires it", permanent: false)
            }
            if (configuration.security == .startTLSRequired || configuration.security == .startTLSOptional) && offersTLS {
                _ = try await command("STARTTLS", expect: 220...220)
                try await channel.channel.pipeline.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: host), position: .first)
                extensions = try await command("EHLO makegood", expect: 250...250)
            }
            if let username = configuration.username {
                let password = configuration.password ?? ""
                let auth = extensions.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
                if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                    let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                    _ = try await command("AUTH PLAIN \(token)", expect: 235...235, shown: "AUTH PLAIN")
                } else {
                    _ = try await command("AUTH LOGIN", expect: 334...334)
                    _ = try await command(Data(username.utf8).base64EncodedString(), expect: 334...334, shown: "AUTH LOGIN username")
                    _ = try await command(Data(password.utf8).base64EncodedString(), expect: 235...235, shown: "AUTH LOGIN password")
                }
            }
            _ = try await command("MAIL FROM:<\(envelopeFrom)>", expect: 250...250)
            _ = try await command("RCPT TO:<\(recipient)>", expect: 250...251)
            _ = try await command("DATA", expect: 354...354)
            // Dot-stuffing: a line that starts with "." gets another, so it can't end the data early.
            let body = message.rendered().replacingOccurrences(of: "\r\n.", with: "\r\n..")
            try await outbound.write(ByteBuffer(string: body + ".\r\n"))
            _ = try await reply(to: "end of data", expect: 250...250)
            _ = try? await command("QUIT", expect: 221...221)
        }
    }
}
