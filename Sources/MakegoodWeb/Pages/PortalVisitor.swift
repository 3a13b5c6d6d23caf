import Foundation
import HummingbirdAuth
import MakegoodDomain
import MakegoodStore

/// The person behind a page request who logged in: their login, instance, contact and what they may open.
struct PortalVisitor: Sendable {
    let instance: Instance
    let user: UserRepository.User
    let contact: Contact?
    let access: PortalAccess

    /// The name a note defaults to: the contact's name, else the login's email.
    var displayName: String { contact?.name ?? user.email }

    /// The visitor of a session, read afresh so role and group changes apply at once; nil when the session's
    /// login or instance is gone, or its password changed since the session began.
    static func load(_ session: WebSession?, store: Store) async throws -> PortalVisitor? {
        guard let session, let instanceID = UUID(uuidString: session.instanceID), let userID = UUID(uuidString: session.userID)
        else { return nil }
        return try await store.read { db -> PortalVisitor? in
            guard let instance = try await db.instances.find(id: instanceID) else { return nil }
            let scope = db.scoped(to: instance.id)
            guard let user = try await scope.users.find(id: userID), session.isCurrent(for: user) else { return nil }
            let contact = try await user.contact.asyncMap { try await scope.contacts.find($0) } ?? nil
            let groups = try await scope.supportGroups.list()
            let access = PortalAccess.of(isAdmin: user.role == .admin, contact: contact?.id, groups: groups)
            return PortalVisitor(instance: instance, user: user, contact: contact, access: access)
        }
    }

    /// What the page header shows about the visitor.
    var header: [String: String] { ["name": displayName, "cpc": instance.cpc] }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
