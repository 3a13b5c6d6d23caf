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

    /// The credentials after `scheme` (any case) and a space, without the spaces and tabs around them. Walks the
    /// header's bytes: Foundation's case-insensitive compare and trimming cost more than the rest of checking a token.
    static func value(of header: String, scheme: String) -> String? {
        let bytes = Array(header.utf8)
        let name = Array(scheme.utf8)
        guard bytes.count > name.count, bytes[name.count] == UInt8(ascii: " "),
            zip(bytes, name).allSatisfy({ lowercased($0) == lowercased($1) })
        else { return nil }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var start = name.count + 1
        var end = bytes.count
        while start < end, blank(bytes[start]) { start += 1 }
        while end > start, blank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
