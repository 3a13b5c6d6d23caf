import Hummingbird

/// On a site served over https, tells browsers to use https only for a year (RFC 6797), so a person who once
/// opened the portal is not later sent to a plain-http copy of it by someone on their network.
struct StrictTransportSecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    static var value: String { "max-age=31536000" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.strictTransportSecurity] = Self.value
        return response
    }
}
