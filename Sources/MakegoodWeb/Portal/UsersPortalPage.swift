import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodReports
import MakegoodStore

/// Portal › Users (SPEC §6): invite an admin or a contact by email (a single-use link, valid 7 days, to set a
/// password), list the logins and disable one.
struct UsersPortalPage: Sendable {
    let services: PageServices

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        try await render(visitor, request: request, typed: [:], invited: nil, error: nil)
    }

    func invite(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let typed = ["email": form["email"] ?? "", "role": form["role"] ?? "member", "contact": form["contact"] ?? ""]
        let instance = visitor.instance
        let now = services.now()
        let link: String
        do {
            let email = try EmailAddress.validate(typed["email"]!.trimmingCharacters(in: .whitespaces), field: "email")
            let role: UserRepository.Role = typed["role"] == "admin" ? .admin : .member
            let contact = typed["contact"]!.isEmpty ? nil : UUID(uuidString: typed["contact"]!)
            // Nobody knows this password: the login works once the invitation has set a real one.
            let unusable = try await PasswordWork.hash(Secrets.random(length: 40), cost: Secrets.tokenCost)
            let base = services.baseURL
            let token = try await services.store.write { db in
                let scope = db.scoped(to: instance.id)
                let user = try await scope.users.create(email: email, role: role, contact: contact, passwordHash: unusable, now: now)
                let token = try await db.invitations.create(instanceID: instance.id, userID: user.id, now: now)
                let url = InvitationController.url(token: token, baseURL: base)
                _ = try await scope.deliveries.queue(
                    Self.email(to: email, userID: contact ?? user.id, url: url, instance: instance, inviter: visitor.displayName),
                    run: nil, now: now)
                return token
            }
            link = InvitationController.url(token: token, baseURL: base)
        } catch let error as DomainError {
            return try await render(visitor, request: request, typed: typed, invited: nil, error: error.message, status: .unprocessableContent)
        }
        return try await render(visitor, request: request, typed: [:], invited: (typed["email"]!, link), error: nil)
    }

    func disable(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        guard let id = form["id"].flatMap(UUID.init(uuidString:)) else { throw PageError.badRequest("The form did not say which login to disable.") }
        guard id != visitor.user.id else {
            return try await render(visitor, request: request, typed: [:], invited: nil, error: "You can't disable your own login.", status: .conflict)
        }
        let instanceID = visitor.instance.id
        let now = services.now()
        try await services.store.write { try await $0.scoped(to: instanceID).users.disable(id, now: now) }
        return PageRenderer.redirect(to: "/portal/users?cpc=\(PortalController.encode(visitor.instance.cpc))")
    }

    static func email(to address: String, userID: UUID, url: String, instance: Instance, inviter: String) -> DeliveryRepository.Message {
        let text = """
            \(inviter) invited you to Makegood for \(instance.name), where Service Recovery Notes and reports live.

            Set your password here (the link works once, for 7 days):
            \(url)

            Your Client Portal Code is \(instance.cpc).
            """
        let html = """
            <p>\(MarkupText.escape(inviter)) invited you to Makegood for \(MarkupText.escape(instance.name)).</p>
            <p><a href="\(MarkupText.escape(url))">Set your password</a> (the link works once, for 7 days).</p>
            <p>Your Client Portal Code is <b>\(MarkupText.escape(instance.cpc))</b>.</p>
            """
        return DeliveryRepository.Message(
            contactID: userID, channel: .email, address: address, subject: "Your Makegood login for \(instance.name)", body: text,
            html: html, itemCount: 0, groupNames: [])
    }

    private func render(
        _ visitor: PortalVisitor, request: Request, typed: [String: String], invited: (email: String, link: String)?, error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let instance = visitor.instance
        let zone = instance.preferences.timezone
        let (users, contacts) = try await services.store.read { db in
            let scope = db.scoped(to: instance.id)
            return (try await scope.users.list(), try await scope.contacts.list().sorted { $0.name < $1.name })
        }
        let names = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0.name) })
        let (token, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Users", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc, "csrf": token,
            "users": users.map { user -> [String: Any] in
                [
                    "id": user.id.storageKey, "email": user.email, "role": user.role.rawValue,
                    "contact": user.contact.flatMap { names[$0] } ?? "—", "created": DisplayTime.format(user.createdAt, in: zone),
                    "disabled": user.disabledAt.map { DisplayTime.format($0, in: zone) } ?? "", "active": user.disabledAt == nil,
                    "self": user.id == visitor.user.id,
                ]
            },
            "contacts": contacts.map { ["id": $0.id.storageKey, "name": $0.name, "selected": $0.id.storageKey == typed["contact"]] as [String: Any] },
            "email": typed["email"] ?? "", "admin": typed["role"] == "admin",
        ]
        if let invited { page["invited"] = ["email": invited.email, "link": invited.link] }
        if let error { page["error"] = error }
        return services.renderer.render("portal-users", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }
}
