public import Foundation

/// Where the data lives, as `MAKEGOOD_DATABASE` names it.
public enum DatabaseURL: Equatable, Sendable, CustomStringConvertible {
    /// An SQLite file, `sqlite://relative/path` or `sqlite:///absolute/path`.
    case sqlite(path: String)
    /// A PostgreSQL server, `postgres://user:pass@host:port/db`.
    case postgres(url: String)

    public static let `default` = DatabaseURL.sqlite(path: "makegood.sqlite")

    /// Reads a database URL; the error says which forms are accepted.
    public init(_ text: String) throws {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw DatabaseURLError(text: text) }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            throw DatabaseURLError(text: text)
        }
    }

    /// The URL with any password hidden, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite://\(path)"
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { return "postgres://…" }
            if parts.password != nil { parts.password = "***" }
            return parts.string ?? "postgres://…"
        }
    }
}

/// A database URL that names no supported database.
public struct DatabaseURLError: Error, CustomStringConvertible {
    public let text: String
    public var description: String {
        "MAKEGOOD_DATABASE must be sqlite://PATH (such as sqlite://makegood.sqlite) or postgres://user:pass@host:port/db"
    }
}
