public import Foundation
import HTTPTypes
public import MakegoodStore

/// Everything a server needs from its environment (SPEC §7); flags override it.
public struct AppConfiguration: Sendable {
    public var database: DatabaseURL
    /// The absolute URL links are made with.
    public var baseURL: URL
    /// The key for signed links and sessions; generated and stored in the database when absent.
    public var secret: String?
    /// Where messages are written when no SMTP / SMS transport is set.
    public var outbox: String
    public var hostname: String
    public var port: Int
    /// `MAKEGOOD_SMTP_URL` and `MAKEGOOD_SMTP_FROM`; mail goes to the outbox folder when the URL is absent.
    public var smtpURL: String?
    public var smtpFrom = "Makegood <alerts@makegood.invalid>"
    /// `MAKEGOOD_SMS_*`: a Twilio-compatible API; SMS go to the outbox folder when no account is set.
    public var smsURL = "https://api.twilio.com"
    public var smsAccount: String?
    public var smsToken: String?
    public var smsFrom: String?
    /// `MAKEGOOD_LINK_DAYS`: how many days the links in alerts open the notes dialog without a login.
    public var linkLifetimeDays = 30
    /// `MAKEGOOD_HTTP_IDLE_TIMEOUT`: seconds a connection may stay silent before the server closes it.
    public var idleTimeoutSeconds = 60
    /// `MAKEGOOD_CLIENT_ADDRESS_HEADER`: where a reverse proxy puts the client's address (SiteSettings).
    public var clientAddressHeader: String?
    /// `MAKEGOOD_METRICS_TOKEN`: the bearer token `/metrics` asks for; nil leaves it open.
    public var metricsToken: String?
    /// `MAKEGOOD_SQLITE_SYNCHRONOUS`: `full` (the default: a 201 is on disk) or `normal` (faster; a power loss can
    /// drop the last commits). For measuring; docs/durability.md.
    public var sqliteSynchronous: SQLitePragmas.Synchronous = .full

    public init(
        database: DatabaseURL = .default, baseURL: URL = URL(string: "http://127.0.0.1:8080")!, secret: String? = nil,
        outbox: String = "outbox", hostname: String = "127.0.0.1", port: Int = 8080
    ) {
        self.database = database
        self.baseURL = baseURL
        self.secret = secret
        self.outbox = outbox
        self.hostname = hostname
        self.port = port
    }

    /// Reads `MAKEGOOD_*` variables; a malformed one is an error that names it.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> AppConfiguration
    {
        var configuration = AppConfiguration()
        if let database = environment["MAKEGOOD_DATABASE"], !database.isEmpty {
            configuration.database = try DatabaseURL(database)
        }
        if let base = environment["MAKEGOOD_BASE_URL"], !base.isEmpty {
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw ConfigurationError("MAKEGOOD_BASE_URL must be an absolute http(s) URL such as https://makegood.example.com; got \(base)")
            }
            configuration.baseURL = url
        }
        if let secret = environment["MAKEGOOD_SECRET"], !secret.isEmpty {
            guard secret.utf8.count >= 32 else {
                throw ConfigurationError("MAKEGOOD_SECRET must be at least 32 characters; leave it unset to have one generated")
            }
            configuration.secret = secret
        }
        if let outbox = environment["MAKEGOOD_OUTBOX"], !outbox.isEmpty {
            configuration.outbox = outbox
        }
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        configuration.smtpURL = value("MAKEGOOD_SMTP_URL")
        configuration.smtpFrom = value("MAKEGOOD_SMTP_FROM") ?? configuration.smtpFrom
        configuration.smsURL = value("MAKEGOOD_SMS_URL") ?? configuration.smsURL
        configuration.smsAccount = value("MAKEGOOD_SMS_ACCOUNT")
        configuration.smsToken = value("MAKEGOOD_SMS_TOKEN")
        configuration.smsFrom = value("MAKEGOOD_SMS_FROM")
        if let days = value("MAKEGOOD_LINK_DAYS") {
            guard let number = Int(days), (1...36_500).contains(number) else {
                throw ConfigurationError("MAKEGOOD_LINK_DAYS must be a whole number of days from 1 to 36500; got \(days)")
            }
            configuration.linkLifetimeDays = number
        }
        if let seconds = value("MAKEGOOD_HTTP_IDLE_TIMEOUT") {
            guard let number = Int(seconds), (1...86_400).contains(number) else {
                throw ConfigurationError("MAKEGOOD_HTTP_IDLE_TIMEOUT must be a whole number of seconds from 1 to 86400; got \(seconds)")
            }
            configuration.idleTimeoutSeconds = number
        }
        if let text = value("MAKEGOOD_SQLITE_SYNCHRONOUS") {
            guard let synchronous = SQLitePragmas.Synchronous(rawValue: text.lowercased()) else {
                throw ConfigurationError("MAKEGOOD_SQLITE_SYNCHRONOUS must be full or normal; got \(text)")
            }
            configuration.sqliteSynchronous = synchronous
        }
        if let header = value("MAKEGOOD_CLIENT_ADDRESS_HEADER") {
            guard HTTPField.Name(header) != nil else {
                throw ConfigurationError("MAKEGOOD_CLIENT_ADDRESS_HEADER must be a header name such as X-Forwarded-For; got \(header)")
            }
            configuration.clientAddressHeader = header
        }
        if let token = value("MAKEGOOD_METRICS_TOKEN") {
            guard token.utf8.count >= 16, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError("MAKEGOOD_METRICS_TOKEN must be at least 16 characters, without spaces")
            }
            configuration.metricsToken = token
        }
        if configuration.smsAccount != nil && (configuration.smsToken == nil || configuration.smsFrom == nil) {
            throw ConfigurationError("MAKEGOOD_SMS_ACCOUNT is set, so MAKEGOOD_SMS_TOKEN and MAKEGOOD_SMS_FROM must be set too")
        }
        return configuration
    }
}

/// A configuration value that can't be used, with what to change.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
