import ArgumentParser
import MakegoodWeb

/// `--hostname` and `--port`, for the commands that serve; they override the environment.
struct ListenOptions: ParsableArguments {
    @Option(help: "The address to listen on (default 127.0.0.1).") var hostname: String?
    @Option(help: "The port to listen on (default 8080).") var port: Int?

    /// The configuration from the environment, with these flags applied.
    func configuration() throws -> AppConfiguration {
        var configuration = try Runtime.configuration()
        if let hostname { configuration.hostname = hostname }
        if let port { configuration.port = port }
        return configuration
    }
}
