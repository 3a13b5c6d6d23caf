import ArgumentParser
import Foundation
import MakegoodStore
import MakegoodWeb

/// `makegood demo`: creates (once) the `demo` instance with two weeks of responses, then serves it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create the demo instance once, then serve it and print what to open.")

    @Option(help: "The address to listen on.") var hostname: String?
    @Option(help: "The port to listen on.") var port: Int?

    func run() async throws {
        let logger = Runtime.bootstrapLogging()
        let registry = Runtime.bootstrapMetrics()
        var configuration = try Runtime.configuration()
        if let hostname { configuration.hostname = hostname }
        if let port { configuration.port = port }
        try await Runtime.withStore(configuration, logger: logger) { store in
            let login = try await DemoSeed.ensure(store: store, now: Date())
            let base = "http://\(configuration.hostname):\(configuration.port)"
            let banner = 
                """
                Makegood demo — \(login.created ? "created the demo instance with two weeks of survey responses" : "the demo instance already exists")

                  Health:        \(base)/health
                  API document:  \(base)/openapi.yaml
                  Responses:     curl -H 'Authorization: Bearer \(login.apiToken)' '\(base)/api/v1/survey-responses?limit=5'
                  Performance:   curl -H 'Authorization: Bearer \(login.apiToken)' '\(base)/api/v1/performance'

                  Instance (cpc): \(login.cpc)
                  Admin login:    \(login.adminEmail) / \(login.adminPassword)
                  API token:      \(login.apiToken)
                  (a new password and token are issued each time the demo starts)

                Press Ctrl-C to stop.
                """
            // Printed once the server listens, so every URL works the moment it is shown.
            try await ServeCommand.serve(configuration: configuration, store: store, registry: registry, logger: logger) {
                Self.printFlushed(banner)
            }
        }
    }

    /// Printed straight to the terminal, so the URLs show before the server's first log line.
    private static func printFlushed(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
