import Foundation
import HTTPTypes
import Hummingbird
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
@testable import MakegoodWeb
import Testing

/// No instance ever sees or changes another's data, on any route, including routes added later.
@Suite struct IsolationTests {
    @Test(arguments: TestDatabase.allCases)
    func everyRouteRefusesAnotherInstancesRecords(database: TestDatabase) async throws {
        try await APIHarness.run(on: database) { api in
            // Instance A's records, in every kind a route can name.
            let lead = try await api.structure()
            let response = try await api.call(.post, "/survey-responses", body: APIHarness.response())
            let responseID = try #require(response.object["id"] as? String)
            _ = try await api.call(
                .post, "/survey-responses/\(responseID)/notes", body: ["author": "Lee", "spokeToCustomer": true, "text": "called"])
            // Alerted, so it is also a recovery case, whose id is the response's: `/cases/{id}` names A's case too.
            let instance = try #require(try await api.store.read { try await $0.instances.find(cpc: "alpha") })
            try await api.store.write {
                try await $0.scoped(to: instance.id).responses.markAlerted(
                    [UUID(uuidString: responseID)!], run: "run-1", at: APIHarness.now, targetHours: 24)
            }
            #expect(try await api.call(.get, "/cases/\(responseID)").status == .ok)
            let ids = ["id": responseID, "contact": lead, "code": "TEAM"]
            let secrets = [lead, responseID, "lee@example.com", "slow", "Enterprise"]
            let before = try await snapshot(api)

            let routes = try buildRouter(store: api.store, site: APIHarness.site).routes.filter { "\($0.path)".hasPrefix("/api/v1") }
            #expect(routes.count >= 20, "the walk sees the API's routes")
            for route in routes {
                let path = fill(String(describing: route.path), ids: ids)
                let answer = try await api.call(route.method, String(path.dropFirst("/api/v1".count)), as: api.b, body: plausibleBody(for: path, lead: lead))
                let named = "\(route.method) \(route.path)"
                if String(describing: route.path).contains(where: { $0 == "{" || $0 == ":" }) {
                    if route.method == .put, !path.contains(responseID), !path.contains(lead) {
                        // PUT by code creates B's own record of that code: allowed, and A's stays as it was.
                        #expect(answer.status.code < 500, "\(named) → \(answer.status)")
                    } else {
                        #expect(answer.status == .notFound, "\(named) with A's id answered \(answer.status) to B: \(answer.text)")
                    }
                } else if route.method == .get {
                    for secret in secrets { #expect(!answer.text.contains(secret), "\(named) showed A's \(secret) to B") }
                }
            }
            #expect(try await snapshot(api) == before, "A's data is unchanged")
        }
    }

    /// Everything A can read about itself, as text, to compare before and after.
    private func snapshot(_ api: APIHarness) async throws -> [String] {
        var texts: [String] = []
        for path in ["/preferences", "/contacts", "/segments", "/support-groups", "/survey-responses", "/users", "/performance", "/cases"] {
            texts.append(try await api.call(.get, path).text)
        }
        let responses = try await api.call(.get, "/survey-responses").items
        for response in responses {
            texts.append(try await api.call(.get, "/survey-responses/\(response["id"] as! String)/notes").text)
            texts.append(try await api.call(.get, "/cases/\(response["id"] as! String)").text)
        }
        return texts
    }

    /// A route's path with A's ids in its parameters (`{id}` or `:id`).
    private func fill(_ path: String, ids: [String: String]) -> String {
        let segments = path.split(separator: "/").map { segment -> String in
            let name = segment.trimmingCharacters(in: CharacterSet(charactersIn: "{}:"))
            guard segment.hasPrefix("{") || segment.hasPrefix(":") else { return String(segment) }
            if path.contains("contacts") { return ids["contact"]! }
            return ids[name] ?? ids["id"]!
        }
        return "/" + segments.joined(separator: "/")
    }

    /// A body the route would accept from A, so only the instance differs.
    private func plausibleBody(for path: String, lead: String) -> [String: Any]? {
        if path.hasSuffix("/notes") { return ["author": "Mallory", "spokeToCustomer": true, "text": "not yours"] }
        if path.hasSuffix("/reassign") { return ["supportGroupCode": "TEAM"] }
        if path.contains("/cases/") {
            return ["resolution": "recovered", "note": ["author": "Mallory", "spokeToCustomer": true, "text": "not yours"]]
        }
        if path.contains("/contacts") { return ["name": "Mallory", "email": "m@example.com", "mobile": "+61400000000"] }
        if path.contains("/segments") { return ["name": "Mallory's"] }
        if path.contains("/support-groups") { return ["name": "Mallory's", "lead": lead] }
        if path.contains("/survey-responses/") { return ["supportGroupCode": "TEAM"] }
        if path.hasSuffix("/survey-responses") { return APIHarness.response(["ticketId": "B-1"]) }
        if path.hasSuffix("/users") { return ["email": "m@example.com", "role": "admin"] }
        if path.hasSuffix("/preferences") { return ["threshold": 2] }
        return nil
    }
}
