import ArgumentParser
import Foundation
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
        // Without MAKEGOOD_BASE_URL, links point at the address actually served, so a demo on another port works.
        if (ProcessInfo.processInfo.environment["MAKEGOOD_BASE_URL"] ?? "").isEmpty {
            let host = ["0.0.0.0", "::", ""].contains(configuration.hostname) ? "127.0.0.1" : configuration.hostname
            configuration.baseURL = URL(string: "http://\(host):\(configuration.port)") ?? configuration.baseURL
        }
        return configuration
    }
}
