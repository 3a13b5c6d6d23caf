public import Foundation
public import MakegoodDomain
public import SQLKit

/// Portal logins of one instance: admins, and contacts given a login.
public struct UserRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// A login as stored; the password only as a slow hash.
    public struct User: Sendable {
        public let id: UUID
        public let email: String
        public let role: Role
        public let contact: UUID?
        public let passwordHash: String
        public let createdAt: Date
        /// When an admin disabled the login; a disabled login can't log in and its sessions stop working.
        public var disabledAt: Date? = nil
    }

    /// What a user may do in the instance.
    public enum Role: String, Sendable, CaseIterable {
        case admin, member
    }

    /// Stores a login; an email already used in the instance is a conflict.
    public func create(email: String, role: Role, contact: UUID?, passwordHash: String, now: Date) async throws -> User {
        if try await find(email: email) != nil {
            throw DomainError(.conflict, field: "email", "\(email) already has a login in this instance")
        }
        if let contact, try await scope.contacts.find(contact) == nil {
            throw DomainError(
                .unknownReference, field: "contact", "contact \(contact.storageKey) is not a contact of this instance")
        }
        let user = User(
            id: UUID(), email: email, role: role, contact: contact, passwordHash: passwordHash,
            createdAt: Instant.date(Instant.milliseconds(now)))
        try await sql.raw(
            """
            INSERT INTO users (id, instance_id, email, password_hash, role, contact_id, created_at)
            VALUES (\(bind: user.id.storageKey), \(bind: scope.key), \(bind: email), \(bind: passwordHash), \(bind: role.rawValue),
                \(bind: contact?.storageKey), \(bind: Instant.milliseconds(now)))
            """
        ).run()
        return user
    }

    /// The login with this email (compared without case).
    public func find(email: String) async throws -> User? {
        try await sql.raw(
            "SELECT * FROM users WHERE instance_id = \(bind: scope.key) AND LOWER(email) = LOWER(\(bind: email))"
        ).first().map(Self.decode)
    }

    /// The login with this id.
    public func find(id: UUID) async throws -> User? {
        try await sql.raw(
            "SELECT * FROM users WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey) AND disabled_at IS NULL"
        ).first().map(Self.decode)
    }

    /// Every login, by email.
    public func list() async throws -> [User] {
        try await sql.raw("SELECT * FROM users WHERE instance_id = \(bind: scope.key) ORDER BY email").all().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> User {
        User(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            email: try row.decode(column: "email", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
            contact: try row.decode(column: "contact_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            createdAt: Instant.date(try row.decode(column: "created_at", as: Int64.self)),
            disabledAt: try row.decode(column: "disabled_at", as: Int64?.self).map(Instant.date))
    }
}

extension UserRepository {
    /// Disables a login; its sessions stop at their next request.
    public func disable(_ id: UUID, now: Date) async throws {
        try await sql.raw(
            "UPDATE users SET disabled_at = \(bind: Instant.milliseconds(now)) WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey) AND disabled_at IS NULL"
        ).run()
    }

    /// Replaces the password hash of the login with this id.
    public func setPassword(id: UUID, hash: String) async throws {
        try await sql.raw(
            "UPDATE users SET password_hash = \(bind: hash) WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)"
        ).run()
    }

    /// Replaces a login's password hash.
    public func setPassword(email: String, hash: String) async throws {
        try await sql.raw(
            "UPDATE users SET password_hash = \(bind: hash) WHERE instance_id = \(bind: scope.key) AND LOWER(email) = LOWER(\(bind: email))"
        ).run()
    }
}
