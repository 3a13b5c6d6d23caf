import ArgumentParser

/// The `makegood` command: serve, migrate, and the batch commands of SPEC §7.
@main
struct Makegood: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "makegood",
        abstract: "Service Recovery for transactional customer-satisfaction surveys.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, InstanceCommand.self, AlertsCommand.self, OutboxCommand.self, ImportCommand.self,
            DemoCommand.self,
        ])
}
