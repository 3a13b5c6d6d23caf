import HTTPTypes

/// A refusal the API explains: status, a stable code, a sentence, and the field at fault.
struct APIError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    let field: String?

    init(_ status: HTTPResponse.Status, code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, code: "bad_request", message, field: field)
    }

    static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message)
    }

    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized",
        "a valid API token is required: send Authorization: Bearer <apiToken> (or HTTP Basic with cpc:apiToken)")
}
