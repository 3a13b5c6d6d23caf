import Foundation
import Logging
import MakegoodAlerts
import MakegoodDelivery
import MakegoodStore
import MakegoodWeb
import Metrics
import Prometheus

/// What every command sets up first: logs, configuration, the store.
enum Runtime {
    /// Logs go to stderr; `MAKEGOOD_LOG_LEVEL` (trace…critical) sets how much.
    static func bootstrapLogging() -> Logger {
        let level = ProcessInfo.processInfo.environment["MAKEGOOD_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "makegood")
    }

    /// Metrics are kept in a Prometheus registry that `/metrics` serves.
    static func bootstrapMetrics() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }

    static func configuration() throws -> AppConfiguration {
        try AppConfiguration.fromEnvironment()
    }

    /// Opens (and migrates) the configured database, runs `body`, and closes it again.
    static func withStore<T>(_ configuration: AppConfiguration, logger: Logger, _ body: (Store) async throws -> T) async throws -> T {
        let store = try await Store.open(configuration.database, sqliteSynchronous: configuration.sqliteSynchronous, logger: logger)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Writes one line to stderr.
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// How alert links are made: the base URL, the signing secret and `MAKEGOOD_LINK_DAYS`.
    static func links(_ configuration: AppConfiguration, secret: String) -> AlertRun.Links {
        AlertRun.Links(
            baseURL: configuration.baseURL, signer: LinkSigner(secret: secret),
            lifetime: TimeInterval(configuration.linkLifetimeDays) * 86_400)
    }

    /// The signing secret: `MAKEGOOD_SECRET`, or the one generated once and kept in the database.
    static func secret(_ configuration: AppConfiguration, store: Store) async throws -> String {
        if let secret = configuration.secret { return secret }
        return try await store.write { try await $0.settings.setIfAbsent("secret", to: Secrets.random(length: 48)) }
    }

    /// The outbox worker with the transports the environment configures; the folder outbox for what it does not.
    static func outboxWorker(_ configuration: AppConfiguration, store: Store) throws -> OutboxWorker {
        let folder = FolderTransport(folder: URL(fileURLWithPath: configuration.outbox), from: configuration.smtpFrom)
        var email: any Transport = folder
        var sms: any Transport = folder
        if let url = configuration.smtpURL {
            email = SMTPTransport(configuration: try SMTPConfiguration(url: url, from: configuration.smtpFrom))
        }
        if let account = configuration.smsAccount, let token = configuration.smsToken, let from = configuration.smsFrom {
            guard let base = URL(string: configuration.smsURL), base.scheme?.hasPrefix("http") == true else {
                throw ConfigurationError("MAKEGOOD_SMS_URL must be an http(s) URL; got \(configuration.smsURL)")
            }
            sms = TwilioTransport(configuration: .init(baseURL: base, account: account, token: token, from: from))
        }
        return OutboxWorker(store: store, email: email, sms: sms, drawReport: ReportAttachment.draw)
    }
}
