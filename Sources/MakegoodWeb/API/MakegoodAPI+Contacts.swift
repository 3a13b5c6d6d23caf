import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func listContacts(_ input: Operations.ListContacts.Input) async throws -> Operations.ListContacts.Output {
        let contacts = try await read { scope, _ in try await scope.contacts.list() }
        return .ok(.init(body: .json(.init(items: contacts.map(Components.Schemas.Contact.init)))))
    }

    func createContact(_ input: Operations.CreateContact.Input) async throws -> Operations.CreateContact.Output {
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the contact as JSON") }
        let contact = try Contact(name: body.name, email: body.email, mobile: body.mobile)
        let now = now()
        try await write { scope, _ in try await scope.contacts.create(contact, now: now) }
        return .created(.init(body: .json(.init(contact))))
    }

    func getContact(_ input: Operations.GetContact.Input) async throws -> Operations.GetContact.Output {
        let id = try parseID(input.path.id, "contact")
        guard let contact = try await read({ scope, _ in try await scope.contacts.find(id) }) else {
            throw NotFound("contact \(input.path.id)")
        }
        return .ok(.init(body: .json(.init(contact))))
    }

    func updateContact(_ input: Operations.UpdateContact.Input) async throws -> Operations.UpdateContact.Output {
        let id = try parseID(input.path.id, "contact")
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the contact as JSON") }
        let contact = try Contact(id: id, name: body.name, email: body.email, mobile: body.mobile)
        try await write { scope, _ in try await scope.contacts.update(contact) }
        return .ok(.init(body: .json(.init(contact))))
    }

    func deleteContact(_ input: Operations.DeleteContact.Input) async throws -> Operations.DeleteContact.Output {
        let id = try parseID(input.path.id, "contact")
        try await write { scope, _ in try await scope.contacts.delete(id) }
        return .noContent(.init())
    }
}

extension Components.Schemas.Contact {
    init(_ contact: Contact) {
        self.init(id: contact.id.storageKey, name: contact.name, email: contact.email, mobile: contact.mobile)
    }
}
