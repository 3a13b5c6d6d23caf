import Foundation
import Hummingbird
import MakegoodStore
import Prometheus

/// `/health`, `/metrics` and `/openapi.yaml`: what operators and API clients fetch.
struct OperationsController<Context: RequestContext> {
    let store: Store
    let registry: PrometheusCollectorRegistry?
    /// The bearer token `/metrics` asks for, when the operator set one (MAKEGOOD_METRICS_TOKEN).
    let metricsToken: String?
    let openAPIDocument: ByteBuffer

    func addRoutes(to router: Router<Context>) {
        router.get("/health", use: health)
        router.get("/metrics", use: metrics)
        router.get("/openapi.yaml", use: openAPI)
    }

    /// 200 only when the database answers.
    @Sendable func health(_ request: Request, context: Context) async throws -> Response {
        let ok = await store.ping()
        return Self.text(ok ? "ok\n" : "database unavailable\n", status: ok ? .ok : .serviceUnavailable)
    }

    @Sendable func metrics(_ request: Request, context: Context) async throws -> Response {
        guard let registry else { return Self.text("metrics are not enabled\n", status: .notFound) }
        if let metricsToken, !Self.bearer(request.headers[.authorization], matches: metricsToken) {
            var response = Self.text(
                "/metrics needs Authorization: Bearer <MAKEGOOD_METRICS_TOKEN>\n", status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"makegood metrics\""
            return response
        }
        return Self.text(registry.emitToString(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    @Sendable func openAPI(_ request: Request, context: Context) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/yaml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: openAPIDocument))
    }

    /// Whether an Authorization header carries `Bearer <token>`, compared in constant time.
    static func bearer(_ authorization: String?, matches token: String) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let given = Array(authorization.utf8.dropFirst(7))
        let expected = Array(token.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8")
        -> Response
    {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension OperationsController {
    /// The document the API is generated from, as bundled with the server.
    static func loadOpenAPIDocument() throws -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw ConfigurationError("openapi.yaml is missing from the server's resources")
        }
        return ByteBuffer(bytes: try Data(contentsOf: url))
    }
}
