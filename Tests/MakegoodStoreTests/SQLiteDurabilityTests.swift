import Foundation
import MakegoodTestSupport
import SQLKit
import Testing
@testable import MakegoodStore

/// On SQLite, what is answered as stored is on disk: every connection that writes runs `synchronous = FULL` (2).
@Suite struct SQLiteDurabilityTests {
    @Test("the database's writer, the intake's connection and the import's connection run synchronous = FULL")
    func everyWriterSyncsEachCommit() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            try await Migrator.migrate(database, logger: TestDatabase.logger)
            let writer = try await database.transaction { sql in
                try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
            }
            #expect(writer == 2)
            let journal = try await database.transaction { sql in
                try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            }
            #expect(journal == "wal")
            let intake = try await database.whileWritingSQLite { try $0.pragma("synchronous") }
            #expect(intake == 2)
            guard case .sqlite(let path) = database.url else { Issue.record("not SQLite"); return }
            let importer = try SQLiteResponseWriter(path: path, instanceID: UUID(), now: Date(timeIntervalSince1970: 1_795_000_000))
            #expect(try importer.pragma("synchronous") == 2)
        }
    }
}
