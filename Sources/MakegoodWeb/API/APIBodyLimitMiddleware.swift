import Hummingbird

/// Reads an API request's body up to 1 MiB before anything else looks at it; a larger one is a 413.
struct APIBodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    static var maxBodyBytes: Int { 1 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Only the methods that carry a body are read; the others never look at one.
        guard request.isAPIRequest, [.post, .put, .patch].contains(request.method) else { return try await next(request, context) }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.maxBodyBytes {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        _ = try await request.collectBody(upTo: Self.maxBodyBytes)
        return try await next(request, context)
    }
}

extension Request {
    /// Whether a request is for the JSON API, however many slashes lead its path (the router ignores empty segments).
    var isAPIRequest: Bool {
        let path = uri.path.utf8.drop { $0 == UInt8(ascii: "/") }
        return path.starts(with: "api".utf8) && (path.count == 3 || path.dropFirst(3).first == UInt8(ascii: "/"))
    }
}
