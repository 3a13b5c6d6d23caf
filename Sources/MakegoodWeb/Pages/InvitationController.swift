import Foundation
import Hummingbird
import HummingbirdAuth
import MakegoodDomain
import MakegoodStore

/// `/invitation?token=…`: an invited person sets their password (the link works once, for 7 days) and is logged in;
/// `/account/password`: anyone logged in changes their own, which ends their other sessions.
struct InvitationController: Sendable {
    let services: PageServices

    static let path = "/invitation"
    static let minimumPassword = 10

    static func url(token: String, baseURL: URL) -> String {
        var components = URLComponents(url: baseURL.appendingPathComponent("invitation"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "token", value: token)]
        return components.string ?? ""
    }

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in try await invitation(request, token: request.uri.queryParameters.get("token") ?? "") }
        router.post(RouterPath(Self.path)) { request, context in try await accept(request, context: context) }
        router.get("/account/password") { request, context in try await passwordPage(request, context: context, error: nil) }
        router.post("/account/password") { request, context in try await changePassword(request, context: context) }
    }

    private static let badInvitation = PageError(
        .forbidden, title: "This invitation can't be used",
        "This invitation link is invalid, has expired or was already used. Ask an admin of your instance to invite you again.")

    func invitation(_ request: Request, token: String, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = services.now()
        guard let found = try await services.store.read({ try await $0.invitations.find(token: token, now: now) }) else {
            throw Self.badInvitation
        }
        let (instance, user) = try await services.store.read { db in
            (try await db.instances.find(id: found.instanceID), try await db.scoped(to: found.instanceID).users.find(id: found.userID))
        }
        guard let instance, let user else { throw Self.badInvitation }
        let (csrf, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Set your password", "csrf": csrf, "token": token, "email": user.email, "instanceName": instance.name,
            "action": Self.path, "minimum": "\(Self.minimumPassword)",
        ]
        if let error { page["error"] = error }
        return services.renderer.render("set-password", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }

    func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await services.form(request, context: context)
        let token = form["token"] ?? ""
        let password = form["password"] ?? ""
        if let problem = Self.problem(password, confirm: form["confirm"] ?? "") {
            return try await invitation(request, token: token, error: problem, status: .unprocessableContent)
        }
        let now = services.now()
        // The hash is slow on purpose, so it is made only for a token that works, and before the write; the write
        // checks the token again and uses it atomically.
        guard try await services.store.read({ try await $0.invitations.find(token: token, now: now) }) != nil else {
            throw Self.badInvitation
        }
        let hash = try await PasswordWork.hash(password, cost: Secrets.passwordCost)
        let session = try await services.store.write { db -> WebSession? in
            guard let found = try await db.invitations.find(token: token, now: now), try await db.invitations.use(token: token, now: now)
            else { return nil }
            try await db.scoped(to: found.instanceID).users.setPassword(id: found.userID, hash: hash)
            return WebSession(userID: found.userID, instanceID: found.instanceID, passwordHash: hash)
        }
        guard let session else { throw Self.badInvitation }
        context.sessions.createSession(session)
        var response = PageRenderer.redirect(to: "/")
        response.headers.append(.init(name: .setCookie, value: services.csrf.freshCookie().description))
        return response
    }

    func passwordPage(_ request: Request, context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let visitor = try await services.visitor(context) else { return PageServices.loginRedirect(cpc: nil, request: request) }
        let (csrf, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Change your password", "csrf": csrf, "email": visitor.user.email, "instanceName": visitor.instance.name,
            "visitor": visitor.header, "action": "/account/password", "current": true, "minimum": "\(Self.minimumPassword)",
        ]
        if request.uri.queryParameters.get("changed") != nil { page["changed"] = true }
        if let error { page["error"] = error }
        return services.renderer.render("set-password", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }

    func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await services.form(request, context: context)
        guard let visitor = try await services.visitor(context) else { return PageServices.loginRedirect(cpc: nil, request: request) }
        // Guesses at the current password count against the login as failed logins do, so a stolen session can't
        // be used to find the password.
        let now = services.now()
        let since = now.addingTimeInterval(-LoginLimits.window)
        let loginKey = LoginLimits.loginKey(cpc: visitor.instance.cpc, email: visitor.user.email)
        let limit = LoginAttemptRepository.Limit(key: loginKey, attempts: LoginLimits.perLogin)
        let reservation = try await services.store.write { try await $0.loginAttempts.reserve([limit], since: since, now: now) }
        guard case .reserved(let attempt) = reservation else {
            return try await passwordPage(
                request, context: context, error: "Too many wrong passwords. Try again in 15 minutes.", status: .tooManyRequests)
        }
        guard try await PasswordWork.verify(form["current"] ?? "", hash: visitor.user.passwordHash) else {
            return try await passwordPage(request, context: context, error: "Your current password is not right.", status: .unprocessableContent)
        }
        try await services.store.write { try await $0.loginAttempts.release(ids: attempt, clearing: loginKey, before: since) }
        let password = form["password"] ?? ""
        if let problem = Self.problem(password, confirm: form["confirm"] ?? "") {
            return try await passwordPage(request, context: context, error: problem, status: .unprocessableContent)
        }
        let hash = try await PasswordWork.hash(password, cost: Secrets.passwordCost)
        let instanceID = visitor.instance.id, userID = visitor.user.id
        try await services.store.write { try await $0.scoped(to: instanceID).users.setPassword(id: userID, hash: hash) }
        // Every session begun with the old password has ended (WebSession.credential); this one goes on, under a new id.
        context.sessions.createSession(WebSession(userID: userID, instanceID: instanceID, passwordHash: hash))
        return PageRenderer.redirect(to: "/account/password?changed=1")
    }

    /// What is wrong with a new password, if anything.
    static func problem(_ password: String, confirm: String) -> String? {
        if password.count < minimumPassword || password.utf8.count > 72 {
            return "Choose a password of \(minimumPassword) to 72 characters."
        }
        if password != confirm { return "The two passwords are not the same; type them again." }
        return nil
    }
}
