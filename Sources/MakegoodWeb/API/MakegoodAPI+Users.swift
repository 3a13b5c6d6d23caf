import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        let users = try await read { scope, _ in try await scope.users.list() }
        return .ok(.init(body: .json(.init(items: users.map(Components.Schemas.User.init)))))
    }

    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the user as JSON") }
        let email = try EmailAddress.validate(body.email, field: "email")
        if let password = body.password, PlainText.length(password) < 10 || password.utf8.count > 72 {
            throw DomainError(field: "password", "password must be 10 to 72 characters, or leave it out to have one generated")
        }
        let contact = try body.contact.map { text in
            guard let id = UUID(uuidString: text) else {
                throw DomainError(.unknownReference, field: "contact", "\(text) is not a contact id of this instance")
            }
            return id
        }
        let generated = body.password == nil ? Secrets.random(length: 20) : nil
        // Slow on purpose, so done before the transaction takes the write lock.
        let hash = try await PasswordWork.hash(body.password ?? generated!, cost: Secrets.passwordCost)
        let now = now()
        let user = try await write { scope, _ in
            try await scope.users.create(
                email: email, role: body.role == .admin ? .admin : .member, contact: contact, passwordHash: hash, now: now)
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        id: user.id.storageKey, email: user.email, role: body.role == .admin ? .admin : .member,
                        contact: user.contact?.storageKey, createdAt: user.createdAt, password: generated))))
    }
}

extension Components.Schemas.User {
    init(_ user: UserRepository.User) {
        self.init(
            id: user.id.storageKey, email: user.email, role: user.role == .admin ? .admin : .member,
            contact: user.contact?.storageKey, createdAt: user.createdAt)
    }
}
