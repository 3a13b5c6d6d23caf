public import Foundation
public import Logging
public import MakegoodStore
import SQLKit
public import Testing

/// Test support, linked only into the test targets.
///
/// The databases every store test runs against; PostgreSQL is required, never skipped.
public enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    public var testDescription: String { rawValue == "sqlite" ? "SQLite" : "PostgreSQL" }

    public static let logger: Logger = {
        var logger = Logger(label: "makegood-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` on a new, migrated, empty database of this kind, and throws it away afterwards.
    public func withStore(_ body: (Store) async throws -> Void) async throws {
        try await withDatabase { database in
            try await Migrator.migrate(database, logger: Self.logger)
            try await body(Store(database: database))
        }
    }

    /// Runs `body` on a new database of this kind with no schema at all (for migration tests), and throws it away.
    public func withDatabase(_ body: (Database) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("makegood-\(UUID().uuidString).sqlite").path
            let database = try await Database.open(.sqlite(path: path), logger: Self.logger)
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            do {
                try await body(database)
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        case .postgres:
            guard let admin = ProcessInfo.processInfo.environment["MAKEGOOD_TEST_POSTGRES_URL"], !admin.isEmpty else {
                throw TestDatabaseError(
                    "MAKEGOOD_TEST_POSTGRES_URL is not set: store tests need a PostgreSQL server (make test starts one)")
            }
            let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await Self.adminExecute("CREATE DATABASE \(name)", adminURL: admin)
            var parts = URLComponents(string: admin)!
            parts.path = "/" + name
            let database = try await Database.open(.postgres(url: parts.string!), maxConnections: 4, logger: Self.logger)
            do {
                try await body(database)
            } catch {
                await database.close()
                try? await Self.adminExecute("DROP DATABASE \(name)", adminURL: admin)
                throw error
            }
            await database.close()
            try await Self.adminExecute("DROP DATABASE \(name) WITH (FORCE)", adminURL: admin)
        }
    }

    private static func adminExecute(_ statement: String, adminURL: String) async throws {
        let database = try await Database.open(.postgres(url: adminURL), maxConnections: 1, logger: logger)
        do {
            try await database.withConnection { try await $0.raw(SQLQueryString(statement)).run() }
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}

public struct TestDatabaseError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
