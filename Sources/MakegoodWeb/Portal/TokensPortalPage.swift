import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// Portal › API tokens: create one (its secret is shown once and stored only as a slow hash), list them by name and
/// last use, revoke one (it stops working within a minute, the verifier's cache).
struct TokensPortalPage: Sendable {
    let services: PageServices

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        try await render(visitor, request: request, created: nil, error: nil)
    }

    func create(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            return try await render(visitor, request: request, created: nil, error: "Give the token a name of 1 to 100 characters, such as the tool that will use it.", status: .unprocessableContent)
        }
        let token = APIToken.generate()
        let hash = try await PasswordWork.hash(token.secret, cost: Secrets.tokenCost)
        let instanceID = visitor.instance.id
        let now = services.now()
        try await services.store.write { try await $0.apiTokens.create(id: token.id, instanceID: instanceID, name: name, secretHash: hash, now: now) }
        return try await render(visitor, request: request, created: (name, token.text), error: nil)
    }

    func revoke(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let instanceID = visitor.instance.id
        let now = services.now()
        try await services.store.write { try await $0.apiTokens.revoke(id: form["id"] ?? "", instanceID: instanceID, now: now) }
        return PageRenderer.redirect(to: "/portal/tokens?cpc=\(PortalController.encode(visitor.instance.cpc))")
    }

    private func render(
        _ visitor: PortalVisitor, request: Request, created: (name: String, text: String)?, error: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let instance = visitor.instance
        let zone = instance.preferences.timezone
        let tokens = try await services.store.read { try await $0.apiTokens.list(instanceID: instance.id) }
        let (csrf, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "API tokens", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc, "csrf": csrf,
            "tokens": tokens.map { token -> [String: Any] in
                [
                    "id": token.id, "name": token.name, "created": DisplayTime.format(token.createdAt, in: zone),
                    "used": token.lastUsedAt.map { DisplayTime.format($0, in: zone) } ?? "never",
                    "revoked": token.revokedAt.map { DisplayTime.format($0, in: zone) } ?? "", "active": token.revokedAt == nil,
                ]
            },
        ]
        if let created { page["created"] = ["name": created.name, "text": created.text] }
        if let error { page["error"] = error }
        return services.renderer.render("portal-tokens", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }
}
