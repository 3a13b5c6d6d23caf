import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import SQLKit
import Testing

/// Bulk CSV import keeps good rows and names the bad ones by line.
@Suite struct CSVImportTests {
    @Test(arguments: TestDatabase.allCases)
    func badRowsAreReportedByLineAndGoodOnesKept(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            var lines = ["ticketId,supportGroupCode,segmentCode,customerName,agent,rating,factors,comment,receivedAt"]
            for index in 0..<300 {
                let rating = index == 17 ? "11" : index == 42 ? "seven" : "\((index % 10) + 1)"
                let received = index == 99 ? "yesterday" : "2026-11-18T0\(index % 10):00:00Z"
                lines.append("C-\(index),TEAM,ENT,\"Smith, Jo\",Ann,\(rating),Speed;Knowledge,\"said \"\"hi\"\"\",\(received)")
            }
            lines.append("C-multi,TEAM,ENT,Jo,Ann,3,,\"line one\nline two\",2026-11-18T01:00:00Z")
            lines.append("C-bad-after-multi,TEAM,ENT,Jo,Ann,0,,,2026-11-18T01:00:00Z")
            lines.append("C-extra,TEAM,ENT,Jo,Ann,3,,,2026-11-18T01:00:00Z,surplus")
            lines.append("")
            let csv = lines.joined(separator: "\n") + "\n"

            let summary = try await ResponseCSVImport.run(csv: csv, instanceID: fixture.instance.id, store: store, now: t0, batchSize: 50)

            #expect(summary.rows == 303)
            #expect(summary.imported == 298)
            // One row with a surplus field is refused on its own; the others are unaffected.
            #expect(summary.rejected.map(\.line) == [19, 44, 101, 304, 305])
            #expect(summary.rejected[0].message.contains("rating"))
            #expect(summary.rejected[2].message.contains("receivedAt"))
            let stored = try await fixture.read { try await $0.responses.list(ResponseQuery(limit: 500)).items }
            #expect(stored.count == 298)
            let sample = try #require(stored.first { $0.submission.ticketId == "C-5" })
            #expect(sample.submission.customerName == "Smith, Jo")
            #expect(sample.submission.comment == "said \"hi\"")
            #expect(sample.submission.factors == ["Speed", "Knowledge"])
        }
    }

    /// An unknown column is refused before anything is stored.
    @Test func unknownColumnIsRefused() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let fixture = try await Fixture.make(on: store)
            await #expect(throws: DomainError.self) {
                try await ResponseCSVImport.run(csv: "ticket,rating\nA,3\n", instanceID: fixture.instance.id, store: store, now: t0)
            }
        }
    }
}

/// An import keeps the API's rules for tickets sent again, whatever the batch size and the database.
@Suite struct CSVImportReplacementTests {
    static let header = "ticketId,supportGroupCode,segmentCode,customerName,rating,receivedAt\n"

    @Test(arguments: TestDatabase.allCases)
    func aTicketSentAgainReplacesItsCurrentResponseAndTakesOverItsNotes(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let earlier = try await fixture.submit(ticket: "T-1", rating: 2, at: t0.addingTimeInterval(-7_200))
            let note = try await fixture.note(earlier.response.id, spoke: true, at: t0.addingTimeInterval(-3_600))
            // T-1 is replaced twice (the second time by a row of the next batch), T-2 once inside one batch;
            // NOPE is an unknown group, stored as invalid.
            let csv = Self.header + [
                "T-1,TEAM,ENT,Jo,3,2026-11-18T01:00:00Z", "T-2,TEAM,ENT,Al,4,2026-11-18T01:00:00Z",
                "T-2,TEAM,ENT,Al,5,2026-11-18T01:05:00Z", "T-3,NOPE,ENT,Bo,1,2026-11-18T01:00:00Z",
                "T-1,TEAM,ENT,Jo,6,2026-11-18T02:00:00Z",
            ].joined(separator: "\n")

            let summary = try await ResponseCSVImport.run(csv: csv, instanceID: fixture.instance.id, store: store, now: t0, batchSize: 4)

            #expect(summary.rows == 5)
            #expect(summary.imported == 5)
            #expect(summary.replaced == 3)
            #expect(summary.invalid == 1)
            #expect(summary.rejected.isEmpty)
            let current = try await fixture.read { try await $0.responses.list(ResponseQuery(limit: 50)).items }
            #expect(current.compactMap(\.submission.ticketId).sorted() == ["T-1", "T-2", "T-3"])
            let t1 = try #require(current.first { $0.submission.ticketId == "T-1" })
            #expect(t1.submission.rating.value == 6)
            // The chain: the API's response, then the file's first T-1 (rating 3), then its last (rating 6).
            let chain = try await store.read { session in
                try await session.sql.raw(
                    "SELECT id, rating, replaces_id, superseded_by FROM survey_responses WHERE ticket_id = 'T-1' ORDER BY rating"
                ).all().map {
                    [try $0.decode(column: "id", as: String.self), try $0.decode(column: "replaces_id", as: String?.self),
                     try $0.decode(column: "superseded_by", as: String?.self)]
                }
            }
            let (first, middle, last) = (earlier.response.id.storageKey, try #require(t1.replaces).storageKey, t1.id.storageKey)
            #expect(chain == [[first, nil, middle], [middle, first, last], [last, middle, nil]])
            // The note written on the first response belongs to the last, with its first-note times.
            let notes = try await fixture.read { try await $0.notes.list(of: t1.id) }
            #expect(notes.map(\.id) == [note.id])
            let key = t1.id.storageKey
            let times = try await store.read { session in
                try await session.sql.raw("SELECT first_note_at, first_spoken_at FROM survey_responses WHERE id = \(bind: key)").first()
            }
            let noted = Instant.milliseconds(t0.addingTimeInterval(-3_600))
            #expect(try times?.decode(column: "first_note_at", as: Int64?.self) == noted)
            #expect(try times?.decode(column: "first_spoken_at", as: Int64?.self) == noted)
            #expect(current.first { $0.submission.ticketId == "T-2" }?.submission.rating.value == 5)
            #expect(current.first { $0.submission.ticketId == "T-3" }?.isValid == false)
        }
    }

    /// A file read from disk: a byte order mark, CRLF line ends, a field that is not UTF-8 and an unclosed quote at the
    /// end each cost only their own row.
    @Test(arguments: TestDatabase.allCases)
    func aFileFromDiskKeepsEveryGoodRow(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.header.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            for index in 0..<2_500 {
                bytes += Array("F-\(index),TEAM,ENT,\"Smith, Jo\",\(index % 10 + 1),2026-11-18T01:00:00Z\r\n".utf8)
            }
            bytes += Array("F-latin,TEAM,ENT,Caf".utf8) + [0xE9] + Array(",3,2026-11-18T01:00:00Z\r\n".utf8)
            bytes += Array("F-open,TEAM,ENT,\"never closed,3,2026-11-18T01:00:00Z\r\n".utf8)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }

            let summary = try await ResponseCSVImport.run(file: path, instanceID: fixture.instance.id, store: store, now: t0, batchSize: 1_000)

            #expect(summary.rows == 2_502)
            #expect(summary.imported == 2_500)
            #expect(summary.rejected.map(\.line) == [2_502, 2_503])
            #expect(summary.rejected[0].message.contains("customerName is not UTF-8"))
            #expect(summary.rejected[1].message.contains("never closed"))
            let stored = try await fixture.read { try await $0.responses.count(ResponseQuery()) }
            #expect(stored == 2_500)
        }
    }
}
