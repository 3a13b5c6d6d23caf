import ArgumentParser
import MakegoodStore
import MakegoodWeb

/// `makegood migrate`: brings the schema up to date, then exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Bring the database schema up to date.")

    func run() async throws {
        let logger = Runtime.bootstrapLogging()
        let configuration = try Runtime.configuration()
        let database = try await Database.open(configuration.database, logger: logger)
        let applied = try await Migrator.migrate(database, logger: logger)
        await database.close()
        print(applied.isEmpty ? "the schema is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
    }
}
