import HTTPTypes
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime
import Synchronization

/// The API's routes as the generated code registers them from openapi.yaml, so a method a path does not have can be
/// answered 405 with `Allow`, from the document itself rather than a second list.
final class APIRouteTable: Sendable {
    private let routes = Mutex<[(method: HTTPRequest.Method, segments: [Substring])]>([])

    /// A transport that registers each route on `router` and records it here.
    func recording<Context: RequestContext>(on router: Router<Context>) -> some ServerTransport {
        Recorder(router: router, table: self)
    }

    /// The methods the API has for a path, none when the path is not one of its routes.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.withLock { routes in
            routes.filter { route in
                route.segments.count == parts.count
                    && zip(route.segments, parts).allSatisfy { template, part in template.first == "{" || template == part }
            }.map(\.method)
        }
    }

    private struct Recorder<Context: RequestContext>: ServerTransport {
        let router: Router<Context>
        let table: APIRouteTable

        func register(
            _ handler: @escaping @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
            method: HTTPRequest.Method, path: String
        ) throws {
            router.register(handler, method: method, path: path)
            let segments = path.split(separator: "/", omittingEmptySubsequences: true)
            table.routes.withLock { $0.append((method, segments)) }
        }
    }
}

/// Answers an API request whose path is a route without the request's method: 405, `Allow`, and the error shape.
struct APIMethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: APIRouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Only a request the router found no route for is looked up, so the routes that exist pay nothing.
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.isAPIRequest {
            let methods = routes.methods(for: request.uri.path)
            guard !methods.isEmpty, !methods.contains(request.method) else { throw error }
            let allowed = methods.map(\.rawValue).sorted().joined(separator: ", ")
            var response = APIErrorMiddleware<Context>.response(
                for: APIError(.methodNotAllowed, code: "method_not_allowed", "\(request.uri.path) takes \(allowed), not \(request.method.rawValue)"))
            response.headers[.allow] = allowed
            return response
        }
    }
}
