import Hummingbird
import Logging

/// Logs each request's method and path, never its query string: alert links, invitations and report filters carry
/// signatures and tokens there, and logs are read by more people than the data.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.log(level: level, "request", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)"])
        return try await next(request, context)
    }
}
