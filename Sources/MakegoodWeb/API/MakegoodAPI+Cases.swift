import Foundation
import MakegoodDomain
import MakegoodStore

extension MakegoodAPI {
    func listCases(_ input: Operations.ListCases.Input) async throws -> Operations.ListCases.Output {
        let q = input.query
        let limit = try parsePageLimit(q.limit)
        let from = try q.from.map { try parseLocalDate($0, field: "from") }
        let to = try q.to.map { try parseLocalDate($0, field: "to") }
        let cursor = try parsePageCursor(q.cursor)
        let owner = try q.owner.map { text in
            guard let id = UUID(uuidString: text) else {
                throw APIError.badRequest("owner must be a contact's id (a UUID); got \(text.debugDescription)", field: "owner")
            }
            return id
        }
        let groups = try parseGroupFilter(q.rgid)
        let now = now()
        let (page, context) = try await read { scope, instance in
            let all = try await scope.supportGroups.list()
            let range = LocalDate.instantRange(from: from, to: to, in: instance.preferences.timezone)
            let query = CaseQuery(
                states: q.state.flatMap { CaseState(rawValue: $0.rawValue) }.map { [$0] }, overdue: q.overdue, now: now, groups: groups,
                owner: owner.map { ($0, all) }, alertedFrom: range.lower, alertedBefore: range.upper, limit: limit, after: cursor)
            let page = try await scope.cases.list(query)
            return (page, try await CaseContext.read(page.items.map(\.case.responseID), groups: all, scope: scope))
        }
        let items = page.items.map { Components.Schemas.Case($0.case, group: $0.group, context: context, now: now) }
        return .ok(.init(body: .json(.init(items: items, next: page.next?.token))))
    }

    func getCase(_ input: Operations.GetCase.Input) async throws -> Operations.GetCase.Output {
        let id = try parseID(input.path.id, "case")
        let now = now()
        let found = try await read { scope, _ in try await Self.caseWithHistory(id, scope: scope) }
        guard let found else { throw NotFound("case \(input.path.id)") }
        return .ok(.init(body: .json(.init(found.case, group: found.group, context: found.context, now: now, events: found.events))))
    }

    func updateCase(_ input: Operations.UpdateCase.Input) async throws -> Operations.UpdateCase.Output {
        let id = try parseID(input.path.id, "case")
        guard case .json(let body) = input.body else { throw APIError.badRequest("send the changes as JSON") }
        guard body.note != nil || body.owner != nil || body.reopen != nil || body.resolution != nil else {
            throw APIError.badRequest("send at least one of note, owner, reopen and resolution")
        }
        let now = now()
        let draft = try body.note.map { note in
            if let createdAt = note.createdAt, createdAt > now.addingTimeInterval(300) {
                throw DomainError(field: "note.createdAt", "createdAt is in the future; it is only for importing notes written earlier")
            }
            return try NoteDraft(author: note.author, spokeToCustomer: note.spokeToCustomer, text: note.text, createdAt: note.createdAt ?? now)
        }
        var wanted: [CaseAction] = []
        if let owner = body.owner {
            guard let contact = UUID(uuidString: owner) else {
                throw APIError.badRequest("owner must be a contact's id (a UUID); got \(owner.debugDescription)", field: "owner")
            }
            wanted.append(.assign(contact))
        }
        if body.reopen == true { wanted.append(.reopen) }
        if let name = body.resolution?.rawValue, let resolution = CaseResolution(rawValue: name) {
            wanted.append(.close(resolution, withNote: draft != nil))
        }
        let actions = wanted
        let found = try await write { scope, _ in
            guard let current = try await scope.cases.find(id: id) else { throw NotFound("case \(input.path.id)") }
            let responseID = current.case.responseID
            if let draft { _ = try await scope.notes.append(draft, to: responseID, now: now) }
            let group = try await current.group.asyncMap { try await scope.supportGroups.find($0) } ?? nil
            for action in actions {
                try await scope.cases.apply(action, to: responseID, by: draft?.author ?? "API", at: now, group: group)
            }
            return try await Self.caseWithHistory(id, scope: scope)
        }
        guard let found else { throw NotFound("case \(input.path.id)") }
        return .ok(.init(body: .json(.init(found.case, group: found.group, context: found.context, now: now, events: found.events))))
    }

    private static func caseWithHistory(_ id: UUID, scope: InstanceScope) async throws
        -> (case: RecoveryCase, group: String?, context: CaseContext, events: [CaseEvent])?
    {
        guard let found = try await scope.cases.find(id: id) else { return nil }
        let context = try await CaseContext.read([found.case.responseID], groups: try await scope.supportGroups.list(), scope: scope)
        return (found.case, found.group, context, try await scope.cases.events(of: id))
    }
}

/// What the API's view of cases shows beyond the case: each response's ticket, each group's people.
struct CaseContext: Sendable {
    let tickets: [UUID: String]
    let groups: [String: SupportGroup]

    static func read(_ responseIDs: [UUID], groups: [SupportGroup], scope: InstanceScope) async throws -> CaseContext {
        var tickets: [UUID: String] = [:]
        for response in try await scope.responses.find(responseIDs) {
            if let ticket = response.submission.ticketId { tickets[response.id] = ticket }
        }
        return CaseContext(tickets: tickets, groups: Dictionary(groups.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }))
    }
}

extension Components.Schemas.Case {
    init(_ recovery: RecoveryCase, group: String?, context: CaseContext, now: Date, events: [CaseEvent]? = nil) {
        self.init(
            id: recovery.id.storageKey, responseId: recovery.responseID.storageKey, ticketId: context.tickets[recovery.responseID],
            supportGroupCode: group, owner: recovery.owner(in: group.flatMap { context.groups[$0] })?.storageKey,
            state: .init(rawValue: recovery.state.rawValue) ?? .open,
            resolution: recovery.resolution.flatMap { Components.Schemas.CaseResolution(rawValue: $0.rawValue) }.map { .init(value1: $0) },
            alertedAt: recovery.alertedAt, dueAt: recovery.dueAt, overdue: recovery.isOverdue(at: now), contactedAt: recovery.contactedAt,
            closedAt: recovery.closedAt, escalatedAt: recovery.escalatedAt, events: events?.map(Components.Schemas.CaseEvent.init))
    }
}

extension Components.Schemas.CaseEvent {
    init(_ event: CaseEvent) {
        let (change, owner, resolution): (ChangePayload, UUID?, CaseResolution?) =
            switch event.change {
            case .opened: (.opened, nil, nil)
            case .owner(let contact): (.owner, contact, nil)
            case .contacted: (.contacted, nil, nil)
            case .closed(let resolution): (.closed, nil, resolution)
            case .reopened: (.reopened, nil, nil)
            case .escalated(let contact): (.escalated, contact, nil)
            }
        self.init(
            change: change, owner: owner?.storageKey,
            resolution: resolution.flatMap { Components.Schemas.CaseResolution(rawValue: $0.rawValue) }.map(ResolutionPayload.init(value1:)),
            by: event.by, at: event.at)
    }
}
