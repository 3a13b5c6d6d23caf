import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// The admin pages under `/portal` (SPEC §6: an instance admin sets up and fixes everything): the index,
/// Preferences, Fix Data Errors and Reassign Transactional Surveys. Every POST carries a CSRF token, every
/// refusal keeps what was typed, and every page works without JavaScript.
struct PortalController: Sendable {
    let services: PageServices

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        let preferences = PreferencesPortalPage(services: services)
        let dataErrors = DataErrorsPortalPage(services: services)
        let reassign = ReassignPortalPage(services: services)
        let alerts = AlertsHistoryPortalPage(services: services)
        router.get("/portal") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in index(visitor) }
        }
        router.get("/portal/preferences") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await preferences.show(visitor, request: request) }
        }
        router.post("/portal/preferences") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await preferences.save($0, form: $1, request: request) }
        }
        router.get("/portal/data-errors") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await dataErrors.show(visitor, request: request) }
        }
        router.post("/portal/data-errors") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await dataErrors.fix($0, form: $1, request: request) }
        }
        router.get("/portal/reassign") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await reassign.show(visitor, request: request) }
        }
        router.post("/portal/reassign") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await reassign.move($0, form: $1, request: request) }
        }
        let texts = SurveyTextsPortalPage(services: services)
        router.get("/portal/survey") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await texts.show(visitor, request: request) }
        }
        router.post("/portal/survey") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await texts.save($0, form: $1, request: request) }
        }
        router.post("/portal/survey/remove") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await texts.remove($0, form: $1, request: request) }
        }
        let invitations = InvitationsPortalPage(services: services)
        router.get("/portal/invitations") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await invitations.show(visitor, request: request) }
        }
        addAlertRoutes(alerts, to: router)
        addStructureRoutes(to: router)
        addAccessRoutes(to: router)
    }

    private func addAccessRoutes(to router: RouterGroup<AppRequestContext>) {
        let users = UsersPortalPage(services: services)
        let tokens = TokensPortalPage(services: services)
        router.get("/portal/users") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await users.show(visitor, request: request) }
        }
        router.post("/portal/users") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await users.invite($0, form: $1, request: request) }
        }
        router.post("/portal/users/disable") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await users.disable($0, form: $1, request: request) }
        }
        router.get("/portal/tokens") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await tokens.show(visitor, request: request) }
        }
        router.post("/portal/tokens") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await tokens.create($0, form: $1, request: request) }
        }
        router.post("/portal/tokens/revoke") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await tokens.revoke($0, form: $1, request: request) }
        }
    }

    private func addStructureRoutes(to router: RouterGroup<AppRequestContext>) {
        let contacts = ContactsPortalPage(services: services)
        let groups = GroupsPortalPage(services: services)
        router.get("/portal/contacts") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await contacts.show(visitor, request: request) }
        }
        router.post("/portal/contacts") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await contacts.save($0, form: $1, request: request) }
        }
        router.post("/portal/contacts/delete") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await contacts.delete($0, form: $1, request: request) }
        }
        router.post("/portal/segments") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await contacts.saveSegment($0, form: $1, request: request) }
        }
        router.get("/portal/groups") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await groups.show(visitor, request: request) }
        }
        router.post("/portal/groups") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await groups.save($0, form: $1, request: request) }
        }
    }

    private func addAlertRoutes(_ alerts: AlertsHistoryPortalPage, to router: RouterGroup<AppRequestContext>) {
        router.get("/portal/alerts") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await alerts.show(visitor, request: request) }
        }
        router.get("/portal/alerts/report.pdf") { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await alerts.report(visitor, request: request) }
        }
        router.post("/portal/alerts/resend") { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await alerts.resend($0, form: $1, request: request) }
        }
    }

    /// Lets in the instance's admins only; the instance comes from the query (GET) or the form (POST).
    private func admin(
        _ request: Request, context: AppRequestContext, form: FormFields?,
        _ body: (PortalVisitor, FormFields) async throws -> Response
    ) async throws -> Response {
        let cpc = form?["cpc"] ?? request.uri.queryParameters.get("cpc")
        let gate = try await services.gate(
            request, context: context, cpc: cpc, example: "/portal?cpc=acme", may: { $0 == .admin },
            refusal: "The portal's setup pages are for the instance's admins.")
        return try await services.asVisitor(gate) { try await body($0, form ?? FormFields("")) }
    }

    private func index(_ visitor: PortalVisitor) -> Response {
        let cpc = Self.encode(visitor.instance.cpc)
        let links = [
            ["href": "/portal/preferences?cpc=\(cpc)", "label": "Preferences", "about": "threshold, alert time, timezone, Weekend Alerts, target, ticket links"],
            ["href": "/portal/groups?cpc=\(cpc)", "label": "Support Groups", "about": "Departments and Teams, Support Leads and Also Alerts"],
            ["href": "/portal/contacts?cpc=\(cpc)", "label": "Contacts and Segments", "about": "the people alerted, and your Customer Segments"],
            ["href": "/portal/data-errors?cpc=\(cpc)", "label": "Fix Data Errors", "about": "responses with a missing or unknown code"],
            ["href": "/portal/reassign?cpc=\(cpc)", "label": "Reassign Transactional Surveys", "about": "move responses to another Support Group"],
            ["href": "/portal/alerts?cpc=\(cpc)", "label": "Alerts history", "about": "each run, each message and its state; resend failed ones"],
            ["href": "/portal/survey?cpc=\(cpc)", "label": "Survey texts", "about": "the questions, factors and thank-you of the surveys Makegood sends, per language"],
            ["href": "/portal/invitations?cpc=\(cpc)", "label": "Survey invitations", "about": "the surveys Makegood sent your customers: sent, opened, answered, unsubscribed"],
            ["href": "/portal/users?cpc=\(cpc)", "label": "Users", "about": "invite admins and contacts, disable a login"],
            ["href": "/portal/tokens?cpc=\(cpc)", "label": "API tokens", "about": "for your help desk to send survey responses"],
            ["href": "/dashboards?cpc=\(cpc)&dashid=SRES", "label": "Survey Responses dashboard", "about": "live responses and notes"],
            ["href": "/dashboards?cpc=\(cpc)&dashid=SRP", "label": "Service Recovery Performance", "about": "who recovers whom, and how fast"],
        ]
        return services.renderer.render(
            "portal", ["title": "Portal", "visitor": visitor.header, "instanceName": visitor.instance.name, "links": links])
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
