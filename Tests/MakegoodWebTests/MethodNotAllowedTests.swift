import Foundation
import HTTPTypes
import HummingbirdTesting
import MakegoodStore
import MakegoodTestSupport
import NIOCore
import Testing
@testable import MakegoodWeb

/// A method a route of openapi.yaml does not have is 405 with `Allow` and the error shape; a path the document does
/// not have stays 404.
@Suite struct MethodNotAllowedTests {
    @Test("undeclared methods are 405 with Allow, from the routes the document registers", arguments: [
        (HTTPRequest.Method.trace, "/preferences", "GET, PUT"), (.delete, "/survey-responses", "GET, POST"),
        (.put, "/survey-responses/01a1e65f-cb00-7000-b990-3a2f088755a7/notes", "GET, POST"),
        (.post, "/contacts/01a1e65f-cb00-7000-b990-3a2f088755a7", "DELETE, GET, PUT"), (.patch, "/alert-runs", "GET"),
    ])
    func methodNotAllowed(method: HTTPRequest.Method, path: String, allow: String) async throws {
        try await APIHarness.run { api in
            let response = try await api.client.execute(
                uri: "/api/v1" + path, method: method, headers: [.authorization: "Bearer \(api.a.apiToken)"], body: nil)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
            let error = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: [String: String]]
            #expect(error?["error"]?["code"] == "method_not_allowed")
        }
    }

    @Test func anUnknownPathIsStill404() async throws {
        try await APIHarness.run { api in
            let unknown = try await api.call(.trace, "/no-such-route")
            let deeper = try await api.call(.get, "/contacts/x/y")
            #expect(unknown.status == .notFound && deeper.status == .notFound)
        }
    }
}
