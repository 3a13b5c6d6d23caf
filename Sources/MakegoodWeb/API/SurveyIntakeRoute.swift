import Foundation
import Hummingbird
import OpenAPIRuntime

/// `POST /api/v1/survey-responses` the common way, without the OpenAPI runtime: a JSON body, and an `Accept`
/// that takes JSON or is absent. The runtime's content negotiation, header fields and `HTTPBody` plumbing cost
/// more than storing the response (docs/scaling.md, "HTTP ingest"), and this is the route every survey comes in by.
///
/// It is the generated route's front door, not a second implementation: it decodes the same generated input type
/// with the same date rules, calls the same `MakegoodAPI.createSurveyResponse`, and writes the same bytes back
/// (SurveyResponseJSON).
/// A request it can't read as such (another content type, JSON that does not decode) goes on to the generated route,
/// which answers it, errors included; `SurveyIntakeRouteTests` checks that both routes answer alike.
struct SurveyIntakeRoute<Context: RequestContext>: RouterMiddleware {
    static var path: String { "/api/v1/survey-responses" }

    let api: MakegoodAPI
    private let decoder: JSONDecoder

    init(api: MakegoodAPI) {
        self.api = api
        // The generated route's decoder: `Configuration.makegood`'s dates.
        let dates = Configuration.makegood.dateTranscoder
        decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in try dates.decode(try decoder.singleValueContainer().decode(String.self)) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, request.uri.path == Self.path, APIPrincipal.current != nil,
            Self.isJSON(request.headers[.contentType]), Self.acceptsJSON(request.headers[.accept])
        else { return try await next(request, context) }
        var request = request
        let body = try await request.collectBody(upTo: APIBodyLimitMiddleware<Context>.maxBodyBytes)
        guard let input = try? decoder.decode(Components.Schemas.SurveyResponseInput.self, from: Data(body.readableBytesView)) else {
            return try await next(request, context)
        }
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
