import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
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
