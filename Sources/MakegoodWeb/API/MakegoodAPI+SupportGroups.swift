import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func listSupportGroups(_ input: Operations.ListSupportGroups.Input) async throws -> Operations.ListSupportGroups.Output {
        let groups = try await read { scope, _ in try await scope.supportGroups.list() }
        return .ok(.init(body: .json(.init(items: groups.map(Components.Schemas.SupportGroup.init)))))
    }

    func getSupportGroup(_ input: Operations.GetSupportGroup.Input) async throws -> Operations.GetSupportGroup.Output {
        let code = try parseCode(input.path.code, "support group")
        guard let group = try await read({ scope, _ in try await scope.supportGroups.find(code) }) else {
            throw NotFound("support group \(code)")
        }
        return .ok(.init(body: .json(.init(group))))
    }

    func putSupportGroup(_ input: Operations.PutSupportGroup.Input) async throws -> Operations.PutSupportGroup.Output {
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the support group as JSON") }
        guard let lead = UUID(uuidString: body.lead) else {
            throw DomainError(.unknownReference, field: "lead", "lead \(body.lead) is not a contact id of this instance")
        }
        let alsoAlerts = try (body.alsoAlerts ?? []).enumerated().map { index, also in
            guard let contact = UUID(uuidString: also.contact) else {
                throw DomainError(
                    .unknownReference, field: "alsoAlerts[\(index)].contact", "\(also.contact) is not a contact id of this instance")
            }
            return AlsoAlert(contact: contact, access: also.access == .dashboard ? .dashboard : .alertsOnly)
        }
        let group = try SupportGroup(
            code: input.path.code, name: body.name, department: body.department, lead: lead, alsoAlerts: alsoAlerts)
        let now = now()
        let created = try await write { scope, _ in try await scope.supportGroups.put(group, now: now) }
        let answer = Components.Schemas.SupportGroup(group)
        return created ? .created(.init(body: .json(answer))) : .ok(.init(body: .json(answer)))
    }

    func deleteSupportGroup(_ input: Operations.DeleteSupportGroup.Input) async throws -> Operations.DeleteSupportGroup.Output {
        let code = try parseCode(input.path.code, "support group")
        try await write { scope, _ in try await scope.supportGroups.delete(code) }
        return .noContent(.init())
    }
}

extension Components.Schemas.SupportGroup {
    init(_ group: SupportGroup) {
        self.init(
            code: group.code, name: group.name, department: group.department, lead: group.lead.storageKey,
            alsoAlerts: group.alsoAlerts.map {
                .init(contact: $0.contact.storageKey, access: $0.access == .dashboard ? .dashboard : .alertsOnly)
            })
    }
}
