public import Foundation
public import MakegoodDomain
public import SQLKit

/// The Support Groups (Departments and Teams) of one instance, with their leads and Also Alerts.
public struct SupportGroupRepository: Sendable {
    let scope: InstanceScope
    var sql: any SQLDatabase { scope.sql }

    /// Creates or replaces a group after checking its people and its place in the tree;
    /// returns whether it was created. A new code makes waiting responses valid.
    public func put(_ group: SupportGroup, now: Date) async throws -> Bool {
        let contacts = scope.contacts
        guard try await contacts.find(group.lead) != nil else {
            throw DomainError(
                .unknownReference, field: "lead",
                "lead \(group.lead.storageKey) is not a contact of this instance; create the contact first")
        }
        for also in group.alsoAlerts where try await contacts.find(also.contact) == nil {
            throw DomainError(
                .unknownReference, field: "alsoAlerts",
                "Also Alert \(also.contact.storageKey) is not a contact of this instance; create the contact first")
        }
        try await hierarchy().validateParent(group.department, for: group.code)
        if let clash = try await sql.raw(
            "SELECT code FROM support_groups WHERE instance_id = \(bind: scope.key) AND name = \(bind: group.name) AND code <> \(bind: group.code)"
        ).first() {
            let other = try clash.decode(column: "code", as: String.self)
            throw DomainError(.conflict, field: "name", "the name \(group.name) is already used by Support Group \(other); pick another name")
        }

        let created = try await find(group.code) == nil
        if created {
            try await sql.raw(
                """
                INSERT INTO support_groups (instance_id, code, name, department_code, lead_contact_id)
                VALUES (\(bind: scope.key), \(bind: group.code), \(bind: group.name), \(bind: group.department), \(bind: group.lead.storageKey))
                """
            ).run()
        } else {
            try await sql.raw(
                """
                UPDATE support_groups SET name = \(bind: group.name), department_code = \(bind: group.department),
                    lead_contact_id = \(bind: group.lead.storageKey)
                WHERE instance_id = \(bind: scope.key) AND code = \(bind: group.code)
                """
            ).run()
            try await sql.raw("DELETE FROM also_alerts WHERE instance_id = \(bind: scope.key) AND group_code = \(bind: group.code)").run()
        }
        for (position, also) in group.alsoAlerts.enumerated() {
            try await sql.raw(
                """
                INSERT INTO also_alerts (instance_id, group_code, contact_id, access, position)
                VALUES (\(bind: scope.key), \(bind: group.code), \(bind: also.contact.storageKey), \(bind: also.access.rawValue), \(bind: position))
                """
            ).run()
        }
        if created {
            try await scope.responses.revalidate(mentioning: group.code, now: now)
        }
        return created
    }

    /// The group with this code.
    public func find(_ code: String) async throws -> SupportGroup? {
        guard let row = try await sql.raw("SELECT * FROM support_groups WHERE instance_id = \(bind: scope.key) AND code = \(bind: code)").first()
        else { return nil }
        return try decode(row, alsoAlerts: try await alsoAlerts(of: [code])[code] ?? [])
    }

    /// Every group, by code.
    public func list() async throws -> [SupportGroup] {
        let rows = try await sql.raw("SELECT * FROM support_groups WHERE instance_id = \(bind: scope.key) ORDER BY code").all()
        let alsoAlerts = try await alsoAlerts(of: nil)
        var groups: [SupportGroup] = []
        for row in rows {
            let code = try row.decode(column: "code", as: String.self)
            groups.append(try decode(row, alsoAlerts: alsoAlerts[code] ?? []))
        }
        return groups
    }

    /// Deletes a group that has no Teams and no responses.
    public func delete(_ code: String) async throws {
        guard try await find(code) != nil else { throw NotFound("support group \(code)") }
        if let team = try await sql.raw(
            "SELECT code FROM support_groups WHERE instance_id = \(bind: scope.key) AND department_code = \(bind: code) ORDER BY code"
        ).first() {
            throw DomainError(
                .conflict, field: nil,
                "\(code) is the department of \(try team.decode(column: "code", as: String.self)); move or delete its teams first")
        }
        if try await sql.raw(
            "SELECT id FROM survey_responses WHERE instance_id = \(bind: scope.key) AND support_group_code = \(bind: code) AND superseded_by IS NULL LIMIT 1"
        ).first() != nil {
            throw DomainError(
                .conflict, field: nil, "survey responses are assigned to \(code); reassign them to another group first")
        }
        try await sql.raw("DELETE FROM also_alerts WHERE instance_id = \(bind: scope.key) AND group_code = \(bind: code)").run()
        try await sql.raw("DELETE FROM support_groups WHERE instance_id = \(bind: scope.key) AND code = \(bind: code)").run()
    }

    /// Each group's department, for tree rules.
    public func hierarchy() async throws -> GroupHierarchy {
        let rows = try await sql.raw("SELECT code, department_code FROM support_groups WHERE instance_id = \(bind: scope.key)").all()
        var parents: [String: String?] = [:]
        for row in rows {
            parents[try row.decode(column: "code", as: String.self)] = .some(try row.decode(column: "department_code", as: String?.self))
        }
        return GroupHierarchy(parents: parents)
    }

    private func alsoAlerts(of codes: [String]?) async throws -> [String: [AlsoAlert]] {
        var query: SQLQueryString = "SELECT group_code, contact_id, access FROM also_alerts WHERE instance_id = \(bind: scope.key)"
        if let codes, let code = codes.first, codes.count == 1 {
            query = query + " AND group_code = \(bind: code)"
        }
        let rows = try await sql.raw(query + " ORDER BY group_code, position").all()
        var result: [String: [AlsoAlert]] = [:]
        for row in rows {
            let access = AlsoAlert.Access(rawValue: try row.decode(column: "access", as: String.self)) ?? .alertsOnly
            let contact = UUID(uuidString: try row.decode(column: "contact_id", as: String.self))!
            result[try row.decode(column: "group_code", as: String.self), default: []].append(AlsoAlert(contact: contact, access: access))
        }
        return result
    }

    private func decode(_ row: any SQLRow, alsoAlerts: [AlsoAlert]) throws -> SupportGroup {
        SupportGroup.restored(
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            department: try row.decode(column: "department_code", as: String?.self),
            lead: UUID(uuidString: try row.decode(column: "lead_contact_id", as: String.self))!,
            alsoAlerts: alsoAlerts)
    }
}
