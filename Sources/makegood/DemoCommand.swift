import ArgumentParser
import Foundation
import Logging
import MakegoodAlerts
import MakegoodDelivery
import MakegoodDomain
import MakegoodStore
import MakegoodWeb

/// `makegood demo`: creates (once) the `demo` instance with two weeks of responses, then serves it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create the demo instance once, then serve it and print what to open.")

    @OptionGroup var listen: ListenOptions

    func run() async throws {
        let logger = Runtime.bootstrapLogging()
        let registry = Runtime.bootstrapMetrics()
        let configuration = try listen.configuration()
        try await Runtime.withStore(configuration, logger: logger) { store in
            let now = Date()
            let login = try await DemoSeed.ensure(store: store, now: now)
            let outbox = URL(fileURLWithPath: configuration.outbox).standardizedFileURL
            var alerts = ""
            if login.created {
                let sent = try await Self.runTwoWeeksOfAlerts(store: store, configuration: configuration, outbox: outbox, now: now, logger: logger)
                alerts = "\n  Alerts:        \(sent) messages of the last two weeks' runs are in \(outbox.path)\n"
                    + "                 (email/*.eml with the HTML report, sms/*.json)\n"
            }
            let base = "http://\(configuration.hostname):\(configuration.port)"
            let banner = 
                """
                Makegood demo — \(login.created ? "created the demo instance with two weeks of survey responses" : "the demo instance already exists")

                  Log in:        \(base)/login?cpc=\(login.cpc)   (the admin login below)
                  Portal:        \(base)/portal?cpc=\(login.cpc)
                  Dashboards:    \(base)/dashboards?cpc=\(login.cpc)&dashid=SRES   and   &dashid=SRP
                  Report:        \(base)/reports/survey-responses?cpc=\(login.cpc)&srn=r
                  Health:        \(base)/health
                  API document:  \(base)/openapi.yaml
                  Responses:     curl -H 'Authorization: Bearer \(login.apiToken)' '\(base)/api/v1/survey-responses?limit=5'
                  Performance:   curl -H 'Authorization: Bearer \(login.apiToken)' '\(base)/api/v1/performance'

                  Instance (cpc): \(login.cpc)
                  Admin login:    \(login.adminEmail) / \(login.adminPassword)
                  API token:      \(login.apiToken)
                  (a new password and token are issued each time the demo starts)
                \(alerts)
                Press Ctrl-C to stop.
                """
            // Printed once the server listens, so every URL works the moment it is shown.
            try await ServeCommand.serve(
                configuration: configuration, store: store, registry: registry, logger: logger, scheduler: .init()
            ) {
                Self.printFlushed(banner)
            }
        }
    }

    /// Printed straight to the terminal, so the URLs show before the server's first log line.
    private static func printFlushed(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Runs the daily alerts of the past two weeks, in order, and writes their messages to the folder outbox.
    private static func runTwoWeeksOfAlerts(
        store: Store, configuration: AppConfiguration, outbox: URL, now: Date, logger: Logger
    ) async throws -> Int {
        guard let instance = try await store.read({ try await $0.instances.find(cpc: DemoSeed.cpc) }) else { return 0 }
        let links = Runtime.links(configuration, secret: try await Runtime.secret(configuration, store: store))
        let calendar = AlertCalendar(instance.preferences)
        let today = calendar.day(of: now)
        for offset in -13...0 {
            let day = today.adding(days: offset)
            let instant = calendar.alertInstant(on: day)
            guard instant <= now else { continue }
            _ = try await AlertRun.run(ScheduledRun(day: day, instant: instant), instance: instance, store: store, links: links, now: now)
        }
        let transport = FolderTransport(folder: outbox, from: configuration.smtpFrom)
        return try await OutboxWorker(store: store, email: transport, sms: transport, drawReport: ReportAttachment.draw).deliverDue(now: Date.init, logger: logger)
    }
}
