import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MakegoodDomain
import MakegoodStore
import MakegoodTestSupport
import NIOCore
import Testing
@testable import MakegoodWeb

/// `SurveyIntakeRoute` takes the common survey response past the OpenAPI runtime; it must answer exactly as the
/// generated route does, and leave everything else to it.
@Suite struct SurveyIntakeRouteTests {
    /// Requests in order: a replacement, bodies the domain refuses, bodies that don't decode, other content types.
    static let requests: [(name: String, body: String, headers: HTTPFields)] = {
        let json = ["Content-Type": "application/json"]
        func body(_ overrides: [String: Any]) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: APIHarness.response(overrides), options: .sortedKeys), as: UTF8.self)
        }
        func fields(_ pairs: [String: String]) -> HTTPFields {
            var fields = HTTPFields()
            for (name, value) in pairs { fields[HTTPField.Name(name)!] = value }
            return fields
        }
        return [
            ("valid", body([:]), fields(json)),
            ("the same ticket again", body(["rating": 9]), fields(json)),
            ("only a rating", #"{"rating":2}"#, fields(json)),
            ("unknown group", body(["ticketId": "T-2", "supportGroupCode": "GHOST"]), fields(json)),
            ("fractional seconds", body(["ticketId": "T-3", "receivedAt": "2026-11-18T01:00:00.123456Z"]), fields(json)),
            ("an offset", body(["ticketId": "T-4", "receivedAt": "2026-11-18T12:00:00+11:00"]), fields(json)),
            ("text to escape", body(["ticketId": "T-5", "comment": "é \"quoted\" </script> \n 😀 \\ \u{7}"]), fields(json)),
            ("nulls", body(["ticketId": "T-6", "comment": NSNull(), "factors": NSNull(), "agent": NSNull()]), fields(json)),
            ("an unknown field", body(["ticketId": "T-7", "mood": "grumpy"]), fields(json)),
            ("rating 0", body(["ticketId": "T-8", "rating": 0]), fields(json)),
            ("received in the future", body(["ticketId": "T-9", "receivedAt": "2027-01-01T00:00:00Z"]), fields(json)),
            ("rating as text", body(["ticketId": "T-10", "rating": "7"]), fields(json)),
            ("malformed JSON", #"{"ticketId": "#, fields(json)),
            ("a JSON array", "[]", fields(json)),
            ("charset", body(["ticketId": "T-11"]), fields(["Content-Type": "application/json; charset=utf-8"])),
            ("text/plain", body(["ticketId": "T-12"]), fields(["Content-Type": "text/plain"])),
            ("no content type", body(["ticketId": "T-13"]), fields([:])),
            ("accepts JSON", body(["ticketId": "T-14"]), fields(json.merging(["Accept": "application/json"]) { $1 })),
            ("accepts only HTML", body(["ticketId": "T-15"]), fields(json.merging(["Accept": "text/html"]) { $1 })),
        ]
    }()

    /// Status, header fields and body of each answer, ids replaced by their order of appearance.
    static func answers(fastIntake: Bool, database: TestDatabase) async throws -> [String] {
        let collected = Collected()
        try await APIHarness.run(on: database, fastIntake: fastIntake) { api in
            _ = try await api.structure()
            var ids: [String: String] = [:]
            for request in requests {
                var headers = request.headers
                headers[.authorization] = "Bearer \(api.a.apiToken)"
                let response = try await api.client.execute(
                    uri: "/api/v1/survey-responses", method: .post, headers: headers, body: ByteBuffer(string: request.body))
                var text = String(buffer: response.body)
                for match in text.matches(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) {
                    let id = String(match.output)
                    if ids[id] == nil { ids[id] = "id-\(ids.count)" }
                    text = text.replacingOccurrences(of: id, with: ids[id]!)
                }
                let fields = response.headers.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: " ")
                await collected.add("\(request.name): \(response.status.code) [\(fields)] \(text)")
            }
        }
        return await collected.lines
    }

    actor Collected {
        var lines: [String] = []
        func add(_ line: String) { lines.append(line) }
    }

    @Test(arguments: TestDatabase.allCases)
    func bothRoutesAnswerAlike(database: TestDatabase) async throws {
        let fast = try await Self.answers(fastIntake: true, database: database)
        let generated = try await Self.answers(fastIntake: false, database: database)
        #expect(fast.count == Self.requests.count)
        for (fast, generated) in zip(fast, generated) {
            #expect(fast == generated)
        }
        // The cases are what they say: some stored, some refused by the domain, some never decoded.
        #expect(fast.filter { $0.contains(": 201 ") }.count >= 10)
        #expect(fast.contains { $0.hasPrefix("rating 0: 422") } && fast.contains { $0.hasPrefix("malformed JSON: 400") })
    }

    /// The common request is answered by the route itself; anything else goes on to what follows it (here a
    /// stand-in for the generated route that answers 418).
    @Test func onlyTheCommonCaseIsTakenPastTheGeneratedRoute() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let credentials = try await InstanceProvisioning.create(
                cpc: "alpha", name: "Alpha", timezone: "UTC", adminEmail: nil, store: store, now: APIHarness.now)
            let instance = try #require(try await store.read { try await $0.instances.find(cpc: "alpha") })
            let router = Router(context: AppRequestContext.self)
            router.add(middleware: PrincipalMiddleware(principal: APIPrincipal(instanceID: instance.id, actor: "test")))
            router.add(middleware: SurveyIntakeRoute(api: MakegoodAPI(store: store, now: { APIHarness.now })))
            router.post("/api/v1/survey-responses") { _, _ in HTTPResponse.Status(code: 418) }
            _ = credentials
            try await Application(router: router).test(.router) { client in
                func post(_ body: String, _ contentType: String?, accept: String? = nil) async throws -> Int {
                    var headers = HTTPFields()
                    if let contentType { headers[.contentType] = contentType }
                    if let accept { headers[.accept] = accept }
                    return try await client.execute(
                        uri: "/api/v1/survey-responses", method: .post, headers: headers, body: ByteBuffer(string: body)
                    ).status.code
                }
                let valid = #"{"ticketId":"T-1","rating":3}"#
                let cases: [(body: String, contentType: String?, accept: String?, status: Int)] = [
                    (valid, "application/json", nil, 201),
                    (valid, "Application/JSON; charset=UTF-8", nil, 201),
                    (valid, "application/json", "*/*", 201),
                    (valid, "text/plain", nil, 418),
                    (valid, nil, nil, 418),
                    (valid, "application/json", "text/html, application/json;q=0.9", 418),
                    (#"{"rating":"3"}"#, "application/json", nil, 418),
                    ("{", "application/json", nil, 418),
                ]
                for item in cases {
                    let status = try await post(item.body, item.contentType, accept: item.accept)
                    #expect(status == item.status, "\(item)")
                }
            }
        }
    }

    struct PrincipalMiddleware: RouterMiddleware {
        let principal: APIPrincipal
        func handle(
            _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
        ) async throws -> Response {
            try await APIPrincipal.$current.withValue(principal) { try await next(request, context) }
        }
    }
}
