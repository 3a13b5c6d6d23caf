/// The settings of every SQLite connection Makegood opens, in one place: the database's own writer, the intake's and
/// the import's connections (which write responses, notes and deliveries), and the read connections.
///
/// Writers run `synchronous = FULL`: in WAL mode each commit is on disk (the WAL is synced) before it returns, so a
/// 201 for a survey response, a saved note or a delivered message survives a power loss. Group commit makes that one
/// sync a batch, not one a request (docs/durability.md).
enum SQLitePragmas {
    /// A connection that writes; `cacheKiB` is its page cache (SQLite's own default, about 2 MB, when nil).
    static func writer(cacheKiB: Int? = nil) -> [String] {
        ["PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"]
            + (cacheKiB.map { ["PRAGMA cache_size = -\($0)"] } ?? [])
    }

    /// A read connection: a write through it is a bug, and SQLite says so instead of racing the writer.
    static func reader(cacheKiB: Int) -> [String] {
        ["PRAGMA busy_timeout = 10000", "PRAGMA cache_size = -\(cacheKiB)", "PRAGMA query_only = ON"]
    }

    /// 64 MB of page cache for the database's writer and readers instead of SQLite's 2 MB: the dashboards read an
    /// instance's recent weeks, and keeping them in memory saves a system call per page. It fills only as pages are read.
    static let sharedCacheKiB = 65_536
}
