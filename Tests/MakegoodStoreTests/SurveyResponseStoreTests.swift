import Foundation
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import Testing

/// The rules of SPEC §1 for survey responses, on every database.
@Suite struct SurveyResponseStoreTests {
    /// A second response for a ticket id replaces the first: `replaces` names it, the first is gone, its notes move in order.
    @Test(arguments: TestDatabase.allCases)
    func duplicateReplacesAndTakesOverNotes(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let first = try await fixture.submit(ticket: "T-1", rating: 2, at: t0).response
            _ = try await fixture.note(first.id, spoke: false, text: "first call", at: t0.addingTimeInterval(60))
            _ = try await fixture.note(first.id, spoke: true, text: "second call", at: t0.addingTimeInterval(120))

            let second = try await fixture.submit(ticket: "T-1", rating: 4, at: t0.addingTimeInterval(3_600))

            #expect(second.replaced == first.id)
            #expect(second.response.replaces == first.id)
            let listed = try await fixture.read { try await $0.responses.list(ResponseQuery()).items.map(\.id) }
            #expect(listed == [second.response.id])
            #expect(try await fixture.read { try await $0.responses.find(first.id) } == nil)
            let notes = try await fixture.read { try await $0.notes.list(of: second.response.id) }
            #expect(notes.map(\.text) == ["first call", "second call"])
            #expect(second.response.notes.count == 2 && second.response.notes.spokenCount == 1)
        }
    }

    /// One call that stores a ticket id several times, one already in the database, replaces in order, across the
    /// 200-row statements too; the notes of the one in the database pass down the line.
    @Test(arguments: TestDatabase.allCases)
    func aTicketSeveralTimesInOneCallReplacesInOrder(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let first = try await fixture.submit(ticket: "T", rating: 1).response
            _ = try await fixture.note(first.id, spoke: true, at: t0)
            // T at 0, 1 and 204 of 205: the last in another INSERT statement than the others.
            let submissions = try (0..<205).map { index in
                try SurveySubmission(
                    ticketId: [0, 1, 204].contains(index) ? "T" : "U\(index)", supportGroupCode: "TEAM", segmentCode: "ENT",
                    customerName: nil, customerEmail: nil, agent: nil, rating: try Rating(index % 10 + 1), factors: [], comment: nil,
                    receivedAt: t0)
            }

            let items = submissions.map { ResponseWriteItem(instance: fixture.instance.id, submission: $0) }
            let stored = try await store.storeResponses(items, now: t0.addingTimeInterval(60)).map { try $0.get().response }

            #expect(stored[0].replaces == first.id && stored[1].replaces == stored[0].id && stored[204].replaces == stored[1].id)
            #expect(stored.indices.filter { stored[$0].replaces != nil } == [0, 1, 204])
            let current = try await fixture.read { try await $0.responses.list(ResponseQuery(limit: 500)).items }
            #expect(current.count == 203 && current.filter { $0.submission.ticketId == "T" }.map(\.id) == [stored[204].id])
            let last = try #require(current.first { $0.id == stored[204].id })
            #expect(last.replaces == stored[1].id && last.notes.count == 1)
            let all = try await fixture.read { try await $0.responses.find([first.id] + [0, 1, 204].map { stored[$0].id }, includingSuperseded: true) }
            #expect(all.count == 4 && Set(all.map(\.notes.count)) == [1])
        }
    }

    /// A response with an unknown group code is stored invalid, naming the field and the code; creating the group makes it valid.
    @Test(arguments: TestDatabase.allCases)
    func unknownGroupBecomesValidWhenGroupIsCreated(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let response = try await fixture.submit(ticket: "T-2", group: "NEW", at: t0).response
            #expect(!response.isValid)
            #expect(response.problems == [ResponseProblem(field: "supportGroupCode", code: .unknown, value: "NEW")])
            #expect(response.validSince == nil)

            let later = t0.addingTimeInterval(7_200)
            let lead = fixture.lead.id
            _ = try await fixture.write {
                try await $0.supportGroups.put(
                    try SupportGroup(code: "NEW", name: "New team", department: nil, lead: lead, alsoAlerts: []), now: later)
            }

            let fixed = try #require(try await fixture.read { try await $0.responses.find(response.id) })
            #expect(fixed.isValid)
            #expect(fixed.validSince == later)
        }
    }

    /// A PATCH of the segment code makes an invalid response valid and records when.
    @Test(arguments: TestDatabase.allCases)
    func patchFixesSegmentCode(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let response = try await fixture.submit(ticket: "T-3", segment: nil, at: t0).response
            #expect(response.problems.map(\.field) == ["segmentCode"])
            let later = t0.addingTimeInterval(60)

            let fixed = try await fixture.write {
                try await $0.responses.patch(
                    response.id, with: try ResponseFix(ticketId: nil, supportGroupCode: nil, segmentCode: .some("ENT")), now: later)
            }

            #expect(fixed.isValid && fixed.validSince == later)
        }
    }

    /// A missing ticket id makes a response invalid, and it is never treated as a duplicate.
    @Test(arguments: TestDatabase.allCases)
    func missingTicketIdIsInvalidNotDuplicate(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            let a = try await fixture.submit(ticket: nil, at: t0)
            let b = try await fixture.submit(ticket: nil, at: t0)
            #expect(a.response.problems.map(\.field) == ["ticketId"])
            #expect(b.replaced == nil)
            #expect(try await fixture.read { try await $0.responses.list(ResponseQuery()).items.count } == 2)
        }
    }

    /// Reassigning records who moved the response, from where, to where and when.
    @Test(arguments: TestDatabase.allCases)
    func reassignRecordsWhoAndWhen(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store, groups: ["TEAM", "OTHER"])
            let response = try await fixture.submit(ticket: "T-4", at: t0).response
            let later = t0.addingTimeInterval(600)

            let moved = try await fixture.write { try await $0.responses.reassign(response.id, to: "OTHER", by: "admin@acme", now: later) }

            #expect(moved.submission.supportGroupCode == "OTHER")
            #expect(moved.reassignments == [Reassignment(from: "TEAM", to: "OTHER", by: "admin@acme", at: later)])
            await #expect(throws: DomainError.self) {
                try await fixture.write { try await $0.responses.reassign(response.id, to: "NOPE", by: "x", now: later) }
            }
        }
    }

    /// A PATCH to a ticket id that another current response holds is a conflict.
    @Test(arguments: TestDatabase.allCases)
    func patchToTakenTicketIsConflict(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            try await fixture.submit(ticket: "A", at: t0)
            let b = try await fixture.submit(ticket: "B", at: t0).response
            let error = await #expect(throws: DomainError.self) {
                try await fixture.write { try await $0.responses.patch(
                    b.id, with: try ResponseFix(ticketId: .some("A"), supportGroupCode: nil, segmentCode: nil), now: t0) }
            }
            #expect(error?.kind == .conflict)
        }
    }

    /// Pages follow each other newest first with no response twice and none missed.
    @Test(arguments: TestDatabase.allCases)
    func cursorPaginationWalksEverything(database: TestDatabase) async throws {
        try await database.withStore { store in
            let fixture = try await Fixture.make(on: store)
            for index in 0..<7 {
                // Two share each instant, so the id breaks ties.
                try await fixture.submit(ticket: "P\(index)", at: t0.addingTimeInterval(Double(index / 2) * 60))
            }
            var seen: [UUID] = []
            var cursor: PageCursor?
            repeat {
                let query = ResponseQuery(limit: 3, after: cursor)
                let page = try await fixture.read { try await $0.responses.list(query) }
                seen += page.items.map(\.id)
                cursor = page.next
            } while cursor != nil
            #expect(seen.count == 7 && Set(seen).count == 7)
            let times = try await fixture.read { try await $0.responses.list(ResponseQuery()).items.map(\.submission.receivedAt) }
            #expect(times == times.sorted(by: >))
        }
    }
}
