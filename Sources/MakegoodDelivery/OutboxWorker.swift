public import Foundation
public import Logging
public import MakegoodStore

/// Sends what the outbox holds: claims due messages, sends each, records the result, and retries failures
/// with exponential back-off and jitter until `maxAttempts`, when a message is marked failed.
public struct OutboxWorker: Sendable {
    let store: Store
    let email: any Transport
    let sms: any Transport
    public var maxAttempts = 8
    public var lease: TimeInterval = 120

    public init(store: Store, email: any Transport, sms: any Transport) {
        self.store = store
        self.email = email
        self.sms = sms
    }

    /// Sends everything due at `now` (of these instances only, when given), batch by batch; returns how many were sent.
    @discardableResult
    public func deliverDue(now: @Sendable () -> Date, instances: [UUID]? = nil, logger: Logger) async throws -> Int {
        var sent = 0
        while true {
            let at = now()
            let batch = try await store.write { [lease] in
                try await $0.outbox.claimDue(now: at, limit: 50, lease: lease, instances: instances)
            }
            if batch.isEmpty { return sent }
            for delivery in batch {
                do {
                    // From here until "delivered" a crash can mean a second send: the provider may have accepted the
                    // message before this worker recorded it. The log tells those cases apart.
                    logger.info("sending", metadata: ["delivery": "\(delivery.id)"])
                    try await (delivery.channel == .email ? email : sms).send(delivery)
                    let sentAt = now()
                    try await store.write { try await $0.outbox.markSent(delivery.id, at: sentAt) }
                    logger.info("delivered", metadata: ["delivery": "\(delivery.id)", "channel": "\(delivery.channel.rawValue)"])
                    sent += 1
                } catch {
                    let permanent = (error as? DeliveryError)?.permanent ?? false
                    let retryAt = permanent || delivery.attempts >= maxAttempts ? nil : Self.retryTime(after: delivery.attempts, from: now())
                    try await store.write { try await $0.outbox.markAttemptFailed(delivery.id, error: "\(error)", retryAt: retryAt) }
                    logger.warning("delivery failed", metadata: ["delivery": "\(delivery.id)", "error": "\(error)", "retry": "\(retryAt.map { "\($0)" } ?? "no")"])
                }
            }
        }
    }

    /// 30 s, 60 s, 2 min, … capped at an hour, with ±20 % jitter so failed messages don't retry in step.
    static func retryTime(after attempts: Int, from now: Date) -> Date {
        let base = min(3_600, 30 * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(base * Double.random(in: 0.8...1.2))
    }
}
