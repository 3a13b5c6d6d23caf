import Foundation
import Hummingbird
import HummingbirdTesting
import MakegoodTestSupport
@testable import MakegoodWeb
import Testing

/// The served document is the one the server is generated from.
@Suite struct OpenAPIDocumentTests {
    /// `/openapi.yaml` is served, and names every API route the router has.
    @Test func documentDescribesEveryRoute() async throws {
        try await APIHarness.run { api in
            let response = try await api.client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            let document = String(buffer: response.body)
            let routes = try buildRouter(store: api.store, site: APIHarness.site).routes.filter { "\($0.path)".hasPrefix("/api/v1") }
            for route in routes {
                let path = String(describing: route.path).dropFirst("/api/v1".count)
                    .replacingOccurrences(of: #":([A-Za-z]+)"#, with: "{$1}", options: .regularExpression)
                #expect(document.contains("\n  \(path):"), "\(route) is documented")
            }
        }
    }

    /// `/health` answers 200 while the database answers.
    @Test func healthAnswers() async throws {
        try await APIHarness.run { api in
            let response = try await api.client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
        }
    }
}
