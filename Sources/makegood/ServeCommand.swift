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

    func run() async throws {
        let logger = Runtime.bootstrapLogging()
        let registry = Runtime.bootstrapMetrics()
        let configuration = try listen.configuration()
        try await Runtime.withStore(configuration, logger: logger) { store in
            try await Self.serve(configuration: configuration, store: store, registry: registry, logger: logger, runScheduler: !noScheduler)
        }
    }

    /// Serves until a shutdown signal; shared with `makegood demo`.
    static func serve(
        configuration: AppConfiguration, store: Store, registry: PrometheusCollectorRegistry, logger: Logger, runScheduler: Bool,
        onServerRunning: @escaping @Sendable () async -> Void = {}
    ) async throws {
        let secret = try await Runtime.secret(configuration, store: store)
        let app = try buildApplication(
            configuration: configuration, secret: secret, store: store, registry: registry, logger: logger,
            onServerRunning: onServerRunning)
        var services: [any Service] = [app]
        if runScheduler {
            let links = Runtime.links(configuration, secret: secret)
            let worker = try Runtime.outboxWorker(configuration, store: store)
            services.append(AlertSchedulerService(store: store, links: links, logger: logger))
            services.append(OutboxWorkerService(worker: worker, logger: logger))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info(
            "makegood serving",
            metadata: ["url": "http://\(configuration.hostname):\(configuration.port)", "database": "\(configuration.database)"])
        try await group.run()
    }
}
