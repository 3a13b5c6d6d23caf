import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import MakegoodDomain
import MakegoodStore

/// What every page controller needs: the store, the templates, the CSRF guard, the link signer and the clock.
struct PageServices: Sendable {
    let store: Store
    let renderer: PageRenderer
    let csrf: CSRFGuard
    let signer: LinkSigner
    let baseURL: URL
    /// The header a reverse proxy names the client in (SiteSettings.clientAddressHeader).
    let clientAddressHeader: String?
    let now: @Sendable () -> Date

    /// Who sent a request, as far as the server can tell: the last entry of the proxy's header when one is set
    /// (the one the proxy itself added; earlier ones are whatever the client claimed), else the connection's peer.
    func clientAddress(of request: Request, context: AppRequestContext) -> String? {
        guard let clientAddressHeader, let name = HTTPField.Name(clientAddressHeader) else { return context.peerAddress }
        let entries = request.headers[values: name].flatMap { $0.split(separator: ",") }
        guard let last = entries.last?.trimmingCharacters(in: .whitespaces), !last.isEmpty else { return context.peerAddress }
        return last
    }

    /// The logged-in visitor of a request, if any.
    func visitor(_ context: AppRequestContext) async throws -> PortalVisitor? {
        try await PortalVisitor.load(context.sessions.session, store: store)
    }

    /// Whether a request may go on to a page of the instance its `cpc` names.
    enum Gate {
        case allowed(PortalVisitor)
        /// The answer instead of the page: the login redirect, or the same page with the visitor's own `cpc`.
        case mustLogIn(Response)
    }

    /// Lets in a logged-in visitor of the instance `cpc` names whose access passes `may`; a visitor of another
    /// instance gets a 404 (as if it did not exist), one without the access a 403 saying `refusal`.
    func gate(
        _ request: Request, context: AppRequestContext, cpc: String?, example: String, may: (PortalAccess) -> Bool, refusal: String
    ) async throws -> Gate {
        guard let cpc, !cpc.isEmpty else {
            if let own = try await ownInstanceRedirect(request, context: context) { return .mustLogIn(own) }
            throw PageError.badRequest("The URL needs cpc, your Client Portal Code, such as \(example).")
        }
        guard let visitor = try await visitor(context) else { return .mustLogIn(Self.loginRedirect(cpc: cpc, request: request)) }
        guard visitor.instance.cpc == cpc else { throw PageError.notFound(cpc: cpc) }
        guard may(visitor.access) else { throw PageError(.forbidden, title: "Not allowed", refusal) }
        return .allowed(visitor)
    }

    /// For a logged-in visitor who opened a page without `cpc`: the same page of their own instance (the session names
    /// it), so a bookmark or a typed `/portal` works. Nil for anyone else, or for a form post, which must say its instance.
    func ownInstanceRedirect(_ request: Request, context: AppRequestContext) async throws -> Response? {
        guard request.method == .get, let visitor = try await visitor(context) else { return nil }
        var components = URLComponents()
        // The router ignores empty segments, so `//portal` reaches here too; a Location of `//portal` would be a host.
        components.path = "/" + request.uri.path.drop { $0 == "/" }
        let kept = URLComponents(string: request.uri.description)?.queryItems?.filter { $0.name != "cpc" } ?? []
        components.queryItems = [URLQueryItem(name: "cpc", value: visitor.instance.cpc)] + kept
        return PageRenderer.redirect(to: components.percentEncodedURLString)
    }

    /// Runs `body` for a visitor `gate` lets in, or answers with the login redirect.
    func asVisitor(_ gate: Gate, _ body: (PortalVisitor) async throws -> Response) async throws -> Response {
        switch gate {
        case .allowed(let visitor): try await body(visitor)
        case .mustLogIn(let response): response
        }
    }

    /// Reads a submitted form, refusing it unless it carries this browser's CSRF token.
    func form(_ request: Request, context: AppRequestContext) async throws -> FormFields {
        let (form, accepted) = try await formFields(request, context: context)
        guard accepted else { throw PageError.badForm }
        return form
    }

    /// Reads a submitted form and says whether it carries this browser's CSRF token, for a page that shows what was
    /// typed again rather than lose it (the notes dialog); act on the fields only when `accepted`.
    func formFields(_ request: Request, context: AppRequestContext) async throws -> (form: FormFields, accepted: Bool) {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let form = FormFields(String(buffer: body))
        return (form, csrf.accepts(form[CSRFGuard.fieldName], for: request))
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
    private var lists: [String: [String]] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            // The first value wins, as for query strings; `all` has every one, for checkboxes and multiple selects.
            if values[name] == nil { values[name] = value }
            lists[name, default: []].append(value)
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    func all(_ name: String) -> [String] { lists[name] ?? [] }
}
