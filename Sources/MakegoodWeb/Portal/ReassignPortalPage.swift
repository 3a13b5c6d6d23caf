import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// Portal › Reassign Transactional Surveys (SPEC §1): move responses, one or many, to another Support Group; who
/// moved what, and when, is kept and listed.
struct ReassignPortalPage: Sendable {
    let services: PageServices

    static let shown = 200

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let moved = query.get("moved").flatMap(Int.init)
        return try await render(
            visitor, request: request, rgid: query.get("rgid"), from: query.get("from"), to: query.get("to"), moved: moved, error: nil)
    }

    func move(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let ids = form.all("id").compactMap(UUID.init(uuidString:))
        let target = (form["target"] ?? "").trimmingCharacters(in: .whitespaces)
        let filters = (rgid: form["rgid"], from: form["from"], to: form["to"])
        guard !ids.isEmpty, !target.isEmpty else {
            return try await render(
                visitor, request: request, rgid: filters.rgid, from: filters.from, to: filters.to, moved: nil,
                error: "Tick at least one response and choose the Support Group to move it to.", status: .unprocessableContent)
        }
        let instanceID = visitor.instance.id
        let actor = visitor.user.email
        let now = services.now()
        do {
            try await services.store.write { db in
                let responses = db.scoped(to: instanceID).responses
                for id in ids { _ = try await responses.reassign(id, to: target, by: actor, now: now) }
            }
        } catch let error as DomainError {
            return try await render(
                visitor, request: request, rgid: filters.rgid, from: filters.from, to: filters.to, moved: nil, error: error.message,
                status: .unprocessableContent)
        } catch is NotFound {
            return try await render(
                visitor, request: request, rgid: filters.rgid, from: filters.from, to: filters.to, moved: nil,
                error: "One of the responses is not current any more (a newer survey replaced it); nothing was moved. Tick them again.",
                status: .conflict)
        }
        var components = URLComponents()
        components.path = "/portal/reassign"
        components.queryItems = [URLQueryItem(name: "cpc", value: visitor.instance.cpc), URLQueryItem(name: "rgid", value: target),
            URLQueryItem(name: "from", value: filters.from ?? ""), URLQueryItem(name: "to", value: filters.to ?? ""),
            URLQueryItem(name: "moved", value: "\(ids.count)")]
        return PageRenderer.redirect(to: components.percentEncodedURLString)
    }

    private func render(
        _ visitor: PortalVisitor, request: Request, rgid: String?, from: String?, to: String?, moved: Int?, error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let instance = visitor.instance
        let zone = instance.preferences.timezone
        let filters = try SurveyResponsesReportRequest(
            from: from, to: to, groups: rgid.map { [$0] } ?? [], combine: nil, min: nil, max: nil, srn: nil, format: nil,
            today: LocalDate(containing: services.now(), in: zone))
        var query = ResponseQuery(
            receivedFrom: filters.from.startOfDay(in: zone), receivedBefore: filters.to.adding(days: 1).startOfDay(in: zone),
            groups: filters.groups.isEmpty ? nil : filters.groups, limit: Self.shown)
        query.status = .all
        let search = query
        let (responses, groups, audit) = try await services.store.read { db in
            let scope = db.scoped(to: instance.id)
            return (
                try await scope.responses.list(search).items, try await scope.supportGroups.list().sorted { $0.name < $1.name },
                try await scope.responses.recentReassignments()
            )
        }
        let names = Dictionary(uniqueKeysWithValues: groups.map { ($0.code, $0.name) })
        let (token, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Reassign Transactional Surveys", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc,
            "csrf": token, "from": filters.from.description, "to": filters.to.description, "rgid": rgid ?? "",
            "groups": groups.map { ["code": $0.code, "name": $0.name, "selected": $0.code == rgid] as [String: Any] },
            "rows": responses.map { response -> [String: Any] in
                let s = response.submission
                return [
                    "id": response.id.storageKey, "ticket": s.ticketId ?? "", "received": DisplayTime.format(s.receivedAt, in: zone),
                    "group": s.supportGroupCode.map { names[$0] ?? $0 } ?? "—", "customer": s.customerName ?? "", "rating": "\(s.rating.value)",
                    "band": s.rating.band.rawValue,
                ]
            },
            "audit": audit.map { record -> [String: String] in
                let r = record.reassignment
                return [
                    "ticket": record.ticketId ?? "", "from": r.from.map { names[$0] ?? $0 } ?? "—", "to": names[r.to] ?? r.to, "by": r.by,
                    "at": DisplayTime.format(r.at, in: zone),
                ]
            },
        ]
        if let moved { page["moved"] = "Moved \(moved) response\(moved == 1 ? "" : "s"). Old links to them now say that nothing matches." }
        if let error { page["error"] = error }
        return services.renderer.render("portal-reassign", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }
}
