public import Foundation
public import MakegoodDomain
import SQLKit

/// A message a run queued for one recipient on one channel.
public struct Delivery: Sendable {
    public enum Channel: String, Sendable {
        case email, sms
    }

    /// queued → sending → sent, or back to queued to retry, or failed; SMS held for the weekend are `held`,
    /// then `merged` into Monday's text.
    public enum State: String, Sendable {
        case queued, held, merged, sending, sent, failed
    }

    public let id: String
    public let instanceID: UUID
    /// The alert run that queued it; nil for a data-error digest.
    public let runID: String?
    public let contactID: String
    public let channel: Channel
    public let address: String
    public let subject: String?
    public let body: String
    public let html: String?
    /// A file sent with an email: the PDF report.
    public let attachment: Attachment?
    /// How many responses it reports.
    public let itemCount: Int
    /// The names of the groups it reports on.
    public let groupNames: [String]
    public let state: State
    public let attempts: Int
    public let lastError: String?
    public let sentAt: Date?
    public let createdAt: Date
    /// A survey email's one-click unsubscribe address (RFC 8058), sent as its `List-Unsubscribe` header.
    public var listUnsubscribe: String? = nil

    /// A file sent with an email.
    public struct Attachment: Sendable {
        public let name: String
        public let content: Content

        public enum Content: Sendable {
            /// The file as it is sent.
            case bytes(Data)
            /// The Service Recovery Report as JSON, drawn into its PDF when the email is sent: the outbox keeps a few
            /// kilobytes a message instead of the drawn file (docs/decisions.md, "Reports are drawn when sent").
            case report(Data)
        }

        public init(name: String, content: Content) {
            self.name = name
            self.content = content
        }

        /// The file, once there is one to send: nil for a report not drawn yet.
        public var bytes: Data? {
            if case .bytes(let data) = content { data } else { nil }
        }
    }

    /// The same delivery with its attachment's file: the report drawn.
    public func attaching(_ bytes: Data) -> Delivery {
        Delivery(
            id: id, instanceID: instanceID, runID: runID, contactID: contactID, channel: channel, address: address, subject: subject,
            body: body, html: html, attachment: attachment.map { Attachment(name: $0.name, content: .bytes(bytes)) },
            itemCount: itemCount, groupNames: groupNames, state: state, attempts: attempts, lastError: lastError, sentAt: sentAt,
            createdAt: createdAt, listUnsubscribe: listUnsubscribe)
    }
}

/// The outbox of one instance: what its runs queued.
public struct DeliveryRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// What to queue.
    public struct Message: Sendable {
        public let contactID: UUID
        public let channel: Delivery.Channel
        public let address: String
        public let subject: String?
        public let body: String
        public let html: String?
        public let attachment: Delivery.Attachment?
        public let itemCount: Int
        public let groupNames: [String]
        public let held: Bool
        /// When to send it: nil for now.
        public let sendAt: Date?
        public let listUnsubscribe: String?

        public init(
            contactID: UUID, channel: Delivery.Channel, address: String, subject: String?, body: String, html: String?,
            attachment: Delivery.Attachment? = nil, itemCount: Int, groupNames: [String], held: Bool = false, sendAt: Date? = nil,
            listUnsubscribe: String? = nil
        ) {
            self.sendAt = sendAt
            self.listUnsubscribe = listUnsubscribe
            self.attachment = attachment
            self.contactID = contactID
            self.channel = channel
            self.address = address
            self.subject = subject
            self.body = body
            self.html = html
            self.itemCount = itemCount
            self.groupNames = groupNames
            self.held = held
        }
    }

    /// Queues a message of a run; the unique (run, recipient, channel) key makes queuing it twice impossible.
    @discardableResult
    public func queue(_ message: Message, run: String?, digest: String? = nil, now: Date) async throws -> String {
        try await queue([message], run: run, digest: digest, now: now)[0]
    }

    /// Queues messages of a run, a hundred to a statement; returns their ids, in order.
    @discardableResult
    public func queue(_ messages: [Message], run: String?, digest: String? = nil, now: Date) async throws -> [String] {
        var timeOrdered = TimeOrderedIDs(startingAt: now)
        let ids = messages.map { _ in timeOrdered.next().storageKey }
        let at = Instant.milliseconds(now)
        for start in stride(from: 0, to: messages.count, by: 100) {
            let chunk = start..<min(start + 100, messages.count)
            let deliveries: [SQLQueryString] = try chunk.map { index in
                let message = messages[index]
                let groupNames = String(decoding: try JSONEncoder().encode(message.groupNames), as: UTF8.self)
                return """
                    (\(bind: ids[index]), \(bind: scope.key), \(bind: run), \(bind: digest), \(bind: message.contactID.storageKey),
                    \(bind: message.channel.rawValue), \(bind: message.address), \(bind: message.attachment?.name), \(bind: message.itemCount),
                    \(bind: groupNames), \(bind: message.held ? "held" : "queued"), \(bind: message.sendAt.map(Instant.milliseconds) ?? at),
                    \(bind: at))
                    """
            }
            try await sql.raw(
                """
                INSERT INTO deliveries (id, instance_id, run_id, digest_id, contact_id, channel, address, attachment_name,
                    item_count, group_names, state, next_attempt_at, created_at)
                VALUES
                """ + deliveries.joined(separator: ", ")
            ).run()
            let contents: [SQLQueryString] = chunk.map { index in
                let message = messages[index]
                var bytes: Data?
                var report: String?
                switch message.attachment?.content {
                case .bytes(let data): bytes = data
                case .report(let json): report = String(decoding: json, as: UTF8.self)
                case nil: break
                }
                return """
                    (\(bind: ids[index]), \(bind: scope.key), \(bind: message.subject), \(bind: message.body), \(bind: message.html),
                    \(bind: bytes), \(bind: report), \(bind: message.listUnsubscribe))
                    """
            }
            try await sql.raw(
                """
                INSERT INTO delivery_contents (delivery_id, instance_id, subject, body, html, attachment, attachment_report, list_unsubscribe)
                VALUES
                """ + contents.joined(separator: ", ")
            ).run()
        }
        return ids
    }

    /// SMS held over the weekend, by contact, each contact's oldest first, with the day of the run that held each.
    public func heldSMS() async throws -> [UUID: [(delivery: Delivery, day: LocalDate)]] {
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: Self.columns), r.local_day FROM \(unsafeRaw: Self.tables)
            JOIN alert_runs r ON r.id = d.run_id AND r.instance_id = d.instance_id
            WHERE d.instance_id = \(bind: scope.key) AND d.channel = 'sms' AND d.state = 'held'
            ORDER BY r.alert_instant, d.id
            """
        ).all()
        var held: [UUID: [(delivery: Delivery, day: LocalDate)]] = [:]
        for row in rows {
            let delivery = try Self.decode(row)
            held[UUID(uuidString: delivery.contactID)!, default: []].append((delivery, LocalDate(try row.decode(column: "local_day", as: String.self))!))
        }
        return held
    }

    /// Withdraws what still waits to go to `recipient` (a survey invitation sent again): merged into `replacement`
    /// when there is one, else not sent at all.
    public func withdrawQueued(to recipient: UUID, except replacement: String?) async throws {
        let waiting: SQLQueryString = """
            WHERE instance_id = \(bind: scope.key) AND contact_id = \(bind: recipient.storageKey) AND state = 'queued'
                AND id <> \(bind: replacement ?? "")
            """
        if let replacement {
            try await sql.raw("UPDATE deliveries SET state = 'merged', merged_into = \(bind: replacement) " + waiting).run()
        } else {
            try await sql.raw("UPDATE deliveries SET state = 'failed', last_error = 'withdrawn: the address unsubscribed' " + waiting).run()
        }
    }

    /// Marks held SMS as merged into a later text.
    public func markMerged(_ ids: [String], into id: String) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw(
            "UPDATE deliveries SET state = 'merged', merged_into = \(bind: id) WHERE instance_id = \(bind: scope.key) AND id IN (\(binds: ids))"
        ).run()
    }

    /// The messages of a run.
    public func list(run: String) async throws -> [Delivery] {
        try await sql.raw(
            """
            SELECT \(unsafeRaw: Self.columns) FROM \(unsafeRaw: Self.tables)
            WHERE d.instance_id = \(bind: scope.key) AND d.run_id = \(bind: run) ORDER BY d.channel, d.address, d.id
            """
        ).all().map(Self.decode)
    }

    /// A delivery with its content: `SELECT \(columns) FROM \(tables)`, where `d` is the delivery.
    static let columns = "d.*, c.subject, c.body, c.html, c.attachment, c.attachment_report, c.list_unsubscribe"
    static let tables = "deliveries d JOIN delivery_contents c ON c.delivery_id = d.id AND c.instance_id = d.instance_id"

    static func decode(_ row: any SQLRow) throws -> Delivery {
        Delivery(
            id: try row.decode(column: "id", as: String.self),
            instanceID: UUID(uuidString: try row.decode(column: "instance_id", as: String.self))!,
            runID: try row.decode(column: "run_id", as: String?.self),
            contactID: try row.decode(column: "contact_id", as: String.self),
            channel: Delivery.Channel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .email,
            address: try row.decode(column: "address", as: String.self),
            subject: try row.decode(column: "subject", as: String?.self),
            body: try row.decode(column: "body", as: String.self),
            html: try row.decode(column: "html", as: String?.self),
            attachment: try row.decode(column: "attachment_name", as: String?.self).flatMap { name in
                if let json = try row.decode(column: "attachment_report", as: String?.self) {
                    return Delivery.Attachment(name: name, content: .report(Data(json.utf8)))
                }
                return try row.decode(column: "attachment", as: Data?.self).map { Delivery.Attachment(name: name, content: .bytes($0)) }
            },
            itemCount: try row.decode(column: "item_count", as: Int.self),
            groupNames: try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "group_names", as: String.self).utf8)),
            state: Delivery.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .queued,
            attempts: try row.decode(column: "attempts", as: Int.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            sentAt: try row.decode(column: "sent_at", as: Int64?.self).map(Instant.date),
            createdAt: Instant.date(try row.decode(column: "created_at", as: Int64.self)),
            listUnsubscribe: try row.decode(column: "list_unsubscribe", as: String?.self))
    }
}
