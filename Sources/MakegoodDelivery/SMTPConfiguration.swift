public import Foundation

/// Where and how to send mail, from `MAKEGOOD_SMTP_URL`: `smtp://[user:pass@]host:port` or `smtps://…`,
/// with `?starttls=required|optional|off` and `&timeout=SECONDS` (default 60). STARTTLS defaults to `required` when
/// the URL carries credentials, so a password is never sent in the clear because a server (or someone between)
/// left STARTTLS out, and to `optional` for a relay without them.
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: String, Sendable {
        /// TLS from the first byte (smtps://, usually port 465).
        case implicitTLS
        /// Upgrade with STARTTLS; refuse to send if the server does not offer it.
        case startTLSRequired = "required"
        /// Upgrade with STARTTLS when the server offers it.
        case startTLSOptional = "optional"
        /// Plain text (a relay on localhost).
        case none = "off"
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security
    /// The envelope and header sender, from `MAKEGOOD_SMTP_FROM`.
    public var from: String
    /// How long one message's whole conversation may take before it counts as a failed attempt.
    public var timeout: Duration = .seconds(60)

    public init(host: String, port: Int, username: String? = nil, password: String? = nil, security: Security, from: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.security = security
        self.from = from
    }

    /// Reads an SMTP URL; the error says what form it must take.
    public init(url text: String, from: String) throws {
        let usage = "MAKEGOOD_SMTP_URL must look like smtp://user:pass@mail.example.com:587?starttls=required or smtps://mail.example.com:465"
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps",
            let host = url.host, !host.isEmpty
        else { throw SMTPConfigurationError(message: usage) }
        let hasCredentials = !(url.user ?? "").isEmpty || url.password != nil
        var security: Security = scheme == "smtps" ? .implicitTLS : hasCredentials ? .startTLSRequired : .startTLSOptional
        if let mode = url.queryItems?.first(where: { $0.name == "starttls" })?.value {
            guard scheme == "smtp", let chosen = Security(rawValue: mode) else { throw SMTPConfigurationError(message: usage) }
            security = chosen
        }
        self.init(
            host: host, port: url.port ?? (scheme == "smtps" ? 465 : 587), username: url.user?.removingPercentEncoding,
            password: url.password?.removingPercentEncoding, security: security, from: from)
        if let seconds = url.queryItems?.first(where: { $0.name == "timeout" })?.value {
            guard let value = Int(seconds), value > 0 else { throw SMTPConfigurationError(message: usage + " (timeout is in whole seconds)") }
            timeout = .seconds(value)
        }
    }
}

public struct SMTPConfigurationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
