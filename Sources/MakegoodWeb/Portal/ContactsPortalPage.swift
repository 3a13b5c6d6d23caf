import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// Portal › Contacts and Segments (SPEC §1): list, create, edit and delete; a contact who still leads or is an
/// Also Alert of a group can't be deleted, and the page says which groups.
struct ContactsPortalPage: Sendable {
    let services: PageServices

    func show(_ visitor: PortalVisitor, request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let editing = query.get("edit").flatMap(UUID.init(uuidString:))
        let instanceID = visitor.instance.id
        let contact = try await editing.asyncMap { id in try await services.store.read { try await $0.scoped(to: instanceID).contacts.find(id) } } ?? nil
        let typed = contact.map { ["id": $0.id.storageKey, "name": $0.name, "email": $0.email, "mobile": $0.mobile] } ?? [:]
        return try await render(visitor, request: request, typed: typed, segment: [:], notice: query.get("done"), error: nil)
    }

    /// Creates a contact, or updates the one the form names.
    func save(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let typed = ["id": form["id"] ?? "", "name": form["name"] ?? "", "email": form["email"] ?? "", "mobile": form["mobile"] ?? ""]
        let instanceID = visitor.instance.id
        let now = services.now()
        do {
            let existing = UUID(uuidString: typed["id"]!)
            let contact = try Contact(id: existing ?? UUID(), name: typed["name"]!, email: typed["email"]!.trimmingCharacters(in: .whitespaces), mobile: typed["mobile"]!)
            try await services.store.write { db in
                let contacts = db.scoped(to: instanceID).contacts
                if existing != nil { try await contacts.update(contact) } else { try await contacts.create(contact, now: now) }
            }
        } catch let error as DomainError {
            return try await render(visitor, request: request, typed: typed, segment: [:], notice: nil, error: error.message, status: .unprocessableContent)
        } catch is NotFound {
            return try await render(visitor, request: request, typed: typed, segment: [:], notice: nil, error: "That contact was deleted meanwhile.", status: .conflict)
        }
        return redirect(visitor, done: "contact")
    }

    func delete(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        guard let id = form["id"].flatMap(UUID.init(uuidString:)) else { throw PageError.badRequest("The form did not say which contact to delete.") }
        let instanceID = visitor.instance.id
        do {
            try await services.store.write { try await $0.scoped(to: instanceID).contacts.delete(id) }
        } catch let error as DomainError {
            return try await render(visitor, request: request, typed: [:], segment: [:], notice: nil, error: "Not deleted: " + error.message, status: .conflict)
        } catch is NotFound {
            return redirect(visitor, done: "deleted")
        }
        return redirect(visitor, done: "deleted")
    }

    func saveSegment(_ visitor: PortalVisitor, form: FormFields, request: Request) async throws -> Response {
        let typed = ["code": form["code"] ?? "", "name": form["name"] ?? ""]
        let instanceID = visitor.instance.id
        let now = services.now()
        do {
            let segment = try Segment(code: typed["code"]!.trimmingCharacters(in: .whitespaces), name: typed["name"]!)
            _ = try await services.store.write { try await $0.scoped(to: instanceID).segments.put(segment, now: now) }
        } catch let error as DomainError {
            return try await render(visitor, request: request, typed: [:], segment: typed, notice: nil, error: error.message, status: .unprocessableContent)
        }
        return redirect(visitor, done: "segment")
    }

    private func redirect(_ visitor: PortalVisitor, done: String) -> Response {
        PageRenderer.redirect(to: "/portal/contacts?cpc=\(PortalController.encode(visitor.instance.cpc))&done=\(done)")
    }

    private func render(
        _ visitor: PortalVisitor, request: Request, typed: [String: String], segment: [String: String], notice: String?, error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let instance = visitor.instance
        let (contacts, segments) = try await services.store.read { db in
            let scope = db.scoped(to: instance.id)
            return (try await scope.contacts.list(), try await scope.segments.list().sorted { $0.code < $1.code })
        }
        let cpc = PortalController.encode(instance.cpc)
        let (token, cookie) = services.csrf.token(for: request)
        var page: [String: Any] = [
            "title": "Contacts and Segments", "visitor": visitor.header, "instanceName": instance.name, "cpc": instance.cpc, "csrf": token,
            "contacts": contacts.map {
                ["id": $0.id.storageKey, "name": $0.name, "email": $0.email, "mobile": $0.mobile,
                    "edit": "/portal/contacts?cpc=\(cpc)&edit=\($0.id.storageKey)"]
            },
            "segments": segments.map { ["code": $0.code, "name": $0.name] },
            "editing": !(typed["id"] ?? "").isEmpty,
            "contactID": typed["id"] ?? "", "contactName": typed["name"] ?? "", "contactEmail": typed["email"] ?? "",
            "contactMobile": typed["mobile"] ?? "", "segmentCode": segment["code"] ?? "", "segmentName": segment["name"] ?? "",
        ]
        let notices = ["contact": "Contact saved.", "deleted": "Contact deleted.", "segment": "Segment saved."]
        if let notice = notice.flatMap({ notices[$0] }) { page["notice"] = notice }
        if let error { page["error"] = error }
        return services.renderer.render("portal-contacts", page, status: status, cookies: cookie.map { [$0] } ?? [])
    }
}
