import ArgumentParser
import Foundation
import MakegoodDomain
import MakegoodStore

/// `makegood instance …`: instances of the server.
struct InstanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance", abstract: "Manage instances.", subcommands: [Create.self])

    /// `makegood instance create`: prints `{"cpc","apiToken","adminEmail","adminPassword"}` once.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an instance with default preferences, an admin login and an API token.")

        @Option(help: "The Client Portal Code: a short slug, unique on this server.") var cpc: String
        @Option(help: "The organisation's name.") var name: String
        @Option(help: "An IANA timezone, such as Australia/Sydney.") var timezone: String
        @Option(help: "The admin's email (default admin@CPC.makegood.invalid).") var adminEmail: String?

        func run() async throws {
            let logger = Runtime.bootstrapLogging()
            let configuration = try Runtime.configuration()
            do {
                let credentials = try await Runtime.withStore(configuration, logger: logger) { store in
                    try await InstanceProvisioning.create(
                        cpc: cpc, name: name, timezone: timezone, adminEmail: adminEmail, store: store, now: Date())
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(credentials), as: UTF8.self))
            } catch let error as DomainError {
                Runtime.printError("error: \(error.message)")
                throw ExitCode(2)
            }
        }
    }
}
