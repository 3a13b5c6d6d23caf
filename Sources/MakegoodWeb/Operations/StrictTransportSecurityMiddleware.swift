import Hummingbird

/// On a site served over https, tells browsers to use https only for a year (RFC 6797), so a person who once
/// opened the portal is not later sent to a plain-http copy of it by someone on their network.
struct StrictTransportSecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    static var value: String { "max-age=31536000" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // What the router answers for an error (an unknown path's 404) carries the header too.
            response = try error.response(from: request, context: context)
        }
        response.headers[.strictTransportSecurity] = Self.value
        return response
    }
}
