import Foundation
import Hummingbird
import MakegoodDomain
import MakegoodStore

/// How a notes dialog request was let in: by a report link's signed grant, or by a login (SPEC §6).
struct NotesDialogAccess: Sendable {
    let instance: Instance
    /// The logged-in visitor of this instance, if any; their name is the default author even on a link.
    let visitor: PortalVisitor?
    /// The grant of a signed link, echoed back by the form so a save is checked the same way.
    let grant: LinkGrant?
    let signature: String?

    /// Checks a link's signature, else the login; throws the page to show when neither lets the request in.
    /// Returns nil when the visitor must log in first.
    static func resolve(
        cpc: String, parameters: (String) -> String?, services: PageServices, context: AppRequestContext
    ) async throws -> NotesDialogAccess? {
        let visitor = try await services.visitor(context)
        let found = try await services.store.read { try await $0.instances.find(cpc: cpc) }
        if let signature = parameters("sig"), !signature.isEmpty {
            guard let expires = LinkGrant.expiry(parameters("exp")) else { throw PageError.badLink }
            let grant = LinkGrant(
                cpc: cpc, rgid: parameters("rgid"), date: parameters("date"), tid: parameters("tid"), recipient: parameters("r"),
                expires: expires)
            do {
                try services.signer.verify(grant, signature: signature, now: services.now())
            } catch {
                throw PageError.badLink
            }
            guard let instance = found else { throw PageError.badLink }
            let ownVisitor = visitor?.instance.id == instance.id ? visitor : nil
            return NotesDialogAccess(instance: instance, visitor: ownVisitor, grant: grant, signature: signature)
        }
        guard let visitor else { return nil }
        guard let instance = found, visitor.instance.id == instance.id else { throw PageError.notFound(cpc: cpc) }
        guard visitor.access != .none else { throw PageError.forbidden }
        return NotesDialogAccess(instance: instance, visitor: visitor, grant: nil, signature: nil)
    }

    /// What a note saved through this request records of the link it came through; nil for a login.
    var noteLink: NoteLink? {
        grant.map { NoteLink(recipient: $0.recipient.flatMap(UUID.init(uuidString:))) }
    }

    /// Whether this request may give a case of `group` to another of its contacts: an admin, or the group's lead,
    /// logged in (a report link lets its holder work the case, not hand it on).
    func mayAssign(in group: SupportGroup?) -> Bool {
        guard let visitor, let group else { return false }
        return visitor.access == .admin || visitor.contact?.id == group.lead
    }

    /// The groups whose responses this request may see; nil means every group.
    var allowedGroups: Set<String>? {
        // A link grants exactly what it names, whoever holds it.
        if grant != nil { return nil }
        if case .alertsOnly(let groups) = visitor?.access { return groups }
        return nil
    }

    /// The query items that reopen the dialog the same way (the grant and its signature, when there is one).
    func queryItems(request: NotesDialogRequest, at: UUID?) -> [URLQueryItem] {
        var items: [URLQueryItem]
        if let grant, let signature {
            items = grant.queryItems(signature: signature)
        } else {
            items = request.queryItems(cpc: instance.cpc)
        }
        if let at { items.append(URLQueryItem(name: "at", value: at.storageKey)) }
        return items
    }
}
