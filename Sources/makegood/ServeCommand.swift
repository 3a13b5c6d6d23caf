import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MakegoodAlerts
import MakegoodDelivery
import MakegoodStore
import MakegoodWeb
import Prometheus
import ServiceLifecycle
import UnixSignals

/// `makegood serve`: migrates, then serves the portal, the API and the pages until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Migrate the database, then serve.")

    @OptionGroup var listen: ListenOptions
    @Flag(help: "Run no alert scheduler or outbox worker on this node.") var noScheduler = false
    @Option(help: ArgumentHelp("Seconds between the scheduler's passes: run what is due, then send what is queued.", valueName: "seconds"))
    var schedulerInterval: Int = 10
    @Option(help: ArgumentHelp(
        "For tests and rehearsals: the scheduler and outbox worker take the time from this file (an RFC 3339 instant, read again on every pass) instead of the system clock.",
        valueName: "path"))
    var clockFile: String?

    func validate() throws {
        guard (1...3600).contains(schedulerInterval) else {
            throw ValidationError("--scheduler-interval must be between 1 and 3600 seconds; got \(schedulerInterval).")
        }
    }

    func run() async throws {
        let now: @Sendable () -> Date
        if let clockFile {
            let clock = try ClockFile(path: clockFile)
            now = { clock.now() }
        } else {
            now = Date.init
        }
        let logger = Runtime.bootstrapLogging()
        let registry = Runtime.bootstrapMetrics()
        let configuration = try listen.configuration()
        try await Runtime.withStore(configuration, logger: logger) { store in
            try await Self.serve(
                configuration: configuration, store: store, registry: registry, logger: logger,
                scheduler: noScheduler ? nil : .init(interval: .seconds(schedulerInterval), now: now))
        }
    }

    /// How often this node's scheduler passes, and the clock it goes by.
    struct Scheduling {
        var interval: Duration = .seconds(10)
        var now: @Sendable () -> Date = Date.init
    }

    /// Serves until a shutdown signal; shared with `makegood demo`. Without `scheduler`, the node only answers requests.
    static func serve(
        configuration: AppConfiguration, store: Store, registry: PrometheusCollectorRegistry, logger: Logger, scheduler: Scheduling?,
        onServerRunning: @escaping @Sendable () async -> Void = {}
    ) async throws {
        let secret = try await Runtime.secret(configuration, store: store)
        let app = try buildApplication(
            configuration: configuration, secret: secret, store: store, registry: registry, logger: logger,
            onServerRunning: onServerRunning)
        var services: [any Service] = [app]
        if let scheduler {
            let links = Runtime.links(configuration, secret: secret)
            let worker = try Runtime.outboxWorker(configuration, store: store)
            // Sending follows each pass on the same task, never during one: a node stopped in the middle of a run
            // has no message half sent, and what a run queued goes out as soon as the pass ends.
            services.append(
                AlertSchedulerService(
                    store: store, links: links, interval: scheduler.interval, logger: logger, now: scheduler.now,
                    afterTick: {
                        do {
                            _ = try await worker.deliverDue(now: scheduler.now, logger: logger)
                        } catch {
                            logger.error("outbox worker failed", metadata: ["error": "\(error)"])
                        }
                    }))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info(
            "makegood serving",
            metadata: ["url": "http://\(configuration.hostname):\(configuration.port)", "database": "\(configuration.database)"])
        try await group.run()
    }
}
