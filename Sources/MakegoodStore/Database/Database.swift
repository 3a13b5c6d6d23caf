public import Foundation
public import Logging
import PostgresKit
public import SQLKit
import NIOPosix
import SQLiteKit

/// The connection to SQLite or PostgreSQL, with the one way to run a transaction on either.
public final class Database: Sendable {
    /// Which SQL dialect is on the other end.
    public enum Kind: String, Sendable {
        case sqlite, postgres
    }

    public let kind: Kind
    public let url: DatabaseURL
    private let backend: Backend
    private let logger: Logger

    private enum Backend: Sendable {
        case sqlite(writer: SQLiteConnection, gate: AsyncGate, readers: SQLiteReaders, threads: NIOThreadPool, responses: SQLiteResponseWriter)
        case postgres(PostgresClient, Task<Void, Never>)
    }

    private init(kind: Kind, url: DatabaseURL, backend: Backend, logger: Logger) {
        self.kind = kind
        self.url = url
        self.backend = backend
        self.logger = logger
    }

    /// How many read-only connections a SQLite database gets besides its writer.
    static let readerCount = 2

    /// Opens the database a URL names; PostgreSQL gets a pool of `maxConnections`.
    public static func open(
        _ url: DatabaseURL, maxConnections: Int = 16, sqliteSynchronous: SQLitePragmas.Synchronous = .full, logger: Logger
    ) async throws -> Database {
        // The drivers log statements with their bound values at debug and trace: names, notes, links with their
        // signatures. Those never belong in a log, whatever MAKEGOOD_LOG_LEVEL says.
        var logger = logger
        logger.logLevel = max(logger.logLevel, .info)
        switch url {
        case .sqlite(let path):
            // SQLiteNIO runs every statement on a thread of this pool: one for the writer and one per reader, so a
            // read never waits for a thread behind a write.
            let threads = NIOThreadPool(numberOfThreads: 1 + readerCount)
            threads.start()
            do {
                let connection = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: threads, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
                let sql = connection.sql()
                // WAL lets readers (the read connections, the CLI beside a server) work while one writes.
                try await sql.raw("PRAGMA journal_mode = WAL").run()
                for pragma in SQLitePragmas.statements(for: .writer, synchronous: sqliteSynchronous) {
                    try await sql.raw(SQLQueryString(pragma)).run()
                }
                let readers = try await SQLiteReaders.open(path: path, count: readerCount, threadPool: threads, logger: logger)
                return Database(
                    kind: .sqlite, url: url,
                    backend: .sqlite(
                        writer: connection, gate: AsyncGate(), readers: readers, threads: threads, responses: SQLiteResponseWriter(path: path, synchronous: sqliteSynchronous)),
                    logger: logger)
            } catch {
                try? await threads.shutdownGracefully()
                throw error
            }
        case .postgres(let text):
            let configuration = try SQLPostgresConfiguration(url: text.replacingOccurrences(of: "postgresql://", with: "postgres://"))
            var clientConfiguration = PostgresClient.Configuration(configuration: configuration.coreConfiguration)
            clientConfiguration.options.maximumConnections = maxConnections
            // Makegood's queries are short; PostgreSQL's JIT compiler, on by default, spent 220 ms compiling the
            // SRP dashboard's query to save less than that (docs/scaling.md).
            clientConfiguration.options.additionalStartupParameters = [("jit", "off")]
            let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
            let runner = Task { await client.run() }
            let database = Database(kind: .postgres, url: url, backend: .postgres(client, runner), logger: logger)
            try await database.withConnection { try await $0.raw("SELECT 1").run() }
            return database
        }
    }

    /// Runs read-only work on one connection: on SQLite a reader, which sees the last commit and never waits for the
    /// writer; a write there fails.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(_, _, let readers, _, _):
            return try await readers.run(body)
        case .postgres:
            return try await withConnection(body)
        }
    }

    /// Runs `body` on one connection (outside a transaction); on SQLite the writer.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let connection, let gate, _, _, _):
            let sql = connection.sql()
            return try await gate.run { try await body(sql) }
        case .postgres(let client, _):
            return try await client.withConnection { connection in
                try await body(connection.sql())
            }
        }
    }

    /// On SQLite, runs blocking work with the response writer's own connection (SQLiteResponseWriter), on a thread of
    /// the database's pool, while no other write through this Database runs. Nil on PostgreSQL.
    func whileWritingSQLite<T: Sendable>(_ body: @escaping @Sendable (SQLiteResponseWriter) throws -> T) async throws -> T? {
        guard case .sqlite(_, let gate, _, let threads, let responses) = backend else { return nil }
        return try await gate.run { try await threads.runIfActive { try body(responses) } }
    }

    /// Runs `body` in one transaction: all of it is committed, or none of it.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // READ COMMITTED whatever the server's default: a statement after a lock (LoginAttemptRepository) must see
        // what the lock's holder committed, and nothing here retries serialization failures.
        let begin = kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN ISOLATION LEVEL READ COMMITTED"
        return try await withConnection { sql in
            try await sql.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Closes the connection or the pool.
    public func close() async {
        switch backend {
        case .sqlite(let connection, let gate, let readers, let threads, let responses):
            try? await gate.run { try await threads.runIfActive { responses.close() } }
            for reader in readers.all { try? await reader.close().get() }
            try? await connection.close().get()
            try? await threads.shutdownGracefully()
        case .postgres(_, let runner):
            runner.cancel()
            _ = await runner.value
        }
    }
}

extension PostgresClient.Configuration {
    /// The pool's configuration from the connection settings a URL gives.
    init(configuration: PostgresConnection.Configuration) {
        let tls: PostgresClient.Configuration.TLS =
            switch (configuration.tls.isEnforced, configuration.tls.isAllowed) {
            case (true, _): .require(configuration.tls.sslContext!.configuration)
            case (_, true): .prefer(configuration.tls.sslContext!.configuration)
            default: .disable
            }
        self.init(
            host: configuration.host ?? "127.0.0.1", port: configuration.port ?? 5432,
            username: configuration.username, password: configuration.password,
            database: configuration.database, tls: tls)
    }
}
