import Foundation
public import Logging
public import ServiceLifecycle

/// Sends the outbox every `interval` inside `makegood serve`.
public struct OutboxWorkerService: Service {
    let worker: OutboxWorker
    let interval: Duration
    let logger: Logger

    public init(worker: OutboxWorker, interval: Duration = .seconds(10), logger: Logger) {
        self.worker = worker
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await worker.deliverDue(now: Date.init, logger: logger)
                } catch {
                    logger.error("outbox worker failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
