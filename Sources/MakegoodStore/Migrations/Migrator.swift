public import Foundation
public import Logging
public import SQLKit

/// Brings the schema up to date; safe to run from several processes at once.
public enum Migrator {
    /// Applies every migration not yet recorded; returns the versions applied.
    @discardableResult
    public static func migrate(_ database: Database, migrations: [Migration] = Migration.all, logger: Logger) async throws -> [Int] {
        try await database.transaction { sql in
            // Serialises concurrent migrators: PostgreSQL by an advisory lock held to the commit,
            // SQLite by the write lock BEGIN IMMEDIATE already holds.
            if database.kind == .postgres {
                try await sql.raw("SELECT pg_advisory_xact_lock(7406524)").run()
            }
            try await sql.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """
            ).run()
            let applied = Set(
                try await sql.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
            var done: [Int] = []
            for migration in migrations where !applied.contains(migration.version) {
                logger.info("applying migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                try await migration.apply(sql, database.kind)
                try await sql.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Instant.milliseconds(Date())))"
                ).run()
                done.append(migration.version)
            }
            return done
        }
    }
}
