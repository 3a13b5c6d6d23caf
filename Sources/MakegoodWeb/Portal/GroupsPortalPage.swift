import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// Portal › Support Groups (SPEC §1): the Departments and their Teams as a tree, and a form to create or edit a
/// group with its parent, its Support Lead and up to six Also Alerts; a seventh is refused with the rule.
struct GroupsPortalPage: Sendable {
    let services: PageServices

    /// Rows the form offers for Also Alerts: one more than allowed, so the limit is met with a clear refusal.
    static let alsoAlertRows = SupportGroup.maxAlsoAlerts + 1

    struct Typed: Sendable {
        var code = "", name = "", department = "", lead = ""
        var alsoAlerts: [(contact: String, access: String)] = []
        var existing = false
    }

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let instanceID = visitor.instance.id
        var typed = Typed()
        if let code = query.get("edit"),
            let group = try await services.store.read({ try await $0.scoped(to: instanceID).supportGroups.find(code) })
        {
            typed = Typed(
                code: group.code, name: group.name, department: group.department ?? "", lead: group.lead.storageKey,
                alsoAlerts: group.alsoAlerts.map { ($0.contact.storageKey, $0.access.rawValue) }, existing: true)
        }
        return try await render(visitor, request: request, typed: typed, notice: query.get("saved").map { "Saved \($0)." }, error: nil)
    }

    func save(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let contacts = form.all("also"), accesses = form.all("access")
        var typed = Typed(
            code: (form["code"] ?? "").trimmingCharacters(in: .whitespaces), name: form["name"] ?? "", department: form["department"] ?? "",
            lead: form["lead"] ?? "", existing: form["existing"] == "yes")
        typed.alsoAlerts = zip(contacts, accesses).filter { !$0.0.isEmpty }.map { ($0.0, $0.1) }
        let instanceID = visitor.instance.id
        let now = services.now()
        do {
            guard let lead = UUID(uuidString: typed.lead) else {
                throw DomainError(field: "lead", "Choose the group's Support Lead.")
            }
            let alsoAlerts = typed.alsoAlerts.compactMap { also in
                UUID(uuidString: also.contact).map { AlsoAlert(contact: $0, access: also.access == "dashboard" ? .dashboard : .alertsOnly) }
            }
            let group = try SupportGroup(
                code: typed.code, name: typed.name, department: typed.department.isEmpty ? nil : typed.department, lead: lead,
                alsoAlerts: alsoAlerts)
            let isNew = !typed.existing
            _ = try await services.store.write { db in
                let groups = db.scoped(to: instanceID).supportGroups
                if isNew, try await groups.find(group.code) != nil {
                    throw DomainError(.conflict, field: "code", "A Support Group with the code \(group.code) already exists; edit it from the list instead.")
                }
                return try await groups.put(group, now: now)
            }
        } catch let error as DomainError {
            return try await render(visitor, request: request, typed: typed, notice: nil, error: error.message, status: .unprocessableContent)
        }
        return PageRenderer.redirect(
            to: "/portal/groups?cpc=\(PortalController.encode(visitor.instance.cpc))&saved=\(PortalController.encode(typed.code))")
    }

    private func render(
        _ visitor: PortalVisitor, request: Request, typed: Typed, notice: String?, error: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let instance = visitor.instance
        let (groups, contacts) = try await services.store.read { db in
            let scope = db.scoped(to: instance.id)
            return (try await scope.supportGroups.list(), try await scope.contacts.list())
        }
        let names = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id, $0.name) })
        let cpc = PortalController.encode(instance.cpc)
        // Departments first, each followed by its Teams, indented by depth.
        var tree: [[String: Any]] = []
        func add(parent: String?, depth: Int) {
            for group in groups.filter({ $0.department == parent }).sorted(by: { $0.name < $1.name }) where depth < 20 {
                tree.append([
                    "code": group.code, "name": group.name, "depth": "\(depth)", "lead": names[group.lead] ?? "?",
                    "alsoAlerts": group.alsoAlerts.map { "\(names[$0.contact] ?? "?") (\($0.access == .dashboard ? "dashboard" : "alerts only"))" }
                        .joined(separator: ", "),
                    "edit": "/portal/groups?cpc=\(cpc)&edit=\(PortalController.encode(group.code))",
                ])
                add(parent: group.code, depth: depth + 1)
            }
        }
        add(parent: nil, depth: 0)
        let orphans = groups.filter { group in group.department.map { code in !groups.contains { $0.code == code } } ?? false }
        for group in orphans { tree.append(["code": group.code, "name": group.name, "depth": "0", "lead": names[group.lead] ?? "?", "alsoAlerts": "", "edit": ""]) }
        func contactOptions(_ selected: String) -> [[String: Any]] {
            contacts.sorted { $0.name < $1.name }.map { ["id": $0.id.storageKey, "name": $0.name, "selected": $0.id.storageKey == selected] }
        }
        let rows = (0..<Self.alsoAlertRows).map { index -> [String: Any] in
            let also = index < typed.alsoAlerts.count ? typed.alsoAlerts[index] : ("", "alertsOnly")
            return ["contacts": contactOptions(also.0), "dashboard": also.1 == "dashboard", "number": "\(index + 1)"]
        }
        let (token, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Support Groups", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc, "csrf": token,
            "tree": tree, "code": typed.code, "name": typed.name, "existing": typed.existing,
            "departments": groups.filter { $0.code != typed.code }.sorted { $0.name < $1.name }
                .map { ["code": $0.code, "name": $0.name, "selected": $0.code == typed.department] as [String: Any] },
            "leads": contactOptions(typed.lead), "alsoRows": rows, "max": "\(SupportGroup.maxAlsoAlerts)",
        ]
        if let notice { page["notice"] = notice }
        if let error { page["error"] = error }
        return services.renderer.render("portal-groups", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }
}
