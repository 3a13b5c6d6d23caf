import Foundation
import MakegoodTestSupport
import SQLKit
import Testing
@testable import MakegoodStore

/// On SQLite, what is answered as stored is on disk: every connection that writes runs `synchronous = FULL` (2).
@Suite struct SQLiteDurabilityTests {
    @Test("the database's writer and the response writer's connection (API intake, import, demo) run synchronous = FULL")
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
            let responses = try await database.whileWritingSQLite { try $0.pragma("synchronous") }
            #expect(responses == 2)
        }
    }

    @Test("MAKEGOOD_SQLITE_SYNCHRONOUS=normal, for make bench, reaches both writing connections")
    func normalIsForMeasuring() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("normal-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try await Database.open(.sqlite(path: path), sqliteSynchronous: .normal, logger: TestDatabase.logger)
        try await Migrator.migrate(database, logger: TestDatabase.logger)
        let writer = try await database.transaction { sql in
            try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
        }
        let responses = try await database.whileWritingSQLite { try $0.pragma("synchronous") }
        await database.close()
        #expect(writer == 1 && responses == 1)
    }
}
