import Foundation
import Hummingbird
import HummingbirdAuth
import MakegoodStore

/// What every page controller needs: the store, the templates, the CSRF guard, the link signer and the clock.
struct PageServices: Sendable {
    let store: Store
    let renderer: PageRenderer
    let csrf: CSRFGuard
    let signer: LinkSigner
    let baseURL: URL
    let now: @Sendable () -> Date

    /// The logged-in visitor of a request, if any.
    func visitor(_ context: AppRequestContext) async throws -> PortalVisitor? {
        try await PortalVisitor.load(context.sessions.session, store: store)
    }

    /// Reads a submitted form, refusing it unless it carries this browser's CSRF token.
    func form(_ request: Request, context: AppRequestContext) async throws -> FormFields {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let form = FormFields(String(buffer: body))
        guard csrf.accepts(form[CSRFGuard.fieldName], for: request) else { throw PageError.badForm }
        return form
    }

    /// Where to send someone who must log in first, and come back afterwards.
    static func loginRedirect(cpc: String?, request: Request) -> Response {
        var components = URLComponents()
        components.path = "/login"
        components.queryItems = [URLQueryItem(name: "cpc", value: cpc ?? ""), URLQueryItem(name: "next", value: request.uri.description)]
        return PageRenderer.redirect(to: components.string ?? "/login")
    }
}

/// The fields of an `application/x-www-form-urlencoded` body.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            // The first value wins, as for query strings.
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    subscript(_ name: String) -> String? { values[name] }
}
