public import Foundation
public import MakegoodDomain
public import SQLKit

/// The Contacts of one instance.
public struct ContactRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// Stores a new contact.
    public func create(_ contact: Contact, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO contacts (id, instance_id, name, email, mobile, created_at)
            VALUES (\(bind: contact.id.storageKey), \(bind: scope.key), \(bind: contact.name), \(bind: contact.email),
                \(bind: contact.mobile), \(bind: Instant.milliseconds(now)))
            """
        ).run()
    }

    /// Every contact, by name.
    public func list() async throws -> [Contact] {
        try await sql.raw("SELECT * FROM contacts WHERE instance_id = \(bind: scope.key) ORDER BY name, id").all().map(Self.decode)
    }

    /// The contact with this id, in this instance only.
    public func find(_ id: UUID) async throws -> Contact? {
        try await sql.raw("SELECT * FROM contacts WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)")
            .first().map(Self.decode)
    }

    /// Replaces a contact's details.
    public func update(_ contact: Contact) async throws {
        guard try await find(contact.id) != nil else { throw NotFound("contact \(contact.id.storageKey)") }
        try await sql.raw(
            """
            UPDATE contacts SET name = \(bind: contact.name), email = \(bind: contact.email), mobile = \(bind: contact.mobile)
            WHERE instance_id = \(bind: scope.key) AND id = \(bind: contact.id.storageKey)
            """
        ).run()
    }

    /// Deletes a contact who leads no group and is no group's Also Alert.
    public func delete(_ id: UUID) async throws {
        guard try await find(id) != nil else { throw NotFound("contact \(id.storageKey)") }
        let groups = try await sql.raw(
            """
            SELECT g.code, g.name FROM support_groups g WHERE g.instance_id = \(bind: scope.key) AND (g.lead_contact_id = \(bind: id.storageKey)
                OR EXISTS (SELECT 1 FROM also_alerts a WHERE a.instance_id = g.instance_id AND a.group_code = g.code
                    AND a.contact_id = \(bind: id.storageKey)))
            ORDER BY g.code
            """
        ).all().map { "\(try $0.decode(column: "name", as: String.self)) (\(try $0.decode(column: "code", as: String.self)))" }
        guard groups.isEmpty else {
            throw DomainError(
                .conflict, field: nil,
                "this contact is the Support Lead or an Also Alert of \(groups.joined(separator: ", ")); give those groups another lead or remove the Also Alert first"
            )
        }
        try await sql.raw("UPDATE users SET contact_id = NULL WHERE instance_id = \(bind: scope.key) AND contact_id = \(bind: id.storageKey)").run()
        try await sql.raw("DELETE FROM contacts WHERE instance_id = \(bind: scope.key) AND id = \(bind: id.storageKey)").run()
    }

    static func decode(_ row: any SQLRow) throws -> Contact {
        // Rows were checked on the way in; checking again would make old rows unreadable if a rule tightens.
        Contact.restored(
            id: UUID(uuidString: try row.decode(column: "id", as: String.self))!,
            name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            mobile: try row.decode(column: "mobile", as: String.self))
    }
}
