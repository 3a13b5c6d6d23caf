import Logging
import NIOPosix
import SQLKit
import SQLiteKit

/// Connections that only read, so reads never wait behind SQLite's one writer: in WAL mode each sees the last
/// commit while a write goes on. The daily run reads one instance's inputs while another instance's run writes;
/// the dashboards answer while survey responses come in.
actor SQLiteReaders {
    private var free: [SQLiteConnection]
    private var waiters: [CheckedContinuation<SQLiteConnection, Never>] = []
    nonisolated let all: [SQLiteConnection]

    private init(_ connections: [SQLiteConnection]) {
        free = connections
        all = connections
    }

    /// Opens `count` read-only connections to the database at `path`.
    static func open(path: String, count: Int, threadPool: NIOThreadPool, logger: Logger) async throws -> SQLiteReaders {
        var connections: [SQLiteConnection] = []
        do {
            for _ in 0..<count {
                let connection = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: threadPool, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
                connections.append(connection)
                let sql = connection.sql()
                for pragma in SQLitePragmas.statements(for: .reader) {
                    try await sql.raw(SQLQueryString(pragma)).run()
                }
            }
        } catch {
            for connection in connections { try? await connection.close().get() }
            throw error
        }
        return SQLiteReaders(connections)
    }

    /// Runs `body` on a free reader, waiting for one if all are busy.
    func run<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = await acquire()
        defer { release(connection) }
        return try await body(connection.sql())
    }

    private func acquire() async -> SQLiteConnection {
        if let connection = free.popLast() { return connection }
        return await withCheckedContinuation { waiters.append($0) }
    }

    private func release(_ connection: SQLiteConnection) {
        if waiters.isEmpty {
            free.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }
}
