import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MakegoodStore
import MakegoodTestSupport
import MakegoodWeb
import NIOCore

/// Two instances, A and B, behind the real router, and a client that speaks JSON to it.
struct APIHarness {
    let store: Store
    let a: InstanceProvisioning.Credentials
    let b: InstanceProvisioning.Credentials
    let client: any TestClientProtocol

    /// A fixed clock, so nothing depends on today's date.
    static let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-29, after every receipt the tests send
    static let site = SiteSettings(baseURL: URL(string: "http://127.0.0.1:8080")!, secret: "test-secret-test-secret-test-secret-0123")

    static func run(
        on database: TestDatabase = .sqlite, site: SiteSettings = site, fastIntake: Bool = true,
        _ body: @escaping @Sendable (APIHarness) async throws -> Void
    ) async throws {
        try await database.withStore { store in
            let a = try await InstanceProvisioning.create(
                cpc: "alpha", name: "Alpha", timezone: "Australia/Sydney", adminEmail: nil, store: store, now: now)
            let b = try await InstanceProvisioning.create(
                cpc: "bravo", name: "Bravo", timezone: "Europe/Paris", adminEmail: nil, store: store, now: now)
            let router = try buildRouter(store: store, site: site, now: { now }, fastIntake: fastIntake)
            let app = Application(router: router)
            try await app.test(.router) { client in
                try await body(APIHarness(store: store, a: a, b: b, client: client))
            }
        }
    }

    /// A JSON answer: its status and its decoded body (nil when empty).
    struct Answer: @unchecked Sendable {
        let status: HTTPResponse.Status
        let json: Any?
        let text: String

        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
        var error: [String: Any]? { object["error"] as? [String: Any] }
    }

    /// Calls `/api/v1` + `path` as an instance; `body` is JSON-encoded unless it is raw text.
    func call(
        _ method: HTTPRequest.Method, _ path: String, as credentials: InstanceProvisioning.Credentials? = nil, body: Any? = nil,
        rawBody: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = extra
        let credentials = credentials ?? a
        if headers[.authorization] == nil { headers[.authorization] = "Bearer \(credentials.apiToken)" }
        var buffer: ByteBuffer?
        if let rawBody {
            buffer = ByteBuffer(string: rawBody)
        } else if let body {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        }
        if buffer != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: "/api/v1" + path, method: method, headers: headers, body: buffer)
        let text = String(buffer: response.body)
        let json = text.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(text.utf8))
        return Answer(status: response.status, json: json, text: text)
    }

    /// Creates a contact in an instance and returns its id.
    func contact(_ name: String = "Lee Lead", as credentials: InstanceProvisioning.Credentials? = nil) async throws -> String {
        let answer = try await call(
            .post, "/contacts", as: credentials, body: ["name": name, "email": "lee@example.com", "mobile": "+61412345678"])
        guard answer.status == .created, let id = answer.object["id"] as? String else {
            throw HarnessError("creating a contact answered \(answer.status): \(answer.text)")
        }
        return id
    }

    /// Creates the usual structure of an instance: a lead, group `TEAM`, segment `ENT`.
    func structure(as credentials: InstanceProvisioning.Credentials? = nil) async throws -> String {
        let lead = try await contact(as: credentials)
        _ = try await call(.put, "/segments/ENT", as: credentials, body: ["name": "Enterprise"])
        _ = try await call(.put, "/support-groups/TEAM", as: credentials, body: ["name": "Team", "lead": lead])
        return lead
    }

    /// A valid survey response body, changed by `overrides`.
    static func response(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "ticketId": "T-1", "supportGroupCode": "TEAM", "segmentCode": "ENT",
            "customer": ["name": "Cas", "email": "cas@example.com"], "agent": "Ann", "rating": 3,
            "factors": ["Speed"], "comment": "slow", "receivedAt": "2026-11-18T01:00:00Z",
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
