import Foundation
import HTTPTypes
import MakegoodTestSupport
import Testing

/// The survey response and note routes, as a help desk would use them.
@Suite struct SurveyAPITests {
    /// A second response for a ticket replaces the first: `replaces` names it, the first is gone, its notes moved in order.
    @Test func duplicateReplacesFirst() async throws {
        try await APIHarness.run { api in
            _ = try await api.structure()
            let first = try await api.call(.post, "/survey-responses", body: APIHarness.response(["rating": 2]))
            let firstID = try #require(first.object["id"] as? String)
            #expect(first.status == .created && first.object["replaces"] == nil && first.object["needsRecovery"] as? Bool == true)
            for (text, spoke) in [("voicemail", false), ("spoke to them", true)] {
                let note = try await api.call(
                    .post, "/survey-responses/\(firstID)/notes", body: ["author": "Lee", "spokeToCustomer": spoke, "text": text])
                #expect(note.status == .created)
            }

            let second = try await api.call(
                .post, "/survey-responses", body: APIHarness.response(["rating": 8, "receivedAt": "2026-11-18T05:00:00Z"]))

            #expect(second.status == .created)
            #expect(second.object["replaces"] as? String == firstID)
            let secondID = try #require(second.object["id"] as? String)
            #expect(try await api.call(.get, "/survey-responses").items.map { $0["id"] as! String } == [secondID])
            #expect(try await api.call(.get, "/survey-responses/\(firstID)").status == .notFound)
            let notes = try await api.call(.get, "/survey-responses/\(secondID)/notes").items
            #expect(notes.map { $0["text"] as! String } == ["voicemail", "spoke to them"])
        }
    }

    /// An unknown group code is stored invalid with a problem naming field and code; creating the group makes it valid.
    @Test func unknownGroupIsInvalidUntilCreated() async throws {
        try await APIHarness.run { api in
            let lead = try await api.structure()
            let answer = try await api.call(.post, "/survey-responses", body: APIHarness.response(["supportGroupCode": "NEWTEAM"]))
            #expect(answer.status == .created && answer.object["status"] as? String == "invalid")
            let problem = try #require((answer.object["problems"] as? [[String: Any]])?.first)
            #expect(problem["field"] as? String == "supportGroupCode" && problem["value"] as? String == "NEWTEAM")
            #expect((problem["message"] as? String)?.contains("NEWTEAM") == true)
            let id = try #require(answer.object["id"] as? String)
            let invalid = try await api.call(.get, "/survey-responses?status=invalid")
            #expect(invalid.items.count == 1)

            _ = try await api.call(.put, "/support-groups/NEWTEAM", body: ["name": "New team", "lead": lead])

            let fixed = try await api.call(.get, "/survey-responses/\(id)")
            #expect(fixed.object["status"] as? String == "valid")
            #expect(fixed.object["validSince"] is String)
        }
    }

    /// A PATCH fixes codes; a reassign records who and when.
    @Test func patchAndReassign() async throws {
        try await APIHarness.run { api in
            let lead = try await api.structure()
            _ = try await api.call(.put, "/support-groups/OTHER", body: ["name": "Other", "lead": lead])
            let answer = try await api.call(.post, "/survey-responses", body: APIHarness.response(["segmentCode": "NOPE"]))
            let id = try #require(answer.object["id"] as? String)

            let patched = try await api.call(.patch, "/survey-responses/\(id)", body: ["segmentCode": "ENT"])
            #expect(patched.status == .ok && patched.object["status"] as? String == "valid")

            let moved = try await api.call(.post, "/survey-responses/\(id)/reassign", body: ["supportGroupCode": "OTHER"])
            #expect(moved.status == .ok && moved.object["supportGroupCode"] as? String == "OTHER")
            let reassignment = try #require((moved.object["reassignments"] as? [[String: Any]])?.first)
            #expect(reassignment["from"] as? String == "TEAM" && reassignment["to"] as? String == "OTHER")
            #expect((reassignment["by"] as? String)?.contains("api token") == true)
            let unknown = try await api.call(.post, "/survey-responses/\(id)/reassign", body: ["supportGroupCode": "GHOST"])
            #expect(unknown.status == .conflict && unknown.error?["code"] as? String == "unknown_reference")
            let malformed = try await api.call(.post, "/survey-responses/\(id)/reassign", body: ["supportGroupCode": "TWO WORDS"])
            #expect(malformed.status == .unprocessableContent)
        }
    }

    /// Notes can't be changed: PUT, PATCH and DELETE on a note or the notes list answer 404 or 405.
    @Test func notesCannotBeChanged() async throws {
        try await APIHarness.run { api in
            _ = try await api.structure()
            let id = try #require(try await api.call(.post, "/survey-responses", body: APIHarness.response()).object["id"] as? String)
            let note = try await api.call(.post, "/survey-responses/\(id)/notes", body: ["author": "Lee", "spokeToCustomer": false, "text": "hi"])
            let noteID = try #require(note.object["id"] as? String)
            for method in [HTTPRequest.Method.put, .patch, .delete] {
                for path in ["/survey-responses/\(id)/notes", "/survey-responses/\(id)/notes/\(noteID)", "/notes/\(noteID)"] {
                    let answer = try await api.call(method, path, body: ["author": "X", "spokeToCustomer": true, "text": "edited"])
                    #expect([.notFound, .methodNotAllowed].contains(answer.status), "\(method) \(path) → \(answer.status)")
                    #expect(answer.error != nil)
                }
            }
            let notes = try await api.call(.get, "/survey-responses/\(id)/notes").items
            #expect(notes.map { $0["text"] as! String } == ["hi"])
            let empty = try await api.call(.post, "/survey-responses/\(id)/notes", body: ["author": "  ", "spokeToCustomer": false, "text": "x"])
            #expect(empty.status == .unprocessableContent && empty.error?["field"] as? String == "author")
        }
    }

    /// Lists filter by local date, group and srn, and page with a cursor.
    @Test func listFiltersAndPages() async throws {
        try await APIHarness.run { api in
            let lead = try await api.structure()
            _ = try await api.call(.put, "/support-groups/OTHER", body: ["name": "Other", "lead": lead])
            // 2026-11-18T13:30Z is 2026-11-19 00:30 in Sydney.
            for (index, (at, group, rating)) in [
                ("2026-11-18T12:30:00Z", "TEAM", 2), ("2026-11-18T13:30:00Z", "TEAM", 9), ("2026-11-18T14:00:00Z", "OTHER", 5),
            ].enumerated() {
                _ = try await api.call(
                    .post, "/survey-responses",
                    body: APIHarness.response(["ticketId": "L\(index)", "receivedAt": at, "supportGroupCode": group, "rating": rating]))
            }
            let day = try await api.call(.get, "/survey-responses?from=2026-11-19&to=2026-11-19")
            #expect(Set(day.items.map { $0["ticketId"] as! String }) == ["L1", "L2"])
            let team = try await api.call(.get, "/survey-responses?rgid=TEAM&srn=r")
            #expect(team.items.map { $0["ticketId"] as! String } == ["L0"])
            let page = try await api.call(.get, "/survey-responses?limit=2")
            let next = try #require(page.object["next"] as? String)
            let rest = try await api.call(.get, "/survey-responses?limit=2&cursor=\(next)")
            #expect(page.items.count == 2 && rest.items.count == 1 && rest.object["next"] == nil)
            #expect(try await api.call(.get, "/survey-responses?limit=501").status == .badRequest)
            #expect(try await api.call(.get, "/survey-responses?from=2026-02-30").status == .badRequest)
            #expect(try await api.call(.get, "/survey-responses?cursor=garbage").status == .badRequest)
        }
    }

    /// Users: a generated password is shown once, and an email is a user only once.
    @Test func usersShowGeneratedPasswordOnce() async throws {
        try await APIHarness.run { api in
            let created = try await api.call(.post, "/users", body: ["email": "mia@example.com", "role": "member"])
            #expect(created.status == .created)
            #expect((created.object["password"] as? String)?.count == 20)
            let listed = try await api.call(.get, "/users")
            #expect(listed.items.count == 2 && !listed.text.contains("password"))
            #expect(try await api.call(.post, "/users", body: ["email": "MIA@example.com", "role": "admin"]).status == .conflict)
        }
    }
}
