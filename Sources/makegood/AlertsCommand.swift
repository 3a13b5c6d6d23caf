import ArgumentParser
import Foundation
import Logging
import MakegoodAlerts
import MakegoodDelivery
import MakegoodDomain
import MakegoodStore
import MakegoodWeb
import Synchronization

/// `makegood alerts run --at INSTANT [--cpc CPC]`.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alerts", abstract: "Daily alerts.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every alert due at an instant that has not run yet, deliver what it queued, print a JSON summary.")

        @Option(help: "An RFC 3339 instant, such as 2026-11-23T09:00:00+11:00; may be in the past to replay.") var at: String
        @Option(help: "Only this instance.") var cpc: String?

        func run() async throws {
            let logger = Runtime.bootstrapLogging()
            let configuration = try Runtime.configuration()
            guard let instant = RFC3339.parse(at) else {
                Runtime.printError("error: --at must be an RFC 3339 instant such as 2026-11-23T09:00:00Z; got \(at)")
                throw ExitCode(2)
            }
            let summary = try await Runtime.withStore(configuration, logger: logger) { store in
                let links = Runtime.links(configuration, secret: try await Runtime.secret(configuration, store: store))
                let instances = try await store.read { try await $0.instances.all() }.filter { cpc == nil || $0.cpc == cpc }
                if let cpc, instances.isEmpty {
                    Runtime.printError("error: no instance has the Client Portal Code \(cpc)")
                    throw ExitCode(2)
                }
                let now = Date()
                let worker = try Runtime.outboxWorker(configuration, store: store)
                // It delivers what it queued (with --cpc, that instance's messages only), starting while the later
                // instances still run, so drawing reports and sending share the cores.
                let scope = cpc == nil ? nil : instances.map(\.id)
                let running = Flag()
                async let delivering = AlertsCommand.deliver(worker, instances: scope, until: running, logger: logger)
                let results = await instances.concurrentMap(width: AlertRun.width) { instance in
                    await Result {
                        let runs = try await AlertRun.runDue(instance: instance, at: instant, store: store, links: links, now: now)
                        // Reminders and escalations go by the same instant as the runs.
                        let chased = try await CaseChaser.sendDue(instance: instance, store: store, links: links, now: instant)
                        try await Resurveyor.sendDue(instance: instance, store: store, links: links, now: instant)
                        return (runs, chased)
                    }
                }
                running.lower()
                let delivered = try await delivering
                // Every instance had its turn; the first failure, if any, is what the command reports.
                let done = try results.map { try $0.get() }
                let outbox = URL(fileURLWithPath: configuration.outbox)
                return Summary(runs: done.flatMap(\.0), chased: done.compactMap(\.1), delivered: delivered, outbox: outbox.path)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        }
    }

    /// Sends what is due until `flag` is lowered, then once more; returns how many were sent.
    private static func deliver(_ worker: OutboxWorker, instances: [UUID]?, until flag: Flag, logger: Logger) async throws -> Int {
        var sent = 0
        while true {
            let last = !flag.isRaised
            sent += try await worker.deliverDue(now: Date.init, instances: instances, logger: logger)
            if last { return sent }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Raised while the runs go on.
    final class Flag: Sendable {
        private let raised = Mutex(true)
        var isRaised: Bool { raised.withLock { $0 } }
        func lower() { raised.withLock { $0 = false } }
    }

    struct Summary: Encodable {
        let runs: [AlertRun.Summary]
        /// The reminders and escalations each instance queued.
        let chased: [CaseChaser.Summary]
        let delivered: Int
        let outbox: String
    }
}
