import Foundation
import HTTPTypes
import MakegoodStore
import HummingbirdTesting
import MakegoodTestSupport
import Testing

/// Bad input gets a 4xx in the error shape, says what is wrong, and stores nothing.
@Suite struct APIValidationTests {
    /// Survey bodies the API must refuse, with the status and the field at fault.
    static let badResponses: [(String, String, HTTPResponse.Status, String?)] = [
        ("malformed JSON", "{\"ticketId\": ", .badRequest, nil),
        ("rating 0", json(APIHarness.response(["rating": 0])), .unprocessableContent, "rating"),
        ("rating 11", json(APIHarness.response(["rating": 11])), .unprocessableContent, "rating"),
        ("rating 7.5", json(APIHarness.response(["rating": 7.5])), .badRequest, nil),
        ("rating \"7\"", json(APIHarness.response(["rating": "7"])), .badRequest, "rating"),
        ("verbatim over 10,000", json(APIHarness.response(["comment": String(repeating: "é", count: 10_001)])), .unprocessableContent, "comment"),
        ("bad receivedAt", json(APIHarness.response(["receivedAt": "yesterday"])), .badRequest, nil),
        ("body over 1 MiB", json(APIHarness.response(["comment": String(repeating: "x", count: 1_100_000)])), .contentTooLarge, nil),
    ]

    @Test("bad survey responses are refused with the error shape and nothing is stored", arguments: 0..<badResponses.count)
    func badSurveyResponse(index: Int) async throws {
        let (name, raw, status, field) = Self.badResponses[index]
        try await APIHarness.run { api in
            _ = try await api.structure()

            let answer = try await api.call(.post, "/survey-responses", rawBody: raw)

            #expect(answer.status == status, "\(name): \(answer.text)")
            let error = try #require(answer.error, "\(name) has the error shape")
            #expect((error["message"] as? String)?.isEmpty == false)
            #expect(error["code"] is String)
            if let field { #expect(error["field"] as? String == field, "\(name)") }
            let list = try await api.call(.get, "/survey-responses")
            #expect(list.items.isEmpty, "\(name) stored nothing")
        }
    }

    /// Preferences outside their ranges are refused and the preferences stay as they were.
    @Test(arguments: [
        ["threshold": 0], ["threshold": 10], ["alertTime": "05:59"], ["alertTime": "18:01"], ["alertTime": "9am"],
        ["timezone": "Mars/Olympus"], ["timezone": "EST5EDT6"], ["targetHours": 0], ["ticketUrlPrefix": "ftp://x"],
    ] as [[String: any Sendable]])
    func badPreferences(update: [String: any Sendable]) async throws {
        try await APIHarness.run { api in
            let before = try await api.call(.get, "/preferences").text

            let answer = try await api.call(.put, "/preferences", body: update)

            #expect(answer.status == .unprocessableContent, "\(update): \(answer.text)")
            #expect(answer.error?["field"] as? String == update.keys.first)
            #expect(try await api.call(.get, "/preferences").text == before)
        }
    }

    /// Good preferences are saved; the edges of the ranges are allowed.
    @Test func preferencesEdgesAreAccepted() async throws {
        try await APIHarness.run { api in
            let answer = try await api.call(
                .put, "/preferences",
                body: ["threshold": 9, "alertTime": "18:00", "timezone": "America/New_York", "weekendAlerts": false, "targetHours": 1])
            #expect(answer.status == .ok)
            #expect(answer.object["alertTime"] as? String == "18:00")
            #expect(answer.object["weekendAlerts"] as? Bool == false)
        }
    }

    /// Contacts, groups and deletions that break a rule are refused with the right status.
    @Test func structureRulesAreEnforced() async throws {
        try await APIHarness.run { api in
            let badMobile = try await api.call(.post, "/contacts", body: ["name": "X", "email": "x@example.com", "mobile": "0412 345 678"])
            #expect(badMobile.status == .unprocessableContent && badMobile.error?["field"] as? String == "mobile")

            let strangerLead = try await api.contact(as: api.b)
            let foreignLead = try await api.call(.put, "/support-groups/G", body: ["name": "G", "lead": strangerLead])
            #expect(foreignLead.status == .conflict && foreignLead.error?["field"] as? String == "lead")
            #expect(foreignLead.error?["code"] as? String == "unknown_reference")

            let lead = try await api.structure()
            var also: [[String: Any]] = []
            for index in 0..<7 { also.append(["contact": try await api.contact("Also \(index)"), "access": "dashboard"]) }
            let seventh = try await api.call(.put, "/support-groups/BIG", body: ["name": "Big", "lead": lead, "alsoAlerts": also])
            #expect(seventh.status == .unprocessableContent)
            #expect((seventh.error?["message"] as? String)?.contains("at most 6") == true)
            let six = try await api.call(.put, "/support-groups/BIG", body: ["name": "Big", "lead": lead, "alsoAlerts": Array(also.prefix(6))])
            #expect(six.status == .created)

            _ = try await api.call(.put, "/support-groups/SUB", body: ["name": "Sub", "lead": lead, "department": "TEAM"])
            let cycle = try await api.call(.put, "/support-groups/TEAM", body: ["name": "Team", "lead": lead, "department": "SUB"])
            #expect(cycle.status == .conflict && cycle.error?["field"] as? String == "department")

            let deleteLead = try await api.call(.delete, "/contacts/\(lead)")
            #expect(deleteLead.status == .conflict && deleteLead.error != nil)
            #expect(try await api.call(.get, "/contacts/\(lead)").status == .ok)
        }
    }

    /// Without a valid token every API route is a 401 in the error shape.
    @Test func missingOrWrongTokenIs401() async throws {
        try await APIHarness.run { api in
            for authorization in ["", "Bearer nope", "Bearer mg_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "Basic Zm9vOmJhcg=="] {
                var headers = HTTPFields()
                headers[.authorization] = authorization
                let answer = try await api.call(.get, "/contacts", headers: headers)
                #expect(answer.status == .unauthorized && answer.error?["code"] as? String == "unauthorized")
            }
            // HTTP Basic with cpc:apiToken works, but only with the token's own cpc.
            var basic = HTTPFields()
            basic[.authorization] = "Basic " + Data("alpha:\(api.a.apiToken)".utf8).base64EncodedString()
            #expect(try await api.call(.get, "/contacts", headers: basic).status == .ok)
            basic[.authorization] = "Basic " + Data("bravo:\(api.a.apiToken)".utf8).base64EncodedString()
            #expect(try await api.call(.get, "/contacts", headers: basic).status == .unauthorized)
        }
    }
}

/// A JSON body as text.
func json(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

/// Input that databases choke on, and paths the router forgives, still get a clear 4xx.
@Suite struct APIHostileInputTests {
    /// A NUL or other control character in free text is refused (PostgreSQL can't store NUL), on both databases.
    @Test(arguments: TestDatabase.allCases)
    func controlCharactersAreRefused(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            _ = try await api.structure()
            for (field, body) in [
                ("comment", APIHarness.response(["comment": "bad\u{0}byte"])),
                ("agent", APIHarness.response(["agent": "Ann\u{7}"])),
            ] {
                let answer = try await api.call(.post, "/survey-responses", body: body)
                #expect(answer.status == .unprocessableContent && answer.error?["field"] as? String == field, "\(answer.text)")
            }
            let contact = try await api.call(.post, "/contacts", body: ["name": "Lee\u{0}", "email": "lee@example.com", "mobile": "+61412345678"])
            #expect(contact.status == .unprocessableContent)
            #expect(try await api.call(.get, "/survey-responses").items.isEmpty)
        }
    }

    /// Doubled slashes reach the same routes, so they get the same authentication and error shape.
    @Test func doubledSlashesAreStillTheAPI() async throws {
        try await APIHarness.run { api in
            let response = try await api.client.execute(uri: "//api/v1/contacts", method: .get)
            #expect(response.status == .unauthorized)
        }
    }

    /// A receipt time in the future is refused; one a few minutes ahead (clock skew) is not.
    @Test func futureReceiptIsRefused() async throws {
        try await APIHarness.run { api in
            _ = try await api.structure()
            let future = try await api.call(.post, "/survey-responses", body: APIHarness.response(["receivedAt": "2027-01-01T00:00:00Z"]))
            #expect(future.status == .unprocessableContent && future.error?["field"] as? String == "receivedAt")
        }
    }
}
