import Foundation
import MakegoodDomain
import MakegoodTestSupport
import SQLKit
import Testing
@testable import MakegoodStore

/// The API's intake writes many requests' responses to a transaction; each request must still get what storing
/// its response alone would have given.
@Suite struct SurveyIntakeTests {
    static func submission(_ ticket: String?, rating: Int = 3, group: String = "TEAM") throws -> SurveySubmission {
        try SurveySubmission(
            ticketId: ticket, supportGroupCode: group, segmentCode: "ENT", customerName: "Cas Customer", customerEmail: "cas@example.com",
            agent: "Ann Agent", rating: try Rating(rating), factors: ["Speed"], comment: "ticket \(ticket ?? "none")", receivedAt: t0)
    }

    /// Twenty requests at once for two instances, a ticket id sent four times among them.
    @Test(arguments: TestDatabase.allCases)
    func requestsAtOnceGetTheirOwnResponsesAndDuplicatesReplaceInOrder(database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await Fixture.make(on: store, cpc: "acme")
            let other = try await Fixture.make(on: store, cpc: "other")
            let intake = SurveyIntake(store: store, now: { t0 })
            let receipts = try await withThrowingTaskGroup(of: (Int, ResponseReceipt).self) { group in
                for index in 0..<20 {
                    let fixture = index % 2 == 0 ? acme : other
                    let ticket = index % 2 == 0 && index % 6 == 0 ? "DUP" : "T\(index)"
                    let submission = try Self.submission(ticket, rating: index % 10 + 1, group: index == 4 ? "GHOST" : "TEAM")
                    group.addTask { (index, try await intake.store(submission, instance: fixture.instance.id)) }
                }
                return try await group.reduce(into: [Int: ResponseReceipt]()) { $0[$1.0] = $1.1 }
            }
            #expect(receipts.count == 20)
            for (index, receipt) in receipts {
                #expect(receipt.response.submission.rating.value == index % 10 + 1)
                #expect(receipt.response.isValid == (index != 4), "an unknown group makes a response invalid")
            }
            // DUP came four times to acme: each replaced the one before, whichever order they were written in.
            let duplicates = receipts.filter { $0.value.response.submission.ticketId == "DUP" }.map(\.value)
            #expect(duplicates.count == 4 && duplicates.filter { $0.replaced == nil }.count == 1)
            let current = try await acme.read { try await $0.responses.list(ResponseQuery(limit: 500)).items }.filter { $0.submission.ticketId == "DUP" }
            #expect(current.count == 1)
            #expect(Set(duplicates.compactMap(\.replaced)).count == 3 && !duplicates.compactMap(\.replaced).contains(current[0].id))
            // Each instance holds its own ten, and nothing of the other's.
            let acmeTickets = try await acme.read { try await $0.responses.list(ResponseQuery(limit: 500)).items.compactMap(\.submission.ticketId) }
            let otherTickets = try await other.read { try await $0.responses.list(ResponseQuery(limit: 500)).items.compactMap(\.submission.ticketId) }
            #expect(Set(acmeTickets) == ["DUP", "T2", "T4", "T8", "T10", "T14", "T16"] && acmeTickets.count == 7)
            #expect(otherTickets.count == 10 && otherTickets.allSatisfy { Int($0.dropFirst())! % 2 == 1 })
        }
    }

    /// A new response is answered from what was written, not read back: the answer must be what reading it gives,
    /// instants in the database's whole milliseconds included. One that replaced another is read back, with its notes.
    @Test(arguments: TestDatabase.allCases)
    func theAnswerIsWhatReadingTheResponseBackGives(database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await Fixture.make(on: store)
            let intake = SurveyIntake(store: store, now: { t0.addingTimeInterval(0.123_456) })
            var first = try Self.submission("R1")
            first.receivedAt = t0.addingTimeInterval(-3_600.987_654)
            let invalid = try Self.submission("R2", group: "GHOST")
            for submission in [first, invalid] {
                let receipt = try await intake.store(submission, instance: acme.instance.id)
                let read = try await acme.read { try await $0.responses.find(receipt.response.id) }
                #expect(receipt.response == read)
            }
            let firstID = try #require(try await acme.read { try await $0.responses.list(ResponseQuery(limit: 10)).items }.first { $0.submission.ticketId == "R1" }?.id)
            _ = try await acme.note(firstID, spoke: true, at: t0)
            let again = try await intake.store(try Self.submission("R1", rating: 2), instance: acme.instance.id)
            #expect(again.replaced == firstID && again.response.replaces == firstID && again.response.notes.count == 1)
            #expect(again.response == (try await acme.read { try await $0.responses.find(again.response.id) }))
        }
    }

    /// One item of a batch for an instance that is gone fails alone; the others are stored.
    @Test(arguments: TestDatabase.allCases)
    func anItemThatFailsFailsAlone(database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await Fixture.make(on: store)
            let items = [
                ResponseWriteItem(instance: acme.instance.id, submission: try Self.submission("A1")),
                ResponseWriteItem(instance: UUID(), submission: try Self.submission("B1")),
                ResponseWriteItem(instance: acme.instance.id, submission: try Self.submission("A2")),
            ]
            let results = try await store.storeResponses(items, now: t0)
            #expect(try results[0].get().response.submission.ticketId == "A1")
            #expect(throws: InstanceGone.self) { try results[1].get() }
            #expect(try results[2].get().response.submission.ticketId == "A2")
        }
    }

    /// A batch whose transaction fails is written again item by item: the item at fault fails alone, and no other is
    /// stored twice (the failed batch was rolled back). A trigger makes ticket BOOM fail.
    @Test(arguments: TestDatabase.allCases)
    func aBatchThatFailsIsWrittenItemByItemAndNothingTwice(database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await Fixture.make(on: store)
            let trigger: [String] = switch database {
            case .sqlite:
                ["CREATE TRIGGER boom BEFORE INSERT ON survey_responses WHEN NEW.ticket_id = 'BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END"]
            case .postgres:
                [
                    "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.ticket_id = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                    "CREATE TRIGGER boom BEFORE INSERT ON survey_responses FOR EACH ROW EXECUTE FUNCTION boom()",
                ]
            }
            for statement in trigger { try await store.database.withConnection { try await $0.raw(SQLQueryString(statement)).run() } }
            let items = try ["A1", "BOOM", nil, "A2", "A1"].map { ResponseWriteItem(instance: acme.instance.id, submission: try Self.submission($0)) }

            let results = await SurveyIntake.writeBatch(items, store: store, now: t0)

            #expect(results.map { (try? $0.get()) != nil } == [true, false, true, true, true])
            #expect(try results[4].get().replaced == results[0].get().response.id)
            let rows = try await store.database.withConnection { sql in
                try await sql.raw("SELECT ticket_id FROM survey_responses").all().map { try $0.decode(column: "ticket_id", as: String?.self) }
            }
            #expect(rows.sorted { ($0 ?? "") < ($1 ?? "") } == [nil, "A1", "A1", "A2"], "each stored once, A1 and its replacement")
        }
    }

    /// A ticket id that comes again in one batch replaces the response before it, in order, and takes over the notes
    /// of the one in the database; each answer is the response as stored, though a later one replaced it.
    @Test(arguments: TestDatabase.allCases)
    func aTicketSentAgainInOneBatchReplacesInOrder(database: TestDatabase) async throws {
        try await database.withStore { store in
            let acme = try await Fixture.make(on: store, cpc: "acme")
            let other = try await Fixture.make(on: store, cpc: "other")
            let earlier = try await store.storeResponses([ResponseWriteItem(instance: acme.instance.id, submission: try Self.submission("R1", rating: 1))], now: t0)[0].get()
            _ = try await acme.note(earlier.response.id, spoke: true, at: t0)
            let items = try [(acme, 2), (other, 3), (acme, 4), (acme, 5)].map {
                ResponseWriteItem(instance: $0.0.instance.id, submission: try Self.submission("R1", rating: $0.1))
            }

            let receipts = try await store.storeResponses(items, now: t0.addingTimeInterval(60)).map { try $0.get() }

            #expect(receipts.map(\.response.submission.rating.value) == [2, 3, 4, 5])
            #expect(receipts[0].replaced == earlier.response.id && receipts[1].replaced == nil)
            #expect(receipts[2].replaced == receipts[0].response.id && receipts[3].replaced == receipts[2].response.id)
            #expect([0, 2, 3].allSatisfy { receipts[$0].response.notes.count == 1 }, "the note passed down the line")
            let current = try await acme.read { try await $0.responses.list(ResponseQuery(limit: 10)).items }
            #expect(current.map(\.id) == [receipts[3].response.id])
            #expect(try await other.read { try await $0.responses.list(ResponseQuery(limit: 10)).items }.map(\.id) == [receipts[1].response.id])
        }
    }
}
