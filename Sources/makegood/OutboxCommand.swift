import ArgumentParser
import Foundation
import MakegoodDelivery
import MakegoodDomain
import MakegoodStore

/// `makegood outbox send [--at INSTANT]`: sends what is due, as the server's worker does.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outbox", abstract: "The queue of alert messages.", subcommands: [Send.self])

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send every queued message that is due (retries whose back-off has passed included); print how many were sent.")

        @Option(help: "Treat this RFC 3339 instant as now when deciding what is due (default: now).") var at: String?

        func run() async throws {
            let logger = Runtime.bootstrapLogging()
            let configuration = try Runtime.configuration()
            var now = Date()
            if let at {
                guard let instant = RFC3339.parse(at) else {
                    Runtime.printError("error: --at must be an RFC 3339 instant such as 2026-11-23T09:00:00Z; got \(at)")
                    throw ExitCode(2)
                }
                now = instant
            }
            let due = now
            let sent = try await Runtime.withStore(configuration, logger: logger) { store in
                try await Runtime.outboxWorker(configuration, store: store).deliverDue(now: { due }, logger: logger)
            }
            print("{\"delivered\":\(sent)}")
        }
    }
}
