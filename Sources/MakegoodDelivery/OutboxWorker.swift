public import Foundation
public import Logging
import MakegoodDomain
public import MakegoodStore

/// Sends what the outbox holds: claims due messages, sends each, records the result, and retries failures
/// with exponential back-off and jitter until `maxAttempts`, when a message is marked failed.
public struct OutboxWorker: Sendable {
    let store: Store
    let email: any Transport
    let sms: any Transport
    /// Draws an email's report (its JSON) into the PDF that is sent.
    let drawReport: @Sendable (Data) throws -> Data
    public var maxAttempts = 8
    public var lease: TimeInterval = 120
    /// How many messages are in flight at once: as many as the stricter transport takes. Each mostly waits (on
    /// its provider, the disk, or its turn to be recorded), so this is more than the cores.
    public var width: Int

    /// Messages sent at about the same time are recorded in one transaction (see `Batcher`).
    private let sent: Batcher<(id: String, at: Date), Void>

    public init(store: Store, email: any Transport, sms: any Transport, drawReport: @escaping @Sendable (Data) throws -> Data) {
        self.store = store
        self.email = email
        self.sms = sms
        self.drawReport = drawReport
        width = min(email.parallelSends, sms.parallelSends)
        sent = Batcher { marks in
            try await store.write { try await $0.outbox.markSent(marks) }
            return marks.map { _ in () }
        }
    }

    /// Sends everything due at `now` (of these instances only, when given), batch by batch; returns how many were sent.
    /// The messages of a batch go out `width` at a time: each waits mostly on its provider (or, for the folder
    /// outbox, on the disk), not on the CPU. The next batch is claimed while one is sent, so the cores don't wait
    /// for a batch's last message and then for the claim that follows it.
    @discardableResult
    public func deliverDue(now: @escaping @Sendable () -> Date, instances: [UUID]? = nil, logger: Logger) async throws -> Int {
        let (store, lease, limit) = (store, lease, 2 * width)
        @Sendable func claim() async throws -> [Delivery] {
            let at = now()
            return try await store.write { try await $0.outbox.claimDue(now: at, limit: limit, lease: lease, instances: instances) }
        }
        var sent = 0
        var next = Task { try await claim() }
        while true {
            // Only a claim that found something is followed by another, so the last one (empty) leaves none behind.
            let batch = try await next.value
            if batch.isEmpty { return sent }
            next = Task { try await claim() }
            let outcomes = await batch.concurrentMap(width: width) { delivery in
                await Result { try await deliver(delivery, now: now, logger: logger) }
            }
            do {
                sent += try outcomes.filter { try $0.get() }.count
            } catch {
                // What the claim ahead took waits out its lease, then goes to whichever worker claims it.
                _ = try? await next.value
                throw error
            }
        }
    }

    /// Sends one claimed message and records the outcome; true when it was delivered.
    private func deliver(_ delivery: Delivery, now: @escaping @Sendable () -> Date, logger: Logger) async throws -> Bool {
        do {
            // From here until "delivered" a crash can mean a second send: the provider may have accepted the
            // message before this worker recorded it. The log tells those cases apart.
            logger.info("sending", metadata: ["delivery": "\(delivery.id)"])
            try await (delivery.channel == .email ? email : sms).send(try drawn(delivery))
            let sentAt = now()
            try await sent.submit((delivery.id, sentAt))
            logger.info("delivered", metadata: ["delivery": "\(delivery.id)", "channel": "\(delivery.channel.rawValue)"])
            return true
        } catch {
            let permanent = (error as? DeliveryError)?.permanent ?? false
            let retryAt = permanent || delivery.attempts >= maxAttempts ? nil : Self.retryTime(after: delivery.attempts, from: now())
            try await store.write { try await $0.outbox.markAttemptFailed(delivery.id, error: "\(error)", retryAt: retryAt) }
            logger.warning("delivery failed", metadata: ["delivery": "\(delivery.id)", "error": "\(error)", "retry": "\(retryAt.map { "\($0)" } ?? "no")"])
            return false
        }
    }

    /// The delivery with its report drawn, if it has one to draw. A report that can't be drawn never will be: the
    /// message fails for good, with the reason.
    private func drawn(_ delivery: Delivery) throws -> Delivery {
        guard case .report(let json) = delivery.attachment?.content else { return delivery }
        do {
            return delivery.attaching(try drawReport(json))
        } catch {
            throw DeliveryError("can't draw the report \(delivery.attachment?.name ?? ""): \(error)", permanent: true)
        }
    }

    /// 30 s, 60 s, 2 min, … capped at an hour, with ±20 % jitter so failed messages don't retry in step.
    static func retryTime(after attempts: Int, from now: Date) -> Date {
        let base = min(3_600, 30 * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(base * Double.random(in: 0.8...1.2))
    }
}
