import Foundation
import Hummingbird
import HummingbirdAuth
import MakegoodDomain
import MakegoodStore

/// `/login`, `/logout` and the home page `/`. Logins are per instance (the same email may have a login in two
/// instances), so the form asks for the Client Portal Code too; failed logins are limited per login and per client
/// address (LoginLimits).
struct LoginController: Sendable {
    let services: PageServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("/") { request, context in try await home(request, context: context) }
        router.get("/queue") { request, context in try await home(request, context: context) }
        router.get("/login") { request, _ in loginPage(request, cpc: request.uri.queryParameters.get("cpc"), email: "") }
        router.post("/login") { request, context in try await login(request, context: context) }
        router.get("/logout") { request, context in try await logoutPage(request, context: context) }
        router.post("/logout") { request, context in try await logout(request, context: context) }
    }

    /// The home page, which is My queue for everyone whose login reaches a group; `/queue?cpc=…&rgid=…` is the same
    /// page with an admin's group filter.
    func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let visitor = try await services.visitor(context) else {
            return PageServices.loginRedirect(cpc: query.get("cpc"), request: request)
        }
        if let cpc = query.get("cpc"), cpc != visitor.instance.cpc { throw PageError.notFound(cpc: cpc) }
        let cpc = visitor.instance.cpc.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
        var links: [[String: String]] = []
        if visitor.access == .admin {
            links.append(["href": "/portal?cpc=\(cpc)", "label": "Portal — preferences, data errors, reassigning"])
        }
        if visitor.access.mayOpenReports {
            links.append(["href": "/dashboards?cpc=\(cpc)&dashid=SRES", "label": "Survey Responses dashboard (SRES)"])
            links.append(["href": "/dashboards?cpc=\(cpc)&dashid=SRP", "label": "Service Recovery Performance dashboard (SRP)"])
            links.append(["href": "/reports/survey-responses?cpc=\(cpc)&srn=r", "label": "Survey Responses Report — all needing recovery"])
            links.append(["href": "/reports/survey-responses?cpc=\(cpc)&srn=y", "label": "Survey Responses Report — everything, with notes"])
        }
        let note: String
        switch visitor.access {
        case .admin: note = "You are an admin of \(visitor.instance.name)."
        case .dashboard: note = "You have dashboard access to \(visitor.instance.name)."
        case .alertsOnly: note = "Open the links in your Service Recovery alerts to record your notes."
        case .none: note = "Your login is not yet linked to a Support Group; ask an admin of \(visitor.instance.name)."
        }
        var page: [String: Any] = [
            "title": "Makegood", "visitor": visitor.header, "instanceName": visitor.instance.name, "links": links, "note": note,
        ]
        if visitor.access != .none {
            page["queue"] = try await MyQueue.load(for: visitor, filter: query.get("rgid"), store: services.store, now: services.now())
        }
        return services.renderer.render("home", page)
    }

    func loginPage(_ request: Request, cpc: String?, email: String, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let (token, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Log in", "csrf": token, "cpc": cpc ?? "", "email": email,
            "next": LocalRedirect.path(request.uri.queryParameters.get("next")) ?? "",
        ]
        if let error { page["error"] = error }
        return services.renderer.render("login", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await services.form(request, context: context)
        let cpc = (form["cpc"] ?? "").trimmingCharacters(in: .whitespaces)
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let next = LocalRedirect.path(form["next"])
        let now = services.now()
        let since = now.addingTimeInterval(-LoginLimits.window)
        let loginKey = LoginLimits.loginKey(cpc: cpc, email: email)
        let limits = LoginLimits.limits(cpc: cpc, email: email, clientAddress: services.clientAddress(of: request, context: context))

        // The attempt is counted before the password is checked, so parallel guesses can't all be checked first.
        let reservation = try await services.store.write { try await $0.loginAttempts.reserve(limits, since: since, now: now) }
        guard case .reserved(let attempt) = reservation else {
            guard case .refused(let key, let oldest) = reservation else { preconditionFailure("reserve either reserves or refuses") }
            return tooMany(request, cpc: cpc, email: email, byAddress: key != loginKey, until: oldest.addingTimeInterval(LoginLimits.window), now: now)
        }
        let found = try await services.store.read { db -> (Instance, UserRepository.User)? in
            guard let instance = try await db.instances.find(cpc: cpc) else { return nil }
            return try await db.scoped(to: instance.id).users.find(email: email).map { (instance, $0) }
        }
        // The same slow check runs whether or not the login exists, so timing does not tell which emails do.
        let verified: Bool
        do {
            verified = try await PasswordWork.verify(password, hash: found?.1.passwordHash ?? Self.decoyHash)
        } catch {
            // Not checked, so not a failure: the attempt is given back (the 503 page says to try again).
            try await services.store.write { try await $0.loginAttempts.release(ids: attempt) }
            throw error
        }
        guard let (instance, user) = found, verified, !password.isEmpty, user.disabledAt == nil else {
            return loginPage(
                request, cpc: cpc, email: email, error: "The portal code, email or password is wrong. Check them and try again.",
                status: .unauthorized)
        }
        try await services.store.write { try await $0.loginAttempts.release(ids: attempt, clearing: loginKey, before: since) }
        // A new session id on every login, so an id planted before the login is worthless; a new CSRF value too, so a
        // form token seen before the login is worthless after it.
        context.sessions.createSession(WebSession(userID: user.id, instanceID: instance.id, passwordHash: user.passwordHash))
        var response = PageRenderer.redirect(to: next ?? "/")
        response.headers.append(.init(name: .setCookie, value: services.csrf.freshCookie().description))
        return response
    }

    /// The page for a login attempt over a limit: when to try again, and which limit it was.
    private func tooMany(_ request: Request, cpc: String, email: String, byAddress: Bool, until: Date, now: Date) -> Response {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        let wait = "Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
        let error =
            byAddress
            ? "Too many failed logins from your network. \(wait)" : "Too many failed logins for \(email). \(wait)"
        return loginPage(request, cpc: cpc, email: email, error: error, status: .tooManyRequests)
    }

    func logoutPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let visitor = try await services.visitor(context)
        let (token, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = ["title": "Log out", "csrf": token, "signedIn": visitor != nil]
        if let visitor { page["visitor"] = visitor.header }
        return services.renderer.render("logout", page, cookies: cookie.map { [$0] } ?? [])
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await services.form(request, context: context)
        let cpc = try await services.visitor(context)?.instance.cpc
        context.sessions.clearSession()
        var components = URLComponents()
        components.path = "/login"
        if let cpc { components.queryItems = [URLQueryItem(name: "cpc", value: cpc)] }
        return PageRenderer.redirect(to: components.string ?? "/login")
    }

    private static let decoyHash = Secrets.hash("makegood decoy password", cost: Secrets.passwordCost)
}
