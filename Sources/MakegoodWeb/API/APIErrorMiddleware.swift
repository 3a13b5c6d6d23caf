import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MakegoodDomain
import MakegoodStore
import Metrics
import OpenAPIRuntime

/// Turns every failure under `/api/` into the error shape `{"error":{"code","message","field"?}}`:
/// a 4xx that says what to fix, and a logged 500 only for our own faults.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.isAPIRequest else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            return response
        } catch {
            let apiError = Self.map(error)
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
                Counter(label: "makegood_database_errors_total").increment()
            }
            return Self.response(for: apiError)
        }
    }

    /// The API's answer for any error a handler or the generated layer threw.
    static func map(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as DomainError:
            switch error.kind {
            case .conflict: return APIError(.conflict, code: "conflict", error.message, field: error.field)
            // A body the document allows may still name what the instance does not have: that is the instance's
            // state, not the request's shape, so 409 like any other conflict with it (docs/decisions.md).
            case .unknownReference: return APIError(.conflict, code: "unknown_reference", error.message, field: error.field)
            case .invalid: return APIError(.unprocessableContent, code: "validation_failed", error.message, field: error.field)
            }
        case let error as NotFound:
            return .notFound(error.description)
        case is PasswordWork.Busy:
            return APIError(.serviceUnavailable, code: "busy", "too many credentials are being checked right now; retry in a few seconds")
        case let error as ServerError:
            switch error.underlyingError {
            case let underlying as DecodingError: return decodingError(underlying)
            case is APIError, is DomainError, is NotFound, is HTTPError: return map(error.underlyingError)
            default:
                // Before the handler ran, the request itself could not be read; after, the fault is ours.
                guard error.operationInput == nil else {
                    return APIError(.internalServerError, code: "internal_error", "something went wrong on the server; it has been logged")
                }
                return .badRequest("the request could not be read: \(error.causeDescription); check it against /openapi.yaml")
            }
        case let error as HTTPError:
            switch error.status {
            case .contentTooLarge:
                return APIError(.contentTooLarge, code: "payload_too_large", "the body is larger than 1 MiB; send less per request")
            case .notFound:
                return .notFound("no such API route; see /openapi.yaml for the routes")
            case .methodNotAllowed:
                return APIError(.methodNotAllowed, code: "method_not_allowed", "this route does not accept that method; see /openapi.yaml")
            default:
                return APIError(error.status, code: error.status.code < 500 ? "bad_request" : "internal_error", error.body ?? error.status.reasonPhrase)
            }
        case let error as DecodingError:
            return decodingError(error)
        default:
            return APIError(.internalServerError, code: "internal_error", "something went wrong on the server; it has been logged")
        }
    }

    private static func decodingError(_ error: DecodingError) -> APIError {
        func path(_ context: DecodingError.Context) -> String? {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? nil : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let context):
            let field = path(context)
            return .badRequest("\(field ?? "the body") must be \(describe(type)): \(context.debugDescription)", field: field)
        case .valueNotFound(let type, let context):
            let field = path(context)
            return .badRequest("\(field ?? "a value") must be \(describe(type)), not null", field: field)
        case .keyNotFound(let key, let context):
            let field = (path(context).map { $0 + "." } ?? "") + key.stringValue
            return .badRequest("\(field) is required", field: field)
        case .dataCorrupted(let context):
            let field = path(context)
            return .badRequest(
                field.map { "\($0) has a value that can't be read: \(context.debugDescription)" }
                    ?? "the body is not valid JSON: \(context.debugDescription)", field: field)
        @unknown default:
            return .badRequest("the body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Date.Type: "an RFC 3339 date-time such as 2026-11-23T09:00:00Z"
        case is Double.Type: "a number"
        default: "\(type)"
        }
    }

    /// The JSON answer for an error.
    static func response(for error: APIError) -> Response {
        var detail: [String: String] = ["code": error.code, "message": error.message]
        if let field = error.field { detail["field"] = field }
        let body = (try? JSONEncoder.sortedKeys.encode(["error": detail])) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if error.status == .unauthorized {
            headers[.wwwAuthenticate] = "Bearer realm=\"makegood\", Basic realm=\"makegood\""
        }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension JSONEncoder {
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
