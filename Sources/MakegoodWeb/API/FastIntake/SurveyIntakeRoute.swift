import Foundation
import Hummingbird
import OpenAPIRuntime

/// `POST /api/v1/survey-responses` the common way, without the OpenAPI runtime: a JSON body, and an `Accept`
/// that takes JSON or is absent. The runtime's content negotiation, header fields and `HTTPBody` plumbing cost
/// more than storing the response (docs/scaling.md, "HTTP ingest"), and this is the route every survey comes in by.
///
/// It is the generated route's front door, not a second implementation: it reads the same generated input type as the
/// generated decoder would (SurveyResponseInputJSON), calls the same `MakegoodAPI.createSurveyResponse`, and writes
/// the same bytes back (SurveyResponseJSON).
/// A request it can't read as such (another content type, JSON it does not take) goes on to the generated route,
/// which answers it, errors included; `SurveyIntakeRouteTests` checks that both routes answer alike.
struct SurveyIntakeRoute<Context: RequestContext>: RouterMiddleware {
    static var path: String { "/api/v1/survey-responses" }

    let api: MakegoodAPI

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, request.uri.path == Self.path, APIPrincipal.current != nil,
            Self.isJSON(request.headers[.contentType]), Self.acceptsJSON(request.headers[.accept])
        else { return try await next(request, context) }
        var request = request
        let body = try await request.collectBody(upTo: APIBodyLimitMiddleware<Context>.maxBodyBytes)
        guard let input = SurveyResponseInputJSON.decode(body) else { return try await next(request, context) }
        context.coreContext.endpointPath.value = Self.path
        let output = try await api.createSurveyResponse(.init(body: .json(input)))
        guard case .created(let created) = output, case .json(let json) = created.body else {
            preconditionFailure("createSurveyResponse answers 201 with JSON or throws")
        }
        return Response(
            status: .created, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: SurveyResponseJSON.encode(json))))
    }

    /// `application/json`, with or without a UTF-8 charset.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let value = contentType.lowercased()
        return value == "application/json" || value == "application/json; charset=utf-8"
    }

    /// No `Accept`, or one that takes JSON as a whole; anything subtler is left to the generated route's negotiation.
    static func acceptsJSON(_ accept: String?) -> Bool {
        guard let accept else { return true }
        return accept == "*/*" || accept == "application/json"
    }
}
