import VaporCSQLite

/// A SQLite connection for bulk writes, whose statements are prepared once and run for every row.
///
/// SQLiteNIO prepares each statement it is given and runs it on a thread of its pool; for a million-row import
/// that costs more than SQLite's own work. This talks to the same SQLite library SQLiteNIO vendors (its C
/// module), never to a second copy: two copies in one process would each keep their own POSIX locks on the file
/// and could release each other's. A connection belongs to one thread at a time.
final class SQLiteBulkConnection {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var handle: OpaquePointer?

    init(path: String) throws(Failure) {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK else {
            let reason = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close(handle)
            throw Failure(description: "can't open the SQLite database \(path): \(reason)")
        }
    }

    deinit {
        sqlite_nio_sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws(Failure) {
        try check(sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil))
    }

    /// The value of an integer setting, such as `synchronous`, as this connection has it.
    func pragma(_ name: String) throws(Failure) -> Int64? {
        let statement = try prepare("PRAGMA \(name)")
        return try statement.step() ? statement.integer(0) : nil
    }

    func prepare(_ sql: String) throws(Failure) -> Statement {
        var statement: OpaquePointer?
        try check(sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        return Statement(handle: statement, connection: self)
    }

    /// Rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int { Int(sqlite_nio_sqlite3_changes(handle)) }

    fileprivate func check(_ code: Int32) throws(Failure) {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            throw Failure(description: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
        }
    }

    final class Statement {
        private let handle: OpaquePointer?
        private let connection: SQLiteBulkConnection

        fileprivate init(handle: OpaquePointer?, connection: SQLiteBulkConnection) {
            self.handle = handle
            self.connection = connection
        }

        deinit {
            sqlite_nio_sqlite3_finalize(handle)
        }

        /// Binds parameter `index` (from 1); nil is NULL.
        func bind(_ index: Int32, _ text: String?) throws(Failure) {
            guard var text else { return try connection.check(sqlite_nio_sqlite3_bind_null(handle, index)) }
            let code = text.withUTF8 { bytes in
                sqlite_nio_sqlite3_bind_text64(handle, index, bytes.baseAddress, UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
            }
            try connection.check(code)
        }

        func bind(_ index: Int32, _ integer: Int64?) throws(Failure) {
            guard let integer else { return try connection.check(sqlite_nio_sqlite3_bind_null(handle, index)) }
            try connection.check(sqlite_nio_sqlite3_bind_int64(handle, index, integer))
        }

        /// Runs the statement to its next row: true when there is one.
        func step() throws(Failure) -> Bool {
            let code = sqlite_nio_sqlite3_step(handle)
            try connection.check(code)
            return code == SQLITE_ROW
        }

        /// Makes the statement ready to run again with new bindings.
        func reset() {
            sqlite_nio_sqlite3_reset(handle)
            sqlite_nio_sqlite3_clear_bindings(handle)
        }

        func integer(_ column: Int32) -> Int64? {
            guard sqlite_nio_sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
            return sqlite_nio_sqlite3_column_int64(handle, column)
        }

        func text(_ column: Int32) -> String? {
            guard let bytes = sqlite_nio_sqlite3_column_text(handle, column) else { return nil }
            return String(cString: bytes)
        }
    }
}

/// SQLITE_TRANSIENT, which C spells as a cast of -1: SQLite copies the bound value before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
