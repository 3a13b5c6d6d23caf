import Foundation
import Hummingbird

/// Authenticates every `/api/v1` request by its token (Bearer, or Basic `cpc:apiToken`)
/// and runs the handler as that instance.
struct APIAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let verifier: APITokenVerifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.isAPIRequest else { return try await next(request, context) }
        guard let authorization = request.headers[.authorization] else { throw APIError.unauthorized }
        let principal: APIPrincipal?
        if let token = Self.value(of: authorization, scheme: "Bearer") {
            principal = try await verifier.principal(for: token)
        } else if let encoded = Self.value(of: authorization, scheme: "Basic"),
            let decoded = Data(base64Encoded: encoded).flatMap({ String(data: $0, encoding: .utf8) }),
            let colon = decoded.firstIndex(of: ":")
        {
            principal = try await verifier.principal(
                for: String(decoded[decoded.index(after: colon)...]), cpc: String(decoded[..<colon]))
        } else {
            principal = nil
        }
        guard let principal else { throw APIError.unauthorized }
        return try await APIPrincipal.$current.withValue(principal) {
            try await next(request, context)
        }
    }

    private static func value(of header: String, scheme: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].caseInsensitiveCompare(scheme) == .orderedSame else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
