import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import SQLKit
import Testing

/// Service Recovery Notes are append-only, whatever touches the database.
@Suite struct NoteStoreTests {
    /// The database itself refuses UPDATE and DELETE on a note.
    @Test(arguments: TestDatabase.allCases)
    func databaseRefusesChangingNotes(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let response = try await fixture.submit(ticket: "N-1", at: t0).response
            let note = try await fixture.note(response.id, spoke: true, text: "spoke", at: t0)

            await #expect(throws: (any Error).self) {
                try await store.write { try await $0.sql.raw("UPDATE notes SET text = 'edited' WHERE id = \(bind: note.id.storageKey)").run() }
            }
            await #expect(throws: (any Error).self) {
                try await store.write { try await $0.sql.raw("DELETE FROM notes WHERE id = \(bind: note.id.storageKey)").run() }
            }
            let notes = try await fixture.read { try await $0.notes.list(of: response.id) }
            #expect(notes.map(\.text) == ["spoke"])
        }
    }

    /// Notes list oldest first, by when they were written.
    @Test(arguments: TestDatabase.allCases)
    func notesListOldestFirst(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let response = try await fixture.submit(ticket: "N-2", at: t0).response
            _ = try await fixture.note(response.id, spoke: false, text: "later", at: t0.addingTimeInterval(600))
            _ = try await fixture.note(response.id, spoke: false, text: "earlier (imported)", at: t0.addingTimeInterval(60))
            let notes = try await fixture.read { try await $0.notes.list(of: response.id) }
            #expect(notes.map(\.text) == ["earlier (imported)", "later"])
        }
    }

    /// The repository has no way to change a note: its only writer is `append`.
    @Test func repositoryOffersOnlyAppend() throws {
        let source = try String(contentsOf: sourceFile("Sources/MakegoodStore/Repositories/NoteRepository.swift"), encoding: .utf8)
        let functions = source.split(separator: "\n").filter { $0.contains("func ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(functions.filter { $0.contains("func append(") }.count == 1)
        #expect(functions.allSatisfy { $0.contains("func append(") || $0.contains("func list(") || $0.contains("func decode(") })
        let sqlWriters = try allStoreSources().filter {
            let upper = $0.uppercased()
            return upper.contains("UPDATE NOTES") || upper.contains("DELETE FROM NOTES")
        }
        #expect(sqlWriters.isEmpty)
    }
}

/// A file of the package, found from this test file's path.
func sourceFile(_ relative: String, from file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relative)
}

/// The text of every Swift file under Sources/.
func allStoreSources() throws -> [String] {
    let root = sourceFile("Sources")
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
    return try files.filter { $0.pathExtension == "swift" }.map { try String(contentsOf: $0, encoding: .utf8) }
}
