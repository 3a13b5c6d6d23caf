/// The settings of every SQLite connection Makegood opens, in one place.
///
/// Connections that write run `synchronous = FULL`: in WAL mode each commit is on disk (the WAL is synced) before it
/// returns, so a 201 for a survey response, a saved note or a delivered message survives a power loss. Group commit
/// makes that one sync a batch, not one a request (docs/durability.md).
public enum SQLitePragmas {
    /// How a writing connection syncs its commits: `full` (the default) syncs the WAL at every commit; `normal` only
    /// at checkpoints, so a power loss can take the last commits with it. `make bench` measures both.
    public enum Synchronous: String, Sendable, CaseIterable {
        case full, normal
    }

    /// What a connection is for.
    enum Role {
        /// The database's own writer (SQLiteNIO): notes, deliveries, settings, everything but survey responses.
        case writer
        /// `SQLiteResponseWriter`'s connection: the API's intake, the CSV import, the demo seed.
        case responseWriter
        /// A read connection: a write through it is a bug, and SQLite says so instead of racing the writer.
        case reader
    }

    /// The statements that set a connection up for its role.
    static func statements(for role: Role, synchronous: Synchronous = .full) -> [String] {
        // 64 MB of page cache instead of SQLite's 2 MB: the dashboards read an instance's recent weeks, and an import
        // keeps the indexes' last pages and the ticket index in memory. It fills only as pages are read.
        let cache = "PRAGMA cache_size = -65536"
        switch role {
        case .writer, .responseWriter:
            return [
                "PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = \(synchronous.rawValue.uppercased())", cache,
            ]
        case .reader:
            return ["PRAGMA busy_timeout = 10000", cache, "PRAGMA query_only = ON"]
        }
    }
}
