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
        adminPage("/portal", on: router) { visitor, _ in index(visitor) }
        adminPage("/portal/preferences", on: router) { try await preferences.show($0, request: $1) }
        adminForm("/portal/preferences", on: router) { try await preferences.save($0, form: $1, request: $2) }
        adminPage("/portal/data-errors", on: router) { try await dataErrors.show($0, request: $1) }
        adminForm("/portal/data-errors", on: router) { try await dataErrors.fix($0, form: $1, request: $2) }
        adminPage("/portal/reassign", on: router) { try await reassign.show($0, request: $1) }
        adminForm("/portal/reassign", on: router) { try await reassign.move($0, form: $1, request: $2) }
        let texts = SurveyTextsPortalPage(services: services)
        adminPage("/portal/survey", on: router) { try await texts.show($0, request: $1) }
        adminForm("/portal/survey", on: router) { try await texts.save($0, form: $1, request: $2) }
        adminForm("/portal/survey/remove", on: router) { try await texts.remove($0, form: $1, request: $2) }
        let invitations = InvitationsPortalPage(services: services)
        adminPage("/portal/invitations", on: router) { try await invitations.show($0, request: $1) }
        addAlertRoutes(alerts, to: router)
        addStructureRoutes(to: router)
        addAccessRoutes(to: router)
    }

    private func addAccessRoutes(to router: RouterGroup<AppRequestContext>) {
        let users = UsersPortalPage(services: services)
        let tokens = TokensPortalPage(services: services)
        adminPage("/portal/users", on: router) { try await users.show($0, request: $1) }
        adminForm("/portal/users", on: router) { try await users.invite($0, form: $1, request: $2) }
        adminForm("/portal/users/disable", on: router) { try await users.disable($0, form: $1, request: $2) }
        adminPage("/portal/tokens", on: router) { try await tokens.show($0, request: $1) }
        adminForm("/portal/tokens", on: router) { try await tokens.create($0, form: $1, request: $2) }
        adminForm("/portal/tokens/revoke", on: router) { try await tokens.revoke($0, form: $1, request: $2) }
    }

    private func addStructureRoutes(to router: RouterGroup<AppRequestContext>) {
        let contacts = ContactsPortalPage(services: services)
        let groups = GroupsPortalPage(services: services)
        adminPage("/portal/contacts", on: router) { try await contacts.show($0, request: $1) }
        adminForm("/portal/contacts", on: router) { try await contacts.save($0, form: $1, request: $2) }
        adminForm("/portal/contacts/delete", on: router) { try await contacts.delete($0, form: $1, request: $2) }
        adminForm("/portal/segments", on: router) { try await contacts.saveSegment($0, form: $1, request: $2) }
        adminPage("/portal/groups", on: router) { try await groups.show($0, request: $1) }
        adminForm("/portal/groups", on: router) { try await groups.save($0, form: $1, request: $2) }
    }

    private func addAlertRoutes(_ alerts: AlertsHistoryPortalPage, to router: RouterGroup<AppRequestContext>) {
        adminPage("/portal/alerts", on: router) { try await alerts.show($0, request: $1) }
        adminPage("/portal/alerts/report.pdf", on: router) { try await alerts.report($0, request: $1) }
        adminForm("/portal/alerts/resend", on: router) { try await alerts.resend($0, form: $1, request: $2) }
    }

    /// A page for the instance's admins: `page` answers with the visitor and the request.
    private func adminPage(
        _ path: RouterPath, on router: RouterGroup<AppRequestContext>,
        _ page: @escaping @Sendable (PortalVisitor, Request) async throws -> Response
    ) {
        router.get(path) { request, context in
            try await admin(request, context: context, form: nil) { visitor, _ in try await page(visitor, request) }
        }
    }

    /// A form the instance's admins post: it is read before the gate, which takes the instance from it.
    private func adminForm(
        _ path: RouterPath, on router: RouterGroup<AppRequestContext>,
        _ action: @escaping @Sendable (PortalVisitor, FormFields, Request) async throws -> Response
    ) {
        router.post(path) { request, context in
            let form = try await services.form(request, context: context)
            return try await admin(request, context: context, form: form) { try await action($0, $1, request) }
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
